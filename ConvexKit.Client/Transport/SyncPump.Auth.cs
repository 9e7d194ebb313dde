using System.Buffers.Text;
using System.Text.Json;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Sync;

namespace ConvexKit.Client.Transport;

/// <summary>Auth commands and results, handled by the pump.</summary>
internal abstract record AuthItem : PumpItem;

/// <summary>Authenticate with tokens from <see cref="Provider"/> (forceRefresh, cancellation) → JWT or <see langword="null"/>.</summary>
internal sealed record SetTokenProviderItem(
    Func<bool, CancellationToken, ValueTask<string?>> Provider, Action<bool>? OnChange) : AuthItem;

internal sealed record SetAdminAuthItem(string Key, UserIdentityAttributes? ActingAs) : AuthItem;

internal sealed record ClearAuthItem : AuthItem;

internal sealed record TokenFetchedItem(int Generation, TokenPurpose Purpose, string? Token) : AuthItem;

internal sealed record RefreshDueItem(int Generation) : AuthItem;

internal enum TokenPurpose
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

/// <summary>
/// The JavaScript client's <c>AuthenticationManager</c>: fetch a (possibly cached) token with the socket paused, send
/// it, and once the server confirms it fetch a fresh one and refresh it <see cref="ConvexClientOptions.AuthRefreshLeeway"/>
/// before it expires; on an <c>AuthError</c> fetch a fresh token and retry, giving up (logged out) after two failed
/// confirmations of fresh tokens.
/// </summary>
internal sealed partial class SyncPump
{
    private const int MaxTokenConfirmationAttempts = 2;
    private static readonly TimeSpan s_maxRefreshDelay = TimeSpan.FromDays(20);

    private Func<bool, CancellationToken, ValueTask<string?>>? _tokenProvider;
    private Action<bool>? _onAuthChange;
    private AuthPhase _authPhase;
    private int _authGeneration;
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

    private void HandleAuth(AuthItem item)
    {
        switch (item)
        {
            case SetTokenProviderItem set:
                ResetAuth();
                _tokenProvider = set.Provider;
                _onAuthChange = set.OnChange;
                _authPhase = AuthPhase.Fetching;
                _sync.Pause();
                FetchToken(TokenPurpose.Initial, forceRefresh: false);
                break;
            case SetAdminAuthItem admin:
                ResetAuth();
                _sync.SetAuth(new AuthenticationToken.Admin(admin.Key, admin.ActingAs));
                break;
            case ClearAuthItem:
                ResetAuth();
                _sync.ClearAuth();
                break;
            case TokenFetchedItem fetched when fetched.Generation == _authGeneration:
                OnTokenFetched(fetched);
                RestartSocketAfterAuth();
                break;
            case RefreshDueItem due when due.Generation == _authGeneration && _tokenProvider is not null:
                FetchToken(TokenPurpose.Refresh, forceRefresh: true);
                break;
        }
    }

    private void OnTokenFetched(TokenFetchedItem fetched)
    {
        switch (fetched.Purpose)
        {
            case TokenPurpose.Initial when fetched.Token is { } token:
                _sync.SetAuth(new AuthenticationToken.User(token));
                _authPhase = AuthPhase.WaitingForCachedTokenConfirmation;
                Process(_sync.Resume());
                break;
            case TokenPurpose.Initial:
                FetchToken(TokenPurpose.InitialRefetch, forceRefresh: true);
                break;
            case TokenPurpose.InitialRefetch or TokenPurpose.Refresh or TokenPurpose.Reauthenticate:
                var user = fetched.Token is { } t ? new AuthenticationToken.User(t) : null;
                if (user is not null && _sync.IsNewAuth(user))
                {
                    _sync.SetAuth(user);
                    _freshToken = fetched.Token;
                    _authPhase = AuthPhase.WaitingForFreshTokenConfirmation;
                }
                else if (user is not null && fetched.Purpose == TokenPurpose.Refresh)
                {
                    // The provider handed back the token the server already accepted: nothing to refresh (JavaScript's "notRefetching").
                    _authPhase = AuthPhase.NotRefetching;
                }
                else
                {
                    GiveUpAuth();
                }

                Process(_sync.Resume());
                break;
        }
    }

