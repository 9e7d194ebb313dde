using System.Collections.Concurrent;
using ConvexKit.Client.Transport;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Engine;

/// <summary>What the <see cref="ConnectionSupervisor"/> tells the engine about the current socket.</summary>
internal interface IConnectionOwner
{
    /// <summary>A socket opened; it is current until <see cref="OnSocketLost"/>.</summary>
    void OnOpened();

    /// <summary>The current socket received a frame; its bytes are valid only during the call.</summary>
    void OnFrame(ReadOnlyMemory<byte> frame);

    /// <summary>The current socket (or attempt) is gone; <paramref name="reason"/> goes into the next <c>Connect</c> (none when <see langword="null"/>).</summary>
    void OnSocketLost(string? reason);

    /// <summary>The connection state changed.</summary>
    void OnStateChanged(ConvexConnectionState state, string? reason);
}

/// <summary>
/// Keeps one connection alive: connection attempts numbered by epoch (so messages from abandoned ones are ignored),
/// backoff, the inactivity watchdog, and per socket a receive loop and a <see cref="FrameSender"/> beside the engine.
/// Inactivity is measured only while the receive loop waits for the server, so neither a slow send nor a frame the
/// client takes long to handle trips it, and sending never holds up receiving. Owned by the engine (one item at a time) except where noted.
/// </summary>
internal sealed class ConnectionSupervisor(
    ISyncTransport transport,
    Uri syncUri,
    ConvexClientOptions options,
    ILogger logger,
    IConnectionOwner owner,
    Func<EngineItem, bool> post)
{
    /// <summary>
    /// How many received frames may wait for the engine. When that many are waiting the receive loop stops
    /// reading, so the inbox stays bounded however fast the server sends or however slow the engine is, and the rest wait
    /// in the socket (TCP flow control holds them on the server).
    /// </summary>
    internal const int MaxFramesWaiting = 64;

    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(1);

    private readonly ReconnectBackoff _backoff = new(options.MaxReconnectDelay, options.ReconnectDelayScale);
    private readonly CancellationTokenSource _stopping = new();
    private Connection? _connection;
    private int _epoch;
    private int _attempts;
    private bool _everConnected;
    private bool _stoppedForAuth;

    /// <summary>Gets a value indicating whether a socket is open and current.</summary>
    public bool HasSocket => _connection?.Socket is not null;

    /// <summary>Gets the number of reconnect attempts since the last successful sync.</summary>
    public int Retries => _backoff.Retries;

    /// <summary>Gets a token cancelled when the engine stops (for timers and fetches).</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Start() => BeginConnect();

    /// <summary>Sends a frame on the current socket (see <see cref="FrameSender"/>); without a socket it is dropped (the next open replays).</summary>
    public void Send(OutgoingFrame frame) => _connection?.Sender?.Send(frame);

    /// <summary>Everything outstanding at the last reconnect has been answered: the next failure starts the backoff over.</summary>
    public void ResetBackoff() => _backoff.Reset();

    public Task HandleAsync(ConnectionItem item)
    {
        if (item is ReconnectDueItem due)
        {
            if (due.Epoch == _epoch && _connection is null)
            {
                BeginConnect();
            }

            return Task.CompletedTask;
        }

        if (_connection is not { } connection || connection.Epoch != item.Epoch)
        {
            // A late message from an abandoned attempt.
            return item is OpenedItem stale ? stale.Socket.DisposeAsync().AsTask() : Task.CompletedTask;
        }

        switch (item)
        {
            case OpenedItem opened:
                OnOpened(connection, opened.Socket);
                break;
            case OpenFailedItem failed:
                owner.OnSocketLost(failed.Error is OperationCanceledException ? "ConnectTimeout" : "ConnectFailed");
                Abandon(connection);
                var delay = _backoff.Next(null, clientInitiated: false);
                logger.ConnectFailed(syncUri, delay, failed.Error);
                ScheduleReconnect(delay, "connect failed");
                break;
            case FrameItem frame:
                connection.FrameSlots.Release();
                owner.OnFrame(frame.Memory);
                frame.Release();
                connection.SpareFrames.Enqueue(frame);
                break;
            case ClosedItem closed:
                var reason = string.IsNullOrEmpty(closed.CloseReason) ? $"closed with code {closed.CloseStatus}" : closed.CloseReason;
                owner.OnSocketLost(reason);
                Abandon(connection);
                var retry = _backoff.Next(closed.CloseReason, clientInitiated: false);
                logger.ConnectionLost(closed.CloseStatus, closed.CloseReason, retry);
                ScheduleReconnect(retry, reason);
                break;
            case SendFailedItem:
                CloseAndReconnect("FailedToSendMessage");
                break;
            case InactiveItem:
                CloseAndReconnect("InactiveServer");
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>The client gives up on the socket (inactivity, a protocol error, a failed send) and reconnects quickly.</summary>
    public void CloseAndReconnect(string reason)
    {
        if (_stopping.IsCancellationRequested || _connection is not { } connection)
        {
            return;
        }

        owner.OnSocketLost(reason);
        Abandon(connection);
        var delay = _backoff.Next(null, clientInitiated: true);
        logger.ClientReconnect(reason, delay);
        ScheduleReconnect(delay, reason);
    }

    /// <summary>
    /// The JavaScript client's <c>stopSocket</c> on an <c>AuthError</c>: the client closes the socket itself instead of
    /// waiting for the server's close, so the next <c>Connect</c> carries no close reason and no backoff applies;
    /// <see cref="RestartAfterAuth"/> reconnects once a fresh token is in hand (or auth was given up).
    /// </summary>
    public void StopForAuth()
    {
        if (_stopping.IsCancellationRequested || _connection is not { } connection)
        {
            return;
        }

        owner.OnSocketLost(reason: null);
        Abandon(connection);
        _epoch++;
        _stoppedForAuth = true;
        SetConnecting("Reauthenticating");
    }

    /// <summary>JavaScript's <c>tryRestartSocket</c>: connects at once if <see cref="StopForAuth"/> stopped the socket.</summary>
    public void RestartAfterAuth()
    {
        if (_stoppedForAuth && !_stopping.IsCancellationRequested)
        {
            _stoppedForAuth = false;
            BeginConnect();
        }
    }

    /// <summary>
    /// Closes the socket for good, within a bound: frames already queued get a moment to go out and the close is
    /// graceful when the socket allows it; a send stuck on a slow link is cut off.
    /// </summary>
    public async Task CloseAsync()
    {
        if (_connection is { Socket: { } socket } connection)
        {
            var sent = connection.Sender!.CloseAsync();
            var drained = await Task.WhenAny(sent, Task.Delay(s_drainTimeout)).ConfigureAwait(false) == sent;
            if (!drained)
            {
                connection.Cancel();
            }

            // Close gracefully: cancelling a pending receive would abort the socket instead.
            using var timeout = new CancellationTokenSource(s_closeTimeout);
            await socket.CloseAsync("ClientClosed", timeout.Token).ConfigureAwait(false);
        }

        Stop(closeSocket: false);
    }

    /// <summary>Stops for good: no more reconnects; the socket, if any, is abandoned (and closed when <paramref name="closeSocket"/>).</summary>
    public void Stop(bool closeSocket)
    {
        _stopping.Cancel();
        if (_connection is { } connection)
        {
            _connection = null;
            connection.Watchdog.Dispose();
            connection.Cancel();
            if (closeSocket && connection.Socket is { } socket)
            {
                _ = CloseQuietlyAsync(socket, "ClientClosed");
            }
        }
    }

    private void BeginConnect()
    {
        var connection = _connection = new Connection(++_epoch);
        _attempts++;
        SetConnecting(null);
        logger.Connecting(syncUri, _attempts);

        // On the thread pool: the engine may be running on an API caller's thread (or the client's constructor).
        _ = Task.Run(() => ConnectAsync(connection));
    }

    private void SetConnecting(string? reason) =>
        owner.OnStateChanged(_everConnected ? ConvexConnectionState.Reconnecting : ConvexConnectionState.Connecting, reason);

    private async Task ConnectAsync(Connection connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Lifetime.Token, _stopping.Token);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            var socket = await transport.ConnectAsync(syncUri, timeout.Token).ConfigureAwait(false);
            if (!post(new OpenedItem(connection.Epoch, socket)))
            {
                await socket.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            post(new OpenFailedItem(connection.Epoch, ex));
        }
    }

    private void OnOpened(Connection connection, ISyncConnection socket)
    {
        connection.Socket = socket;
        connection.Watchdog.Token.Register(static state =>
        {
            var (post, epoch) = ((Func<EngineItem, bool>, int))state!;
            post(new InactiveItem(epoch));
        }, (post, connection.Epoch));
        _ = ReceiveLoopAsync(connection, socket);
        connection.Sender = new FrameSender(socket, connection.Lifetime.Token, () => post(new SendFailedItem(connection.Epoch)));

        _everConnected = true;
        owner.OnOpened();
    }

    /// <summary>
    /// Runs beside the engine: every frame, Ping included, proves the server alive. This loop usually handles the frame
    /// itself (see <see cref="EngineInbox"/>), so the watchdog runs only while it waits for the server: it judges the
    /// server, not how long the client takes with a frame.
    /// </summary>
    private async Task ReceiveLoopAsync(Connection connection, ISyncConnection socket)
    {
        try
        {
            while (true)
            {
                connection.Watchdog.CancelAfter(options.ServerInactivityTimeout);
                var result = await socket.ReceiveAsync(connection.Lifetime.Token).ConfigureAwait(false);
                connection.Watchdog.CancelAfter(Timeout.InfiniteTimeSpan);
                if (result.IsClosed)
                {
                    post(new ClosedItem(connection.Epoch, result.CloseStatus, result.CloseReason));
                    return;
                }

                if (!connection.FrameSlots.Wait(0))
                {
                    // The engine is behind (busy on another thread): stop reading until it catches up.
                    await connection.FrameSlots.WaitAsync(connection.Lifetime.Token).ConfigureAwait(false);
                }

                var item = connection.SpareFrames.TryDequeue(out var spare) ? spare : new FrameItem(connection.Epoch);
                if (!post(item.Fill(result.Frame!, result.PooledLength)))
                {
                    return;
                }
            }
        }
        catch (Exception) when (connection.Lifetime.IsCancellationRequested)
        {
            // Abandoned (the watchdog is disposed with it).
        }
        catch (Exception ex)
        {
            post(new ClosedItem(connection.Epoch, 1006, ex.Message));
        }
    }

    private void ScheduleReconnect(TimeSpan delay, string reason)
    {
        _connection = null;
        var epoch = ++_epoch;
        SetConnecting(reason);
        _ = DelayThenPostAsync(delay, new ReconnectDueItem(epoch));
    }

    /// <summary>Posts <paramref name="item"/> after <paramref name="delay"/>, unless the engine stops first.</summary>
    public async Task DelayThenPostAsync(TimeSpan delay, EngineItem item)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            post(item);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Stops using <paramref name="connection"/>: cancels its I/O and closes its socket in the background.</summary>
    private void Abandon(Connection connection)
    {
        if (_connection == connection)
        {
            _connection = null;
        }

        connection.Watchdog.Dispose();
        connection.Cancel();
        if (connection.Socket is { } socket)
        {
            _ = CloseQuietlyAsync(socket, "ClientReconnect");
        }
    }

    private static async Task CloseQuietlyAsync(ISyncConnection socket, string reason)
    {
        using var timeout = new CancellationTokenSource(s_closeTimeout);
        await socket.CloseAsync(reason, timeout.Token).ConfigureAwait(false);
        await socket.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One connection attempt and, once open, its socket and send queue.</summary>
    private sealed class Connection(int epoch)
    {
        public int Epoch { get; } = epoch;

        public ISyncConnection? Socket { get; set; }

        // Its queue is bounded in practice: flow control caps requests, and the rest are one message per API call.
        public FrameSender? Sender { get; set; }

        public CancellationTokenSource Lifetime { get; } = new();

        public CancellationTokenSource Watchdog { get; } = new();

        /// <summary>
        /// Handled <see cref="FrameItem"/>s the receive loop fills next instead of allocating one per frame (at most
        /// <see cref="MaxFramesWaiting"/> and one more exist per connection).
        /// </summary>
        public ConcurrentQueue<FrameItem> SpareFrames { get; } = new();

        /// <summary>Cancels the connection's I/O and stops its sending.</summary>
        public void Cancel()
        {
            Sender?.Stop();
            Lifetime.Cancel();
        }

        /// <summary>Received frames not yet handled by the engine take a slot each (see <see cref="MaxFramesWaiting"/>).</summary>
        public SemaphoreSlim FrameSlots { get; } = new(MaxFramesWaiting, MaxFramesWaiting);
    }
}
