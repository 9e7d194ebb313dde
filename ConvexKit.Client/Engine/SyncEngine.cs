using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Http;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Transport;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Engine;

/// <summary>
/// The engine of a <see cref="ConvexClient"/>. It owns the <see cref="SyncState"/> (which is not thread-safe, so
/// nothing else touches it) and handles, one at a time, API commands, frames, closes and timers posted to its
/// <see cref="EngineInbox"/>. It composes the parts that own the rest: the <see cref="ConnectionSupervisor"/> (sockets, epochs,
/// backoff, inactivity), the <see cref="AuthenticationManager"/> (token phases) and the <see cref="RequestRouter"/>
/// (results to callers and subscribers).
/// </summary>
internal sealed class SyncEngine : IConnectionOwner, IAuthHost
{
    // Bounded by its producers: received frames by ConnectionSupervisor.MaxFramesWaiting, API items by the callers
    // waiting on them (one per call, subscription or auth change), connection and auth items by the one attempt or
    // timer each owner keeps. A bounded inbox would make Post block or fail a caller for no gain.
    private readonly EngineInbox _inbox;
    private readonly SyncState _sync = new(Guid.NewGuid());
    private readonly ClientFrameWriter _frames = new();
    private readonly Uri _syncUri;
    private readonly ConvexClientOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger _functionLogger;
    private readonly Action<ConvexConnectionState, ConvexConnectionState, string?, int> _stateChanged;
    private readonly Action<QueryResults?> _snapshots;
    private readonly ConvexServerTags _telemetryTags;
    private readonly ConnectionSupervisor _connection;
    private readonly AuthenticationManager _auth;
    private readonly RequestRouter _router;
    private Func<bool, CancellationToken, ValueTask<string?>>? _tokenProvider;
    private Exception? _terminal;
    private volatile int _state = (int)ConvexConnectionState.Connecting;

    public SyncEngine(
        ISyncTransport transport,
        Uri syncUri,
        ConvexClientOptions options,
        ILogger logger,
        ILogger functionLogger,
        Action<ConvexConnectionState, ConvexConnectionState, string?, int> stateChanged,
        Action<QueryResults?> snapshots)
    {
        _syncUri = syncUri;
        _options = options;
        _logger = logger;
        _functionLogger = functionLogger;
        _stateChanged = stateChanged;
        _snapshots = snapshots;
        _telemetryTags = new ConvexServerTags(syncUri, ConvexTelemetryNames.WebSocket);
        _connection = new ConnectionSupervisor(transport, syncUri, options, logger, this, TryPost);
        _auth = new AuthenticationManager(this, options.AuthRefreshLeeway);
        _router = new RequestRouter(logger);
        _inbox = new EngineInbox(HandleAsync, OnHandlingFailed);
    }

    public Guid SessionId => _sync.SessionId;

    public ConvexConnectionState State => (ConvexConnectionState)_state;

    /// <summary>Starts connecting (the attempt itself runs on the thread pool). The first item, so every later one finds the connection started.</summary>
    public void Start() => TryPost(StartItem.Instance);

    /// <summary>Queues an API caller's work for the engine, and handles that item (only that one) on this thread when the engine is idle.</summary>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal error.</exception>
    public void Post(EngineItem item)
    {
        if (!_inbox.TryPost(item, EngineInbox.CallerTurn))
        {
            throw Volatile.Read(ref _terminal) ?? new ObjectDisposedException(nameof(ConvexClient));
        }
    }

