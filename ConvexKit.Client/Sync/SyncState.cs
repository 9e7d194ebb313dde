using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Sync;

/// <summary>
/// The synchronous, IO-free Convex sync-protocol state machine (the JavaScript <c>BaseConvexClient</c> core, with the
/// Rust <c>BaseConvexClient</c> shape). It owns the socket phase and the pause, and composes the parts that own the
/// rest: the <see cref="LocalQuerySet"/>, the <see cref="RemoteQuerySet"/>, the <see cref="AuthState"/> and the
/// <see cref="RequestManager"/>, each with its own fields and restart.
/// </summary>
/// <remarks>
/// <para>
/// Not thread-safe by design: exactly one owner (the client's engine) calls it, so its rules need no locks. Callers
/// feed it API calls (<see cref="Subscribe"/>, <see cref="EnqueueMutation"/>, …), socket lifecycle
/// (<see cref="OnSocketOpened"/>, <see cref="OnSocketClosed"/>) and server messages (<see cref="Receive"/>); they
/// drain <see cref="TryDequeueOutgoing"/> to the socket and act on the returned <see cref="SyncEvent"/>s.
/// </para>
/// <para>
/// Where the official clients differ it follows JavaScript: a stable session id, unresolved mutations replayed on
/// reconnect, in-flight actions failed on reconnect, stray responses ignored, journals resent. Unlike both, requests
/// are flow-controlled to the server's limits (see <see cref="RequestManager"/>).
/// </para>
/// </remarks>
internal sealed class SyncState
{
    /// <summary>The error of an action whose socket dropped before it answered (the JavaScript client's wording).</summary>
    public const string ConnectionLostMessage = RequestManager.ConnectionLostMessage;

    private readonly Func<long> _clientTsMillis;
    private readonly SyncOutput _output = new();
    private readonly LocalQuerySet _local = new();
    private readonly RemoteQuerySet _remote = new();
    private readonly AuthState _auth = new();
    private readonly RequestManager _requests = new();

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
    public int OutgoingCount => _output.OutgoingCount;

    /// <summary>
    /// Gets a value indicating whether everything outstanding at the last reconnect (queries, auth, requests) has been
    /// answered since; the transport resets its backoff then (JavaScript <c>hasSyncedPastLastReconnect</c>).
    /// </summary>
    public bool HasSyncedPastLastReconnect =>
        _local.HasSyncedPastRestart && _auth.HasSyncedPastRestart && _requests.HasSyncedPastRestart;

    /// <summary>Gets the snapshot published by the last applied Transition (kept across a reconnect until the next one).</summary>
    public QueryResults LatestResults => _remote.LatestResults;

    /// <summary>Gets the version of the last Transition applied on this socket.</summary>
    public StateVersion RemoteVersion => _remote.Version;

    /// <summary>Gets the number of distinct live queries (one per token, however many subscribers).</summary>
    public int QueryCount => _local.Count;

    /// <summary>Gets the live queries.</summary>
    public IEnumerable<LocalQuery> Queries => _local.Queries;

    /// <summary>Gets the identity the client authenticates as (<see langword="null"/>: none).</summary>
    public AuthenticationToken? Auth => _auth.Token;

    /// <summary>Gets the number of <c>Authenticate</c> messages sent on this socket (the next one's base version).</summary>
    public uint IdentityVersion => _auth.IdentityVersion;

    /// <summary>Gets the number of unresolved mutations and actions.</summary>
    public int PendingRequestCount => _requests.Count;

    /// <summary>Gets the number of mutations and actions sent on this socket and not yet answered on it.</summary>
    public int InFlightRequestCount => _requests.InFlightCount;

    /// <summary>Gets the number of mutations and actions held back until the socket has room for them.</summary>
    public int WaitingRequestCount => _requests.WaitingCount;

    private bool CanSend => _socket == SocketPhase.Open && !_paused;

    /// <summary>Takes the next message for the socket. Only yields messages while a socket is open.</summary>
    public bool TryDequeueOutgoing(out ClientMessage message) => _output.TryDequeue(out message);

    public LocalQuery? GetQuery(uint queryId) => _local.Get(queryId);

