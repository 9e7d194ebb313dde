using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

internal sealed partial class SyncState
{
    /// <summary>
    /// A new socket is open: sends <c>Connect</c>, then <c>Authenticate{base 0}</c> if an identity is set, then
    /// <c>ModifyQuerySet{0→1}</c> with every live query (same ids, last journals), then replays unresolved mutations
    /// in request-id order and fails in-flight actions. While paused, this waits for <see cref="Resume"/>.
    /// </summary>
    public IReadOnlyList<SyncEvent> OnSocketOpened()
    {
        if (_paused)
        {
            _socket = SocketPhase.OpenAwaitingResume;
            return [];
        }

        Open();
        return TakeEvents();
    }

    /// <summary>
    /// The socket closed (or a connection attempt failed) for <paramref name="reason"/>; the first reason since the
    /// last successful open is reported in the next <c>Connect.lastCloseReason</c>. A <see langword="null"/> reason
    /// (the client stopped the socket itself, as JavaScript's <c>stopSocket</c> does to re-authenticate) records
    /// none. Unsent messages are dropped: the next open re-sends everything that matters.
    /// </summary>
    public void OnSocketClosed(string? reason)
    {
        _lastCloseReason ??= reason;
        _socket = SocketPhase.Closed;
        _outgoing.Clear();
        _chunks.Reset();
    }

    private void Open()
    {
        _socket = SocketPhase.Open;
        _outgoing.Clear();
        _chunks.Reset();
        Send(new ConnectMessage(SessionId, _connectionCount, _lastCloseReason, _clientTsMillis(), MaxObservedTimestamp));
        _connectionCount++;
        _lastCloseReason = null;

        // Each socket starts from the initial version with no results; the published snapshot survives until the
        // new socket's first Transition, so subscribers keep their last values meanwhile.
        _remoteVersion = StateVersion.Initial;
        _remoteResults = _remoteResults.Clear();
        _transitionsSinceOpen = 0;

        var querySet = RestartQuerySet();
        if (_auth is { } auth)
        {
            _authOlderThanRestart = true;
            Send(new AuthenticateMessage(0, auth));
            _identityVersion = 1;
        }
        else
        {
            _identityVersion = 0;
        }

        Send(querySet);
        RestartRequests();
    }
}
