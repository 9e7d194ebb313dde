using System.Buffers.Text;
using System.Text.Json;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Engine;

/// <summary>What the <see cref="AuthenticationManager"/> asks of the engine. Every call is synchronous; results come back as inputs.</summary>
internal interface IAuthHost
{
    /// <summary>Starts a token fetch; its result comes back through <see cref="AuthenticationManager.OnTokenFetched"/> with <paramref name="fetchId"/>.</summary>
    void FetchToken(int fetchId, bool forceRefresh);

    /// <summary>Asks for <see cref="AuthenticationManager.OnRefreshDue"/> with <paramref name="refreshId"/> after <paramref name="delay"/>.</summary>
    void ScheduleRefresh(int refreshId, TimeSpan delay);

    /// <summary>Authenticates the sync state as <paramref name="token"/>.</summary>
    void SetIdentity(AuthenticationToken token);

    /// <summary>Drops the sync state's identity; unless <paramref name="evenIfNone"/>, only when one is set.</summary>
    void ClearIdentity(bool evenIfNone);

    /// <summary>Returns whether <paramref name="token"/> differs from the sync state's identity.</summary>
    bool IsNewIdentity(AuthenticationToken token);

    /// <summary>Holds back messages while a token is fetched.</summary>
    void Pause();

    /// <summary>Sends what the pause held back.</summary>
    void Resume();

    /// <summary>Closes the socket and keeps it closed until <see cref="RestartSocket"/> (JavaScript's <c>stopSocket</c>).</summary>
    void StopSocket();

    /// <summary>Reopens a socket <see cref="StopSocket"/> closed, at once.</summary>
    void RestartSocket();

    /// <summary>Tells the user's <c>onAuthChange</c> callback.</summary>
    void ReportAuthChange(Action<bool> callback, bool authenticated);

    /// <summary>The deployment rejected the identity.</summary>
    void ReportRejected(string serverMessage);

    /// <summary>The deployment rejected the identity and there is nothing left to try (for an admin key, the host stops the client).</summary>
    void ReportGivenUp(string serverMessage, bool adminKey);
}

/// <summary>
/// The JavaScript client's <c>AuthenticationManager</c>, IO-free: fetch a (possibly cached) token with the socket
/// paused, send it, and once the server confirms it fetch a fresh one and refresh it
/// <see cref="ConvexClientOptions.AuthRefreshLeeway"/> before it expires; on an <c>AuthError</c> fetch a fresh token and
/// retry, giving up (logged out) after two failed confirmations of fresh tokens.
/// </summary>
/// <remarks>
/// Every fetch supersedes the ones before it: only the result of the latest fetch is used, so a scheduled refresh
/// that races a re-authentication cannot log the user out. Owned by the engine (one item at a time); not thread-safe.
/// </remarks>
internal sealed class AuthenticationManager(IAuthHost host, TimeSpan refreshLeeway)
{
    private const int MaxTokenConfirmationAttempts = 2;
    private static readonly TimeSpan s_maxRefreshDelay = TimeSpan.FromDays(20);

    private AuthPhase _phase;
    private bool _hasProvider;
    private bool _adminKey;
    private Action<bool>? _onChange;
    private int _fetchId;
    private TokenPurpose _fetchPurpose;
    private int _refreshId;
    private int _confirmationAttempts;
    private bool _reportedAuthenticated;
    private string? _freshToken;

    private enum AuthPhase
    {
        None,
        Fetching,
        WaitingForCachedTokenConfirmation,
        WaitingForFreshTokenConfirmation,
        RefreshScheduled,
        NotRefetching,
    }

    private enum TokenPurpose
    {
        /// <summary>The first fetch after SetAuth: a cached token is fine; the socket is paused meanwhile.</summary>
        Initial,

        /// <summary>The initial fetch returned nothing: try once more, forcing a refresh.</summary>
        InitialRefetch,

        /// <summary>A proactive refresh (after confirmation, or before expiry).</summary>
        Refresh,

        /// <summary>The server rejected the token: fetch a fresh one while the socket is paused.</summary>
        Reauthenticate,
    }

    /// <summary>Authenticates with tokens from a provider (the engine keeps the provider; this keeps the phases).</summary>
    public void SetTokenProvider(Action<bool>? onChange)
    {
        // Already paused (a fetch for an earlier provider is running): stay paused, so the old identity is not resent.
        Reset(resume: false);
        _hasProvider = true;
        _onChange = onChange;
        _phase = AuthPhase.Fetching;
        host.Pause();
        Fetch(TokenPurpose.Initial, forceRefresh: false);
    }

    /// <summary>Authenticates with an admin key (no fetching, no refresh).</summary>
    public void SetAdminKey(AuthenticationToken.Admin key)
    {
        Reset(resume: true);
        _adminKey = true;
        host.SetIdentity(key);
    }

    /// <summary>Logs out.</summary>
    public void Clear()
    {
        Reset(resume: true);
        host.ClearIdentity(evenIfNone: true);
    }

    /// <summary>The engine is stopping: results of fetches and timers still running are ignored from now on.</summary>
    public void Stop()
    {
        _fetchId++;
        _refreshId++;
    }

