using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Transport;

internal sealed partial class SyncPump
{
    private Connection? _connection;
    private int _epoch;
    private int _attempts;
    private bool _everConnected;
    private bool _stoppedForAuth;

    private void BeginConnect()
    {
        var connection = _connection = new Connection(++_epoch);
        _attempts++;
        SetState(_everConnected ? ConvexConnectionState.Reconnecting : ConvexConnectionState.Connecting, null);
        _logger.Connecting(_syncUri, _attempts);
        _ = ConnectAsync(connection);
    }

    private async Task ConnectAsync(Connection connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Lifetime.Token, _stopping.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            var socket = await _transport.ConnectAsync(_syncUri, timeout.Token).ConfigureAwait(false);
            if (!TryPost(new OpenedItem(connection.Epoch, socket)))
            {
                await socket.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            TryPost(new OpenFailedItem(connection.Epoch, ex));
        }
    }

    private Task HandleConnectionItemAsync(ConnectionItem item)
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
                return OnOpenedAsync(connection, opened.Socket);
            case OpenFailedItem failed:
                _sync.OnSocketClosed(failed.Error is OperationCanceledException ? "ConnectTimeout" : "ConnectFailed");
                Abandon(connection);
                var delay = _backoff.Next(null, clientInitiated: false);
                _logger.ConnectFailed(_syncUri, delay, failed.Error);
                ScheduleReconnect(delay, "connect failed");
                return Task.CompletedTask;
            case FrameItem frame:
                return OnFrameAsync(connection, frame.Frame);
            case ClosedItem closed:
                var reason = string.IsNullOrEmpty(closed.CloseReason) ? $"closed with code {closed.CloseStatus}" : closed.CloseReason;
                _sync.OnSocketClosed(reason);
                Abandon(connection);
                var retry = _backoff.Next(closed.CloseReason, clientInitiated: false);
                _logger.ConnectionLost(closed.CloseStatus, closed.CloseReason, retry);
                ScheduleReconnect(retry, reason);
                return Task.CompletedTask;
            case InactiveItem:
                CloseAndReconnect("InactiveServer");
                return Task.CompletedTask;
            default:
                return Task.CompletedTask;
        }
    }

    private Task OnOpenedAsync(Connection connection, ISyncConnection socket)
    {
        connection.Socket = socket;
        connection.Watchdog.Token.Register(static state =>
        {
            var (pump, epoch) = ((SyncPump, int))state!;
            pump.TryPost(new InactiveItem(epoch));
        }, (this, connection.Epoch));
        connection.Watchdog.CancelAfter(_options.ServerInactivityTimeout);
        _ = ReceiveLoopAsync(connection, socket);

        _everConnected = true;
        Process(_sync.OnSocketOpened());
        _logger.Connected(_syncUri, _sync.ConnectionCount, _sync.SessionId);
        SetState(ConvexConnectionState.Connected, null);
        return FlushAsync();
    }

    private Task OnFrameAsync(Connection connection, byte[] frame)
    {
        // Any frame, Ping included, proves the server alive.
        connection.Watchdog.CancelAfter(_options.ServerInactivityTimeout);
        ServerMessage message;
        try
        {
            message = ServerMessageReader.Parse(frame);
        }
        catch (ConvexProtocolException ex)
        {
            CloseAndReconnect(ex.Message);
            return Task.CompletedTask;
        }

        if (message is TransitionMessage || (message is TransitionChunkMessage chunk && chunk.PartNumber == chunk.TotalParts - 1))
        {
            ConvexMetrics.TransitionReceived(_telemetryTags);
        }

        Process(_sync.Receive(message));
        if (_connection == connection && _sync.HasSyncedPastLastReconnect)
        {
            _backoff.Reset();
        }

        return FlushAsync();
    }

    private async Task ReceiveLoopAsync(Connection connection, ISyncConnection socket)
    {
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(connection.Lifetime.Token).ConfigureAwait(false);
                if (result.IsClosed)
                {
                    TryPost(new ClosedItem(connection.Epoch, result.CloseStatus, result.CloseReason));
                    return;
                }

                if (!TryPost(new FrameItem(connection.Epoch, result.Frame!)))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (connection.Lifetime.IsCancellationRequested)
        {
            // The pump abandoned this connection.
        }
        catch (Exception ex)
        {
            TryPost(new ClosedItem(connection.Epoch, 1006, ex.Message));
        }
    }

    /// <summary>Sends what the state machine queued. A failed send replaces the socket; the replay on reconnect covers the rest.</summary>
    private async Task FlushAsync()
    {
        if (_terminal is not null || _connection is not { Socket: { } socket } connection)
        {
            return;
        }

        while (_sync.TryDequeueOutgoing(out var message))
        {
            try
            {
                await socket.SendAsync(ClientMessageWriter.Serialize(message), connection.Lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_connection == connection)
            {
                CloseAndReconnect("FailedToSendMessage");
                return;
            }
        }
    }

    /// <summary>The client gives up on the socket (inactivity, a protocol error, a failed send) and reconnects quickly.</summary>
    private void CloseAndReconnect(string reason)
    {
        if (_terminal is not null || _connection is not { } connection)
        {
            return;
        }

        _sync.OnSocketClosed(reason);
        Abandon(connection);
        var delay = _backoff.Next(null, clientInitiated: true);
        _logger.ClientReconnect(reason, delay);
        ScheduleReconnect(delay, reason);
    }

    /// <summary>
    /// The JavaScript client's <c>stopSocket</c> on an <c>AuthError</c>: the client closes the socket itself instead of
    /// waiting for the server's close, so the next <c>Connect</c> carries no close reason and no backoff applies;
    /// <see cref="RestartSocketAfterAuth"/> reconnects once a fresh token is in hand (or auth was given up).
    /// </summary>
    private void StopSocketForAuth()
    {
        if (_terminal is not null || _connection is not { } connection)
        {
            return;
        }

        _sync.OnSocketClosed(reason: null);
        Abandon(connection);
        _epoch++;
        _stoppedForAuth = true;
        SetState(_everConnected ? ConvexConnectionState.Reconnecting : ConvexConnectionState.Connecting, "Reauthenticating");
    }

    /// <summary>JavaScript's <c>tryRestartSocket</c>: connects at once if <see cref="StopSocketForAuth"/> stopped the socket.</summary>
    private void RestartSocketAfterAuth()
    {
        if (_stoppedForAuth && _terminal is null)
        {
            _stoppedForAuth = false;
            BeginConnect();
        }
    }

    private void ScheduleReconnect(TimeSpan delay, string reason)
    {
        _connection = null;
        var epoch = ++_epoch;
        SetState(_everConnected ? ConvexConnectionState.Reconnecting : ConvexConnectionState.Connecting, reason);
        _ = DelayThenPostAsync(delay, new ReconnectDueItem(epoch));
    }

    private async Task DelayThenPostAsync(TimeSpan delay, PumpItem item)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            TryPost(item);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Stops using <paramref name="connection"/>: cancels its I/O and closes its socket in the background.</summary>
    private void Abandon(Connection connection, string closeReason = "ClientReconnect")
    {
        if (_connection == connection)
        {
            _connection = null;
        }

        connection.Watchdog.Dispose();
        connection.Lifetime.Cancel();
        if (connection.Socket is { } socket)
        {
            _ = CloseQuietlyAsync(socket, closeReason);
        }
    }

    private static async Task CloseQuietlyAsync(ISyncConnection socket, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await socket.CloseAsync(reason, timeout.Token).ConfigureAwait(false);
        await socket.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One connection attempt and, once open, its socket.</summary>
    private sealed class Connection(int epoch)
    {
        public int Epoch { get; } = epoch;

        public ISyncConnection? Socket { get; set; }

        public CancellationTokenSource Lifetime { get; } = new();

        public CancellationTokenSource Watchdog { get; } = new();
    }
}