    /// <summary>Stops the engine: fails pending calls, ends subscriptions and closes the socket (within a few seconds).</summary>
    public async Task StopAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_inbox.TryPost(new StopItem(stopped), EngineInbox.CallerTurn))
        {
            await stopped.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Unsubscribing after the client closed is a no-op: the subscription has already ended.</summary>
    public void TryPostUnsubscribe(ConvexSubscription subscription) => _inbox.TryPost(new UnsubscribeItem(subscription), EngineInbox.CallerTurn);

    void IConnectionOwner.OnOpened()
    {
        Process(_sync.OnSocketOpened());
        _logger.Connected(_syncUri, _sync.ConnectionCount, _sync.SessionId);
        SetState(ConvexConnectionState.Connected, null);
    }

    void IConnectionOwner.OnFrame(ReadOnlyMemory<byte> frame)
    {
        ServerMessage message;
        try
        {
            message = ServerMessageReader.Parse(frame);
        }
        catch (ConvexProtocolException ex)
        {
            _connection.CloseAndReconnect(ex.Message);
            return;
        }

        if (message is TransitionMessage || (message is TransitionChunkMessage chunk && chunk.PartNumber == chunk.TotalParts - 1))
        {
            ConvexMetrics.TransitionReceived(_telemetryTags);
        }

        Process(_sync.Receive(message));
        if (_sync.IsConnected && _sync.HasSyncedPastLastReconnect)
        {
            _connection.ResetBackoff();
        }
    }

    void IConnectionOwner.OnSocketLost(string? reason) => _sync.OnSocketClosed(reason);

    void IConnectionOwner.OnStateChanged(ConvexConnectionState state, string? reason) => SetState(state, reason);

    void IAuthHost.FetchToken(int fetchId, bool forceRefresh)
    {
        var provider = _tokenProvider!;
        var stopping = _connection.Stopping;
        var timeout = _options.Timeout;
        _ = Task.Run(async () =>
        {
            string? token = null;
            try
            {
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                cancel.CancelAfter(timeout);

                // WaitAsync bounds a provider that ignores its token: the client must not stay paused forever.
                token = await provider(forceRefresh, cancel.Token).AsTask().WaitAsync(timeout, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                _logger.TokenProviderFailed(ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            TryPost(new TokenFetchedItem(fetchId, string.IsNullOrEmpty(token) ? null : token));
        });
    }

    void IAuthHost.ScheduleRefresh(int refreshId, TimeSpan delay)
    {
        _logger.TokenRefreshScheduled(delay);
        _ = _connection.DelayThenPostAsync(delay, new RefreshDueItem(refreshId));
    }

    void IAuthHost.SetIdentity(AuthenticationToken token) => _sync.SetAuth(token);

    void IAuthHost.ClearIdentity(bool evenIfNone)
    {
        if (evenIfNone || _sync.Auth is not null)
        {
            _sync.ClearAuth();
        }
    }

    bool IAuthHost.IsNewIdentity(AuthenticationToken token) => _sync.IsNewAuth(token);

    void IAuthHost.Pause() => _sync.Pause();

    void IAuthHost.Resume() => Process(_sync.Resume());

    void IAuthHost.StopSocket() => _connection.StopForAuth();

    void IAuthHost.RestartSocket() => _connection.RestartAfterAuth();

    void IAuthHost.ReportAuthChange(Action<bool> callback, bool authenticated) =>
        ThreadPool.QueueUserWorkItem(
            static state =>
            {
                try
                {
                    state.callback(state.authenticated);
                }
                catch (Exception ex)
                {
                    // User code must never take the process down.
                    state.logger.CallbackFailed("onAuthChange", ex);
                }
            },
            (callback, authenticated, logger: _logger),
            preferLocal: false);

    void IAuthHost.ReportRejected(string serverMessage) => _logger.AuthRejected(serverMessage);

    void IAuthHost.ReportGivenUp(string serverMessage, bool adminKey)
    {
        _logger.AuthGivenUp(serverMessage);
        if (adminKey)
        {
            Terminate(ConvexFatalErrorException.AdminKeyRejected(serverMessage));
        }
    }

    private bool TryPost(EngineItem item) => _inbox.TryPost(item);

    /// <summary>
    /// A bug must not kill the client nor leave its caller waiting: the item's caller fails, then the client starts over
    /// on a fresh socket, as after a protocol error.
    /// </summary>
    private void OnHandlingFailed(EngineItem item, Exception error)
    {
        _logger.PumpFailed(error);
        FailCaller(item, error);
        if (_terminal is null)
        {
            _connection.CloseAndReconnect("InternalClientError");
        }
    }

    private Task HandleAsync(EngineItem item)
    {
        if (_terminal is not null)
        {
            return RejectAfterStopAsync(item);
        }

        switch (item)
        {
            case StartItem:
                _connection.Start();
                break;
            case ConnectionItem connectionItem:
                var handled = _connection.HandleAsync(connectionItem);
                Flush();
                return handled;
            case SubscribeItem subscribe:
                HandleSubscribe(subscribe.Subscription);
                break;
            case UnsubscribeItem unsubscribe:
                if (_router.RemoveSubscription(unsubscribe.Subscription) is { } token)
                {
                    var removed = _sync.Unsubscribe(token);
                    _logger.Unsubscribed(unsubscribe.Subscription.FunctionPath, unsubscribe.Subscription.QueryId, removed);
                }

                break;
            case CallItem { Call: var call }:
                var requestId = call.Kind == ConvexFunctionKind.Mutation
                    ? _sync.EnqueueMutation(call.FunctionPath, call.Args)
                    : _sync.EnqueueAction(call.FunctionPath, call.Args);
                _router.AddCall(requestId, call);
                break;
            case SetTokenProviderItem set:
                _tokenProvider = set.Provider;
                _auth.SetTokenProvider(set.OnChange);
                break;
            case SetAdminAuthItem admin:
                _tokenProvider = null;
                _auth.SetAdminKey(new AuthenticationToken.Admin(admin.Key, admin.ActingAs));
                break;
            case ClearAuthItem:
                _tokenProvider = null;
                _auth.Clear();
                break;
            case TokenFetchedItem fetched:
                _auth.OnTokenFetched(fetched.FetchId, fetched.Token);
                break;
            case RefreshDueItem due:
                _auth.OnRefreshDue(due.RefreshId);
                break;
            case StopItem stop:
                return StopCoreAsync(stop);
        }

        Flush();
        return Task.CompletedTask;
    }

    private void HandleSubscribe(ConvexSubscription subscription)
    {
        if (subscription.IsCompleted)
        {
            return;
        }

        var result = _sync.Subscribe(subscription.FunctionPath, subscription.Args);
        _logger.Subscribed(subscription.FunctionPath, result.QueryId, result.IsNew);
        _router.AddSubscription(subscription, result, _sync.LatestResults.Get(result.QueryId));
    }

    /// <summary>Hands what the state machine queued to the socket's sender.</summary>
    private void Flush()
    {
        while (_sync.TryDequeueOutgoing(out var message))
        {
            _connection.Send(_frames.Write(message));
        }
    }

    /// <summary>Acts on what the state machine reported.</summary>
    private void Process(IReadOnlyList<SyncEvent> events)
    {
        // By index: foreach over the interface would allocate an enumerator per frame.
        for (var i = 0; i < events.Count; i++)
        {
            var syncEvent = events[i];
            if (_terminal is not null)
            {
                return;
            }

            switch (syncEvent)
            {
                case QueriesChanged changed:
                    _snapshots(changed.Results);
                    _router.Deliver(changed);
                    break;
                case RequestCompleted completed:
                    _router.Complete(completed);
                    break;
                case FunctionLogLines log:
                    var letter = log.Kind switch { ConvexFunctionKind.Query => 'Q', ConvexFunctionKind.Mutation => 'M', _ => 'A' };
                    foreach (var line in log.Lines)
                    {
                        _functionLogger.FunctionLogLine(letter, log.UdfPath, line);
                    }

                    break;
                case AuthConfirmed confirmed:
                    _logger.AuthConfirmed(confirmed.IdentityVersion);
                    _auth.OnConfirmed();
                    break;
                case AuthErrorReceived { IsStale: false } authError:
                    _auth.OnAuthError(authError.Error);
                    break;
                case FatalErrorReceived fatal:
                    _logger.FatalError(fatal.Message);
                    Terminate(ConvexFatalErrorException.FromServer(fatal.Message));
                    return;
                case ReconnectRequired reconnect:
                    _connection.CloseAndReconnect(reconnect.Reason);
                    return;
                case MessageIgnored ignored:
                    _logger.MessageIgnored(ignored.Description);
                    break;
            }
        }
    }

    private async Task StopCoreAsync(StopItem stop)
    {
        await _connection.CloseAsync().ConfigureAwait(false);
        Terminate(null);
        _logger.Closed();
        stop.Stopped.TrySetResult();
    }

    /// <summary>Ends the client: no more reconnects; pending calls fail; subscriptions end (with the error, if any).</summary>
    private void Terminate(Exception? error)
    {
        var failure = error ?? new ObjectDisposedException(nameof(ConvexClient));
        Volatile.Write(ref _terminal, failure);
        _inbox.Close();
        _connection.Stop(closeSocket: error is not null);
        _router.FailAll(failure, error);
        _auth.Stop();
        _snapshots(null);
        SetState(ConvexConnectionState.Closed, error?.Message);
    }

    private static void FailCaller(EngineItem item, Exception error)
    {
        switch (item)
        {
            case CallItem call:
                call.Call.Completion.TrySetException(error);
                break;
            case SubscribeItem subscribe:
                subscribe.Subscription.Complete(error);
                break;
            case StopItem stop:
                stop.Stopped.TrySetResult();
                break;
        }
    }

    private Task RejectAfterStopAsync(EngineItem item)
    {
        switch (item)
        {
            case CallItem call:
                call.Call.Completion.TrySetException(_terminal!);
                break;
            case SubscribeItem subscribe:
                subscribe.Subscription.Complete(_terminal as ConvexFatalErrorException);
                break;
            case StopItem stop:
                stop.Stopped.TrySetResult();
                break;
            case OpenedItem opened:
                return opened.Socket.DisposeAsync().AsTask();
        }

        return Task.CompletedTask;
    }

    private void SetState(ConvexConnectionState state, string? reason)
    {
        var previous = State;
        if (previous == state)
        {
            return;
        }

        _state = (int)state;
        _stateChanged(previous, state, reason, _connection.Retries);
    }
}