    public LocalQuery? GetQuery(string token) => _local.Get(token);

    /// <summary>
    /// Subscribes to <paramref name="udfPath"/> with <paramref name="args"/>. A token already live just gains a
    /// subscriber; a new one gets a never-reused query id and an <c>Add</c> is sent (base v → v + 1).
    /// </summary>
    /// <exception cref="ArgumentException">The path is not a valid function path.</exception>
    public SubscribeResult Subscribe(string udfPath, ConvexObject args, QueryJournal? journal = null)
    {
        var (result, add) = _local.Subscribe(FunctionPath.Canonicalize(udfPath), args, journal);
        if (add is not null)
        {
            ModifyQuerySet(add);
        }

        return result;
    }

    /// <summary>
    /// Drops one subscriber of <paramref name="token"/>; when it was the last, the query is removed (a <c>Remove</c> is
    /// sent and its results are dropped). Returns whether the query was removed.
    /// </summary>
    public bool Unsubscribe(string token)
    {
        if (_local.Unsubscribe(token) is not { } queryId)
        {
            return false;
        }

        _remote.Remove(queryId);
        ModifyQuerySet(new RemoveQuery(queryId));
        return true;
    }

    /// <summary>Queues a mutation; returns its request id (one counter for mutations and actions, never reset).</summary>
    /// <exception cref="ArgumentException">The path is not a valid function path.</exception>
    public uint EnqueueMutation(string udfPath, ConvexObject args) => Enqueue(ConvexFunctionKind.Mutation, udfPath, args);

    /// <summary>Queues an action; returns its request id.</summary>
    /// <exception cref="ArgumentException">The path is not a valid function path.</exception>
    public uint EnqueueAction(string udfPath, ConvexObject args) => Enqueue(ConvexFunctionKind.Action, udfPath, args);

    /// <summary>Sets a user token or admin key; sent now if the socket is up, otherwise on open or resume.</summary>
    public void SetAuth(AuthenticationToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token is AuthenticationToken.None)
        {
            ClearAuth();
            return;
        }

