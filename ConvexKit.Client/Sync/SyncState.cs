using System.Collections.Immutable;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

/// <summary>
/// The synchronous, IO-free Convex sync-protocol state machine (the JavaScript <c>BaseConvexClient</c> core, with the
/// Rust <c>BaseConvexClient</c> shape): the local query set, query-set and identity versions, request tracking with
/// read-your-writes, the remote query results and the auth handshake.
/// </summary>
/// <remarks>
/// <para>
/// Not thread-safe by design: exactly one owner (the client's pump) calls it, so its rules need no locks. Callers
/// feed it API calls (<see cref="Subscribe"/>, <see cref="EnqueueMutation"/>, …), socket lifecycle
/// (<see cref="OnSocketOpened"/>, <see cref="OnSocketClosed"/>) and server messages (<see cref="Receive"/>); they
/// drain <see cref="TryDequeueOutgoing"/> to the socket and act on the returned <see cref="SyncEvent"/>s.
/// </para>
/// <para>
/// Where the official clients differ it follows JavaScript: a stable session id, unresolved mutations replayed on
/// reconnect, in-flight actions failed on reconnect, stray responses ignored, journals resent.
/// </para>
/// </remarks>
internal sealed partial class SyncState
{
    /// <summary>The error of an action whose socket dropped before it answered (the JavaScript client's wording).</summary>
    public const string ConnectionLostMessage = "Connection lost while action was in flight";

    private readonly Func<long> _clientTsMillis;
    private readonly Queue<ClientMessage> _outgoing = new();
    private readonly TransitionChunkAssembler _chunks = new();
    private List<SyncEvent>? _events;

    private SocketPhase _socket = SocketPhase.Closed;
    private bool _paused;
    private uint _connectionCount;
    private string? _lastCloseReason = ConnectMessage.InitialConnectReason;

    /// <summary>Creates the state of one client.</summary>
    /// <param name="sessionId">The session id, kept for the client's lifetime so replays are de-duplicated.</param>
    /// <param name="clientTsMillis">The client clock for <c>Connect.clientTs</c> (wall-clock milliseconds).</param>
    public SyncState(Guid sessionId, Func<long>? clientTsMillis = null)
    {
        SessionId = sessionId;
        _clientTsMillis = clientTsMillis ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    private enum SocketPhase
    {
        /// <summary>No socket: messages are not produced; the next open replays everything.</summary>
        Closed,

        /// <summary>A socket opened while paused: <c>Connect</c> waits for <see cref="Resume"/> (JavaScript's "uninitialized").</summary>
        OpenAwaitingResume,

        /// <summary>A socket is open and <c>Connect</c> has been sent.</summary>
        Open,
    }

    public Guid SessionId { get; }

    /// <summary>Gets the highest database timestamp observed (Transition end versions and mutation commits), sent in <c>Connect</c>.</summary>
    public ulong? MaxObservedTimestamp { get; private set; }

    /// <summary>Gets a value indicating whether a socket is open and initialized.</summary>
    public bool IsConnected => _socket == SocketPhase.Open;

    /// <summary>Gets a value indicating whether sending is paused (while an auth token is fetched).</summary>
    public bool IsPaused => _paused;

    /// <summary>Gets how many sockets have been initialized so far.</summary>
    public uint ConnectionCount => _connectionCount;

    /// <summary>Gets the number of messages waiting for the socket.</summary>
    public int OutgoingCount => _outgoing.Count;

    /// <summary>
    /// Gets a value indicating whether everything outstanding at the last reconnect (queries, auth, requests) has been
    /// answered since; the transport resets its backoff then (JavaScript <c>hasSyncedPastLastReconnect</c>).
    /// </summary>
    public bool HasSyncedPastLastReconnect =>
        _queriesOlderThanRestart.Count == 0 && !_authOlderThanRestart && _requestsOlderThanRestart.Count == 0;

    private bool CanSend => _socket == SocketPhase.Open && !_paused;

    /// <summary>Takes the next message for the socket. Only yields messages while a socket is open.</summary>
    public bool TryDequeueOutgoing(out ClientMessage message) => _outgoing.TryDequeue(out message!);

    private void Send(ClientMessage message)
    {
        if (CanSend)
        {
            _outgoing.Enqueue(message);
        }
    }

    private void Emit(SyncEvent syncEvent) => (_events ??= []).Add(syncEvent);

    private IReadOnlyList<SyncEvent> TakeEvents()
    {
        var events = _events;
        _events = null;
        return events is null ? [] : events;
    }

    private void RaiseMaxObservedTimestamp(ulong ts)
    {
        if (MaxObservedTimestamp is not { } current || current < ts)
        {
            MaxObservedTimestamp = ts;
        }
    }

    private static ImmutableArray<string> OrEmpty(ImmutableArray<string> lines) => lines.IsDefault ? [] : lines;
}