    private void OnAuthConfirmed()
    {
        if (_authPhase == AuthPhase.WaitingForCachedTokenConfirmation)
        {
            NotifyAuthChange(true);
            FetchToken(TokenPurpose.Refresh, forceRefresh: true);
        }
        else if (_authPhase == AuthPhase.WaitingForFreshTokenConfirmation)
        {
            _confirmationAttempts = 0;
            NotifyAuthChange(true);

            ScheduleRefresh(_freshToken);
        }
    }

    private void OnAuthError(AuthErrorReceived authError)
    {
        var error = authError.Error;
        if (authError.IsStale ||
            (!error.AuthUpdateAttempted && _authPhase is AuthPhase.WaitingForCachedTokenConfirmation or AuthPhase.WaitingForFreshTokenConfirmation))
        {
            return;
        }

        _logger.AuthRejected(error.Error);
        if (_tokenProvider is null ||
            (_authPhase == AuthPhase.WaitingForFreshTokenConfirmation && _confirmationAttempts >= MaxTokenConfirmationAttempts))
        {
            _logger.AuthGivenUp(error.Error);
            GiveUpAuth();
            return;
        }

        if (_authPhase == AuthPhase.WaitingForFreshTokenConfirmation)
        {
            _confirmationAttempts++;
        }

        // The server closes the socket after an AuthError. Like JavaScript, close it first ourselves and stay
        // paused, so the next socket opens (at once, without backoff) only with a fresh token in hand.
        _sync.Pause();
        StopSocketForAuth();
        _authPhase = AuthPhase.Fetching;
        FetchToken(TokenPurpose.Reauthenticate, forceRefresh: true);
    }

    private void GiveUpAuth()
    {
        NotifyAuthChange(false);
        ResetAuth();
        if (_sync.Auth is not null)
        {
            _sync.ClearAuth();
        }
    }

    private void ResetAuth()
    {
        _authGeneration++;
        _tokenProvider = null;
        _onAuthChange = null;
        _authPhase = AuthPhase.None;
        _confirmationAttempts = 0;
        _reportedAuthenticated = false;
        _freshToken = null;
        if (_sync.IsPaused)
        {
            Process(_sync.Resume());
        }

        // A new auth setting abandons a re-authentication in progress: its socket must not stay stopped.
        RestartSocketAfterAuth();
    }

    private void StopAuth() => _authGeneration++;

    private void NotifyAuthChange(bool authenticated)
    {
        // Like the JavaScript client, report "authenticated" once per SetAuth, not on every refreshed token.
        if (authenticated && _reportedAuthenticated)
        {
            return;
        }

        _reportedAuthenticated = authenticated;
        if (_onAuthChange is { } callback)
        {
            ThreadPool.QueueUserWorkItem(static state => state.callback(state.authenticated), (callback, authenticated), preferLocal: false);
        }
    }

    private void FetchToken(TokenPurpose purpose, bool forceRefresh)
    {
        var provider = _tokenProvider!;
        var generation = _authGeneration;
        _ = Task.Run(async () =>
        {
            string? token = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(_options.Timeout);
                token = await provider(forceRefresh, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                _logger.TokenProviderFailed(ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            TryPost(new TokenFetchedItem(generation, purpose, string.IsNullOrEmpty(token) ? null : token));
        });
    }

    private void ScheduleRefresh(string? token)
    {
        if (token is null || !TryReadLifetime(token, out var lifetime))
        {
            // Not a JWT with iat and exp: there is no expiry to refresh ahead of (JavaScript logs and stops here too).
            _authPhase = AuthPhase.NotRefetching;
            return;
        }

        var delay = lifetime - _options.AuthRefreshLeeway;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > s_maxRefreshDelay ? s_maxRefreshDelay : delay;
        _authPhase = AuthPhase.RefreshScheduled;
        _logger.TokenRefreshScheduled(delay);
        _ = DelayThenPostAsync(delay, new RefreshDueItem(_authGeneration));
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
}