        _auth.Set(token, CanSend ? _output : null);
    }

    /// <summary>Logs out: <c>Authenticate{tokenType: "None"}</c> on a live socket; nothing on the next open.</summary>
    public void ClearAuth() => _auth.Clear(CanSend ? _output : null);

    /// <summary>Returns whether <paramref name="token"/> differs from the current identity (JavaScript <c>isNewAuth</c>).</summary>
    public bool IsNewAuth(AuthenticationToken token) => _auth.IsNew(token);

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
            return _output.TakeEvents();
        }

        if (_socket == SocketPhase.Open)
        {
            // Identity first (JavaScript's onResume order), so the buffered queries already run as the new user.
            _auth.Resume(_output);
            if (_local.TakeBuffered() is { } modifications)
            {
                _output.Send(modifications);
            }

            _requests.Flush(_output);
        }

        _local.DropBuffered();
        return _output.TakeEvents();
    }

    /// <summary>
    /// A new socket is open: sends <c>Connect</c>, then <c>Authenticate{base 0}</c> if an identity is set, then
    /// <c>ModifyQuerySet{0→1}</c> with every live query (same ids, last journals), then replays unresolved mutations
    /// in request-id order (as many as the server takes at once) and fails in-flight actions. While paused, this
    /// waits for <see cref="Resume"/>.
    /// </summary>
    public IReadOnlyList<SyncEvent> OnSocketOpened()
    {
        if (_paused)
        {
            _socket = SocketPhase.OpenAwaitingResume;
            return [];
        }

        Open();
        return _output.TakeEvents();
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
        _output.ClearOutgoing();
        _remote.ResetChunks();
    }

    /// <summary>Applies a server message and returns what the caller must act on.</summary>
    public IReadOnlyList<SyncEvent> Receive(ServerMessage message)
    {
        if (_socket != SocketPhase.Open)
        {
            // A frame that raced the socket's close belongs to a connection whose state is already discarded.
            return [];
        }

        if (_remote.IsAssemblingChunks && message is not TransitionChunkMessage)
        {
            _remote.ResetChunks();
            _output.Emit(new MessageIgnored($"a partial chunked Transition, interrupted by {message.Type}"));
        }

        switch (message)
        {
            case TransitionMessage transition:
                ApplyTransition(transition);
                break;
            case TransitionChunkMessage chunk:
                ApplyChunk(chunk);
                break;
            case ResponseMessage response:
                OnResponse(response);
                break;
            case AuthErrorMessage authError:
                _output.Emit(new AuthErrorReceived(authError, _auth.IsStale(authError)));
                break;
            case FatalErrorMessage fatal:
                _output.Emit(new FatalErrorReceived(fatal.Error));
                break;
            case PingMessage:
                break;
            default:
                _output.Emit(new MessageIgnored($"a message of unknown type '{message.Type}'"));
                break;
        }

        return _output.TakeEvents();
    }

    private uint Enqueue(ConvexFunctionKind kind, string udfPath, ConvexObject args)
    {
        var id = _requests.Add(kind, FunctionPath.Canonicalize(udfPath), args);
        if (CanSend)
        {
            _requests.Flush(_output);
        }

        return id;
    }

    private void ModifyQuerySet(QuerySetModification modification)
    {
        if (_paused)
        {
            // Sent as one ModifyQuerySet on resume.
            _local.Buffer(modification);
        }
        else if (_socket == SocketPhase.Open)
        {
            _output.Send(_local.Modify(modification));
        }

        // No socket: the next open sends the whole set from scratch.
    }

    private void Open()
    {
        _socket = SocketPhase.Open;
        _output.ClearOutgoing();
        _output.Send(new ConnectMessage(SessionId, _connectionCount, _lastCloseReason, _clientTsMillis(), MaxObservedTimestamp));
        _connectionCount++;
        _lastCloseReason = null;

        // The published snapshot survives until the new socket's first Transition, so subscribers keep their last values.
        _remote.Restart();
        var querySet = _local.Restart();
        _auth.Restart(_output);
        _output.Send(querySet);
        _requests.Restart(_output);
        _requests.Flush(_output);
    }

    private void OnResponse(ResponseMessage response)
    {
        var commitTs = response is MutationResponseMessage { Success: true, Ts: { } ts } ? ts : (ulong?)null;

        // Read your writes: a mutation resolves once a Transition at or past its commit has been applied; one may
        // already have been (it can overtake the response), and then the caller's results already include the write.
        var observed = commitTs is { } commit && _remote.HasObserved(commit);
        if (_requests.OnResponse(response, observed, _output) && commitTs is { } accepted)
        {
            RaiseMaxObservedTimestamp(accepted);
        }

        if (CanSend)
        {
            // An answer frees room on the socket for a waiting request.
            _requests.Flush(_output);
        }
    }

    private void ApplyChunk(TransitionChunkMessage chunk)
    {
        try
        {
            if (_remote.AddChunk(chunk) is { } transition)
            {
                ApplyTransition(transition);
            }
        }
        catch (ConvexProtocolException ex)
        {
            _output.Emit(new ReconnectRequired(ex.Message));
        }
    }

    private void ApplyTransition(TransitionMessage transition)
    {
        if (transition.StartVersion != _remote.Version)
        {
            _output.Emit(new ReconnectRequired($"a Transition starts at {transition.StartVersion}, but the client is at {_remote.Version}"));
            return;
        }

        RaiseMaxObservedTimestamp(transition.EndVersion.Ts);
        if (_auth.Confirms(transition))
        {
            _output.Emit(new AuthConfirmed(transition.EndVersion.Identity));
        }

        var changed = _remote.Apply(transition, _local, _output);

        // Subscribers hear about the new results before the mutations those results reflect are reported complete.
        _output.Emit(new QueriesChanged(changed, _remote.LatestResults));
        _requests.ResolveCompletedUpTo(transition.EndVersion.Ts, _output);
    }

    private void RaiseMaxObservedTimestamp(ulong ts)
    {
        if (MaxObservedTimestamp is not { } current || current < ts)
        {
            MaxObservedTimestamp = ts;
        }
    }
}
