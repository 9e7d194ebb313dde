using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

internal sealed partial class SyncState
{
    private AuthenticationToken? _auth;
    private uint _identityVersion;
    private bool _authOlderThanRestart;

    /// <summary>Gets the identity the client authenticates as (<see langword="null"/>: none).</summary>
    public AuthenticationToken? Auth => _auth;

    /// <summary>Gets the number of <c>Authenticate</c> messages sent on this socket (the next one's base version).</summary>
    public uint IdentityVersion => _identityVersion;

    /// <summary>Sets a user token or admin key; sent now if the socket is up, otherwise on open or resume.</summary>
    public void SetAuth(AuthenticationToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token is AuthenticationToken.None)
        {
            ClearAuth();
            return;
        }

        _auth = token;
        SendAuthenticate(token);
    }

    /// <summary>Logs out: <c>Authenticate{tokenType: "None"}</c> on a live socket; nothing on the next open.</summary>
    public void ClearAuth()
    {
        _auth = null;
        _authOlderThanRestart = false;
        SendAuthenticate(AuthenticationToken.None.Instance);
    }

    /// <summary>Returns whether <paramref name="token"/> differs from the current identity (JavaScript <c>isNewAuth</c>).</summary>
    public bool IsNewAuth(AuthenticationToken token) => !Equals(_auth, token);

    /// <summary>
    /// Holds back query-set changes, authentication and requests (e.g. while a token is fetched) so nothing runs under
    /// a stale identity; <see cref="Resume"/> sends them as one batch.
    /// </summary>
    public void Pause() => _paused = true;

    /// <summary>Ends a <see cref="Pause"/>: sends buffered query-set changes, the identity and unsent requests.</summary>
    public IReadOnlyList<SyncEvent> Resume()
    {
        if (!_paused)
        {
            return [];
        }

        _paused = false;
        if (_socket == SocketPhase.OpenAwaitingResume)
        {
            Open();
            return TakeEvents();
        }

        if (_socket == SocketPhase.Open)
        {
            // Identity first (JavaScript's onResume order), so the buffered queries already run as the new user.
            if (_auth is { } auth)
            {
                Send(new AuthenticateMessage(_identityVersion++, auth));
            }

            if (_pendingModifications.Count > 0)
            {
                Send(new ModifyQuerySetMessage(_querySetVersion, _querySetVersion + 1, [.. _pendingModifications.Values]));
                _querySetVersion++;
            }

            ResumeRequests();
        }

        _pendingModifications.Clear();
        return TakeEvents();
    }

    private void SendAuthenticate(AuthenticationToken token)
    {
        // Paused: the identity goes out on resume. Closed: the next open authenticates from base version 0.
        if (CanSend)
        {
            Send(new AuthenticateMessage(_identityVersion, token));
            _identityVersion++;
        }
    }

    private void OnTransitionIdentity(TransitionMessage transition)
    {
        // A Transition that raises the identity version past a current (not superseded) Authenticate confirms it.
        if (transition.EndVersion.Identity >= _identityVersion && transition.EndVersion.Identity > transition.StartVersion.Identity)
        {
            _authOlderThanRestart = false;
            Emit(new AuthConfirmed(transition.EndVersion.Identity));
        }
    }

    private void OnAuthError(AuthErrorMessage error) =>
        Emit(new AuthErrorReceived(error, IsStale: error.BaseVersion is { } b && b + 1 < _identityVersion));
}