    /// <summary>A fetch finished; <paramref name="token"/> is <see langword="null"/> when the provider had none, failed or timed out.</summary>
    public void OnTokenFetched(int fetchId, string? token)
    {
        if (fetchId != _fetchId || !_hasProvider)
        {
            // Superseded by a later fetch or a new auth setting.
            return;
        }

        switch (_fetchPurpose)
        {
            case TokenPurpose.Initial when token is not null:
                host.SetIdentity(new AuthenticationToken.User(token));
                _phase = AuthPhase.WaitingForCachedTokenConfirmation;
                host.Resume();
                break;
            case TokenPurpose.Initial:
                Fetch(TokenPurpose.InitialRefetch, forceRefresh: true);
                return;
            default:
                var user = token is null ? null : new AuthenticationToken.User(token);
                if (user is not null && host.IsNewIdentity(user))
                {
                    host.SetIdentity(user);
                    _freshToken = token;
                    _phase = AuthPhase.WaitingForFreshTokenConfirmation;
                }
                else if (user is not null && _fetchPurpose == TokenPurpose.Refresh)
                {
                    // The provider handed back the token the server already accepted: nothing to refresh (JavaScript's "notRefetching").
                    _phase = AuthPhase.NotRefetching;
                }
                else
                {
                    GiveUp();
                }

                host.Resume();
                break;
        }

        host.RestartSocket();
    }

    /// <summary>A refresh timer fired.</summary>
    public void OnRefreshDue(int refreshId)
    {
        if (refreshId == _refreshId && _phase == AuthPhase.RefreshScheduled && _hasProvider)
        {
            Fetch(TokenPurpose.Refresh, forceRefresh: true);
        }
    }

    /// <summary>A Transition confirmed the current identity.</summary>
    public void OnConfirmed()
    {
        if (_phase == AuthPhase.WaitingForCachedTokenConfirmation)
        {
            Report(true);
            Fetch(TokenPurpose.Refresh, forceRefresh: true);
        }
        else if (_phase == AuthPhase.WaitingForFreshTokenConfirmation)
        {
            _confirmationAttempts = 0;
            Report(true);
            ScheduleRefresh(_freshToken);
        }
    }

    /// <summary>The server rejected authentication (a stale error, about an identity already replaced, is not passed in).</summary>
    public void OnAuthError(AuthErrorMessage error)
    {
        if (!error.AuthUpdateAttempted && _phase is AuthPhase.WaitingForCachedTokenConfirmation or AuthPhase.WaitingForFreshTokenConfirmation)
        {
            return;
        }

        host.ReportRejected(error.Error);
        if (!_hasProvider || (_phase == AuthPhase.WaitingForFreshTokenConfirmation && _confirmationAttempts >= MaxTokenConfirmationAttempts))
        {
            host.ReportGivenUp(error.Error, _adminKey);
            if (!_adminKey)
            {
                GiveUp();
            }

            // A rejected admin key is not retried nor dropped for anonymous access: the key will not change, and
            // carrying on unauthenticated would hide a configuration error. The host stops the client instead.
            return;
        }

        if (_phase == AuthPhase.WaitingForFreshTokenConfirmation)
        {
            _confirmationAttempts++;
        }

        // The server closes the socket after an AuthError. Like JavaScript, close it first ourselves and stay
        // paused, so the next socket opens (at once, without backoff) only with a fresh token in hand.
        host.Pause();
        host.StopSocket();
        _phase = AuthPhase.Fetching;
        Fetch(TokenPurpose.Reauthenticate, forceRefresh: true);
    }

    /// <summary>Reads <c>exp − iat</c> from a JWT's payload (a fresh token is valid that long from now).</summary>
    internal static bool TryReadLifetime(string jwt, out TimeSpan lifetime)
    {
        lifetime = default;
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.TryGetProperty("iat", out var iat) && iat.TryGetDouble(out var issued) &&
                document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetDouble(out var expires) &&
                expires - issued > 2)
            {
                lifetime = TimeSpan.FromSeconds(expires - issued);
                return true;
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }

        return false;
    }

    private void Fetch(TokenPurpose purpose, bool forceRefresh)
    {
        _fetchPurpose = purpose;
        host.FetchToken(++_fetchId, forceRefresh);
    }

    private void GiveUp()
    {
        Report(false);
        Reset(resume: true);
        host.ClearIdentity(evenIfNone: false);
    }

    private void Reset(bool resume)
    {
        _fetchId++;
        _refreshId++;
        _hasProvider = false;
        _adminKey = false;
        _onChange = null;
        _phase = AuthPhase.None;
        _confirmationAttempts = 0;
        _reportedAuthenticated = false;
        _freshToken = null;
        if (resume)
        {
            host.Resume();
        }

        // A new auth setting abandons a re-authentication in progress: its socket must not stay stopped.
        host.RestartSocket();
    }

    private void Report(bool authenticated)
    {
        // Like the JavaScript client, report "authenticated" once per SetAuth, not on every refreshed token.
        if (authenticated && _reportedAuthenticated)
        {
            return;
        }

        _reportedAuthenticated = authenticated;
        if (_onChange is { } callback)
        {
            host.ReportAuthChange(callback, authenticated);
        }
    }

    private void ScheduleRefresh(string? token)
    {
        if (token is null || !TryReadLifetime(token, out var lifetime))
        {
            // Not a JWT with iat and exp: there is no expiry to refresh ahead of (JavaScript logs and stops here too).
            _phase = AuthPhase.NotRefetching;
            return;
        }

        var delay = lifetime - refreshLeeway;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > s_maxRefreshDelay ? s_maxRefreshDelay : delay;
        _phase = AuthPhase.RefreshScheduled;
        host.ScheduleRefresh(++_refreshId, delay);
    }
}
