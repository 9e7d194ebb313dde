using System.Threading.Channels;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Sync;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Transport;

/// <summary>
/// The one background loop of a <see cref="ConvexClient"/>. It owns the <see cref="SyncState"/> (which is not
/// thread-safe, so nothing else touches it) and handles, one at a time, API commands, frames, closes and timers posted
/// to its inbox; it keeps one connection alive, reconnecting forever with backoff.
/// </summary>
internal sealed partial class SyncPump
{
    private readonly Channel<PumpItem> _inbox = Channel.CreateUnbounded<PumpItem>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly SyncState _sync;
    private readonly ISyncTransport _transport;
    private readonly Uri _syncUri;
    private readonly ConvexClientOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger _functionLogger;
    private readonly ReconnectBackoff _backoff;
    private readonly Action<ConvexConnectionState, ConvexConnectionState, string?, int> _stateChanged;
    private readonly Action<QueryResults?> _snapshots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConvexServerTags _telemetryTags;
    private Task _loop = Task.CompletedTask;

    private Exception? _terminal;
    private volatile int _state = (int)ConvexConnectionState.Connecting;

    public SyncPump(
        ISyncTransport transport,
        Uri syncUri,
        ConvexClientOptions options,
        ILogger logger,
        ILogger functionLogger,
        Action<ConvexConnectionState, ConvexConnectionState, string?, int> stateChanged,
        Action<QueryResults?> snapshots)
    {
        _transport = transport;
        _syncUri = syncUri;
        _options = options;
        _logger = logger;
        _functionLogger = functionLogger;
        _stateChanged = stateChanged;
        _snapshots = snapshots;
        _sync = new SyncState(Guid.NewGuid());
        _backoff = new ReconnectBackoff(options.MaxReconnectDelay, options.ReconnectDelayScale);
        _telemetryTags = new ConvexServerTags(syncUri, ConvexTelemetryNames.WebSocket);
    }

    public Guid SessionId => _sync.SessionId;

    public ConvexConnectionState State => (ConvexConnectionState)_state;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Queues work for the loop.</summary>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal error.</exception>
    public void Post(PumpItem item)
    {
        if (!_inbox.Writer.TryWrite(item))
        {
            throw Volatile.Read(ref _terminal) ?? new ObjectDisposedException(nameof(ConvexClient));
        }
    }

    /// <summary>Stops the loop: fails pending calls, ends subscriptions and closes the socket.</summary>
    public async Task StopAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_inbox.Writer.TryWrite(new StopItem(stopped)))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
    }

    /// <summary>Unsubscribing after the client closed is a no-op: the subscription has already ended.</summary>
    public void TryPostUnsubscribe(ConvexSubscription subscription) => TryPost(new UnsubscribeItem(subscription));

    private bool TryPost(PumpItem item) => _inbox.Writer.TryWrite(item);

    private async Task RunAsync()
    {
        BeginConnect();
        await foreach (var item in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await HandleAsync(item).ConfigureAwait(false);
            }
            catch (Exception ex) when (_terminal is null)
            {
                // A bug must not kill the client: start over on a fresh socket, as after a protocol error.
                _logger.PumpFailed(ex);
                CloseAndReconnect("InternalClientError");
            }
        }
    }

    private Task HandleAsync(PumpItem item)
    {
        if (_terminal is not null)
        {
            return RejectAfterStopAsync(item);
        }

        switch (item)
        {
            case ConnectionItem connectionItem:
                return HandleConnectionItemAsync(connectionItem);
            case SubscribeItem subscribe:
                HandleSubscribe(subscribe.Subscription);
                break;
            case UnsubscribeItem unsubscribe:
                HandleUnsubscribe(unsubscribe.Subscription);
                break;
            case CallItem call:
                HandleCall(call.Call);
                break;
            case AuthItem auth:
                HandleAuth(auth);
                break;
            case StopItem stop:
                return StopCoreAsync(stop);
        }

        return FlushAsync();
    }

    private void SetState(ConvexConnectionState state, string? reason)
    {
        var previous = State;
        if (previous == state)
        {
            return;
        }

        _state = (int)state;
        _stateChanged(previous, state, reason, _backoff.Retries);
    }
}
