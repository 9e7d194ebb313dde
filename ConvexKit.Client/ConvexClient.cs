using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Http;
using ConvexKit.Client.Streaming;
using ConvexKit.Client.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvexKit.Client;

/// <summary>
/// A long-lived, thread-safe client for one Convex deployment over the sync protocol: queries, live subscriptions,
/// mutations and actions on one WebSocket, with the JavaScript client's guarantees.
/// </summary>
/// <remarks>
/// <para>
/// Create one per deployment and share it (register it as a singleton). It connects at once and reconnects forever
/// with jittered backoff; the session id stays the same across reconnects, so mutations in flight are replayed and
/// the server runs each exactly once. A mutation's task completes only after the client has seen a state that
/// includes its writes ("read your writes"), so a query or subscription read afterwards reflects it.
/// </para>
/// <para>
/// Every awaited call takes a <see cref="CancellationToken"/> and has a default timeout
/// (<see cref="ConvexClientOptions.Timeout"/>, <see cref="ConvexClientOptions.ActionTimeout"/>). Cancelling or timing
/// out stops the wait; a mutation already sent may still run. Function failures throw
/// <see cref="ConvexFunctionException"/> (or <see cref="ConvexErrorException"/> with the <c>ConvexError</c> data);
/// the <c>Try…Async</c> methods return them as a <see cref="FunctionResult"/> instead.
/// </para>
/// <para>
/// Internally one background loop owns the protocol state; public members only post work to it, so they never block
/// and may be called from any thread. Events and stream items are delivered off that loop.
/// </para>
/// </remarks>
public sealed partial class ConvexClient : IAsyncDisposable
{
    /// <summary>The name of the client's <see cref="System.Diagnostics.ActivitySource"/> (see <see cref="ConvexTelemetry"/>).</summary>
    public const string ActivitySourceName = ConvexTelemetry.ActivitySourceName;

    /// <summary>How many unread states a <see cref="WatchConnectionState"/> stream keeps (the oldest give way).</summary>
    internal const int StatesKeptPerWatcher = 16;

    private readonly SyncEngine _engine;
    private readonly ConvexClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConvexServerTags _telemetryTags;
    private readonly LatestValueBroadcast<ConvexConnectionState> _states = new(replayLatest: true, StatesKeptPerWatcher);
    private readonly LatestValueBroadcast<ConvexQuerySetSnapshot> _snapshots = new(replayLatest: false);
    private int _disposed;

    /// <summary>Creates a client for the deployment at <paramref name="deploymentUrl"/> and starts connecting.</summary>
    /// <param name="deploymentUrl">The deployment URL, such as <c>http://127.0.0.1:3210</c> or <c>https://happy-animal-123.convex.cloud</c>.</param>
    /// <param name="options">Timeouts and reconnect settings, copied; defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">
    /// The logger factory for the client's logs (category <c>ConvexKit.Client.ConvexClient</c>) and the functions'
    /// <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>); nothing is logged when it is
    /// <see langword="null"/>. Arguments, results, tokens and keys are never logged.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="deploymentUrl"/> is not an absolute http(s) or ws(s) URL.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names each such option and its allowed range.</exception>
    public ConvexClient(Uri deploymentUrl, ConvexClientOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(deploymentUrl, options, new WebSocketSyncTransport(), loggerFactory)
    {
    }

    internal ConvexClient(Uri deploymentUrl, ConvexClientOptions? options, ISyncTransport transport, ILoggerFactory? loggerFactory = null)
    {
        var syncUri = SyncUri.From(deploymentUrl);
        options ??= new ConvexClientOptions();
        ConvexOptionsRules.ThrowIfAny(ConvexOptionsRules.Check(options), nameof(ConvexClientOptions));
        _telemetryTags = new ConvexServerTags(syncUri, ConvexTelemetryNames.WebSocket);
        DeploymentUrl = deploymentUrl;
        _options = options.Copy();
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ConvexClient>();
        _engine = new SyncEngine(
            transport,
            syncUri,
            _options,
            _logger,
            loggerFactory.CreateLogger(ConvexHttpClientLog.FunctionLogCategory),
            OnStateChanged,
            OnSnapshot);
        _states.Publish(_engine.State);
        _engine.Start();
    }

    /// <summary>Raised when <see cref="ConnectionState"/> changes, on a thread-pool thread; a handler's exception is logged and ignored.</summary>
    public event EventHandler<ConvexConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>Gets the deployment URL.</summary>
    public Uri DeploymentUrl { get; }

    /// <summary>Gets the state of the WebSocket connection.</summary>
    public ConvexConnectionState ConnectionState => _engine.State;

    /// <summary>Gets the session id, kept across reconnects, that lets the server de-duplicate replayed mutations.</summary>
    public Guid SessionId => _engine.SessionId;

    /// <summary>Streams <see cref="ConnectionState"/>: the current state first, then every change, until the client closes.</summary>
    /// <remarks>
    /// Each stream holds at most the last 16 states it has not yet read: a reader that falls further behind (or never
    /// reads) skips the oldest ones, never the latest, so its last item is always the state it would read now.
    /// </remarks>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The states.</returns>
    public IAsyncEnumerable<ConvexConnectionState> WatchConnectionState(CancellationToken cancellationToken = default) => _states.Read(cancellationToken);

    /// <summary>Closes the connection: pending calls fail with <see cref="ObjectDisposedException"/> and subscriptions end.</summary>
    /// <returns>A task that completes once the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _engine.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Describes the client: its deployment and connection state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexClient({DeploymentUrl}, {ConnectionState})";

    private void OnStateChanged(ConvexConnectionState previous, ConvexConnectionState state, string? reason, int retries)
    {
        _states.Publish(state);
        if (state == ConvexConnectionState.Closed)
        {
            _states.End();
        }

        if (previous == ConvexConnectionState.Connected && state == ConvexConnectionState.Reconnecting)
        {
            ConvexMetrics.ReconnectStarted(_telemetryTags);
        }

        if (ConnectionStateChanged is { } handler)
        {
            var args = new ConvexConnectionStateChangedEventArgs(previous, state, reason, retries);
            ThreadPool.QueueUserWorkItem(
                static state =>
                {
                    try
                    {
                        state.handler(state.client, state.args);
                    }
                    catch (Exception ex)
                    {
                        state.client._logger.StateHandlerFailed(ex);
                    }
                },
                (handler, client: this, args),
                preferLocal: false);
        }
    }
}
