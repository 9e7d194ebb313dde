using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

/// <summary>
/// The identity half of the sync state (JavaScript <c>LocalSyncState</c>'s auth fields): the token the client
/// authenticates as and the per-socket identity version that numbers its <c>Authenticate</c> messages.
/// </summary>
internal sealed class AuthState
{
    private bool _olderThanRestart;

    /// <summary>Gets the identity the client authenticates as (<see langword="null"/>: none).</summary>
    public AuthenticationToken? Token { get; private set; }

    /// <summary>Gets the number of <c>Authenticate</c> messages sent on this socket (the next one's base version).</summary>
    public uint IdentityVersion { get; private set; }

    /// <summary>Gets a value indicating whether the identity sent at the last open has been confirmed (or dropped) since.</summary>
    public bool HasSyncedPastRestart => !_olderThanRestart;

    public bool IsNew(AuthenticationToken token) => !Equals(Token, token);

    /// <summary>Sets the identity; sends it when <paramref name="send"/> is set (a live, unpaused socket).</summary>
    public void Set(AuthenticationToken token, SyncOutput? send)
    {
        Token = token;
        Announce(token, send);
    }

    /// <summary>Drops the identity; a live socket is told (<c>tokenType: "None"</c>).</summary>
    public void Clear(SyncOutput? send)
    {
        Token = null;
        _olderThanRestart = false;
        Announce(AuthenticationToken.None.Instance, send);
    }

    /// <summary>A new socket: the identity goes out from base version 0, after <c>Connect</c>.</summary>
    public void Restart(SyncOutput output)
    {
        IdentityVersion = 0;
        if (Token is { } token)
        {
            _olderThanRestart = true;
            Announce(token, output);
        }
    }

    /// <summary>The end of a pause on a live socket: the identity set meanwhile goes out.</summary>
    public void Resume(SyncOutput output)
    {
        if (Token is { } token)
        {
            Announce(token, output);
        }
    }

    /// <summary>Returns whether <paramref name="transition"/> confirms the current (not superseded) <c>Authenticate</c>.</summary>
    public bool Confirms(TransitionMessage transition)
    {
        if (transition.EndVersion.Identity >= IdentityVersion && transition.EndVersion.Identity > transition.StartVersion.Identity)
        {
            _olderThanRestart = false;
            return true;
        }

        return false;
    }

    /// <summary>An <c>AuthError</c> about an identity already replaced (JavaScript's <c>baseVersion + 1</c> rule).</summary>
    public bool IsStale(AuthErrorMessage error) => error.BaseVersion is { } b && b + 1 < IdentityVersion;

    private void Announce(AuthenticationToken token, SyncOutput? send)
    {
        // Paused: the identity goes out on resume. Closed: the next open authenticates from base version 0.
        if (send is not null)
        {
            send.Send(new AuthenticateMessage(IdentityVersion, token));
            IdentityVersion++;
        }
    }
}
