using System.Text;
using System.Threading.Channels;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Transport;

namespace ConvexKit.Client.Tests.Support;

/// <summary>
/// An in-process peer for <see cref="ConvexClient"/>: every connection talks to the <see cref="ModelConvexServer"/>,
/// which answers at once (responses, Transitions, action results) unless told to hold. Frames cross as bytes through
/// the real protocol reader and writer. Protocol violations are recorded and answered with FatalError, as the backend does.
/// </summary>
internal sealed class InMemorySyncTransport : ISyncTransport
{
    private readonly Lock _gate = new();
    private readonly List<string> _clientFrames = [];
    private readonly List<string> _violations = [];
    private InMemoryConnection? _current;

    public ModelConvexServer Server { get; } = new();

    /// <summary>Gets or sets how many upcoming connection attempts fail.</summary>
    public int RefuseNextConnections { get; set; }

    /// <summary>Gets or sets a value indicating whether the server holds mutation/action answers and Transitions (until <see cref="Release"/>).</summary>
    public bool Hold { get; set; }

    public int ConnectAttempts { get; private set; }

    public int Connections { get; private set; }

    public TaskCompletionSource<bool> FirstConnection { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> ClientFrames
    {
        get
        {
            lock (_gate)
            {
                return [.. _clientFrames];
            }
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    public Task<ISyncConnection> ConnectAsync(Uri syncUri, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ConnectAttempts++;
            if (RefuseNextConnections > 0)
            {
                RefuseNextConnections--;
                throw new IOException("Connection refused (test)");
            }

            Connections++;
            _current = new InMemoryConnection(this, Server.Connect());
            FirstConnection.TrySetResult(true);
            return Task.FromResult<ISyncConnection>(_current);
        }
    }

    /// <summary>Closes the current connection from the server side.</summary>
    public void Drop(int closeStatus = 1011, string reason = "InternalServerError")
    {
        lock (_gate)
        {
            _current?.CloseFromServer(closeStatus, reason);
            _current = null;
            Server.Disconnect();
        }
    }

    /// <summary>Gets how many frames the server sent on the current connection that the client has not read yet.</summary>
    public int UnreadFrames
    {
        get
        {
            lock (_gate)
            {
                return _current?.Unread ?? 0;
            }
        }
    }

    /// <summary>Sends a raw frame from the server.</summary>
    public void SendRaw(string frame)
    {
        lock (_gate)
        {
            _current?.Deliver(Encoding.UTF8.GetBytes(frame));
        }
    }

    /// <summary>Lets the server answer what it held back.</summary>
    public void Release()
    {
        lock (_gate)
        {
            Hold = false;
            _current?.Step();
        }
    }

    /// <summary>Makes the server stop sending anything at all (a dead connection) without closing.</summary>
    public void Silence()
    {
        lock (_gate)
        {
            if (_current is { } connection)
            {
                connection.Silenced = true;
            }
        }
    }

    private void OnClientFrame(InMemoryConnection connection, byte[] frame)
    {
        lock (_gate)
        {
            var text = Encoding.UTF8.GetString(frame);
            _clientFrames.Add(text);
            if (connection != _current || connection.Silenced)
            {
                return;
            }

            try
            {
                connection.Model.Handle(ClientMessageReader.Parse(frame));
                connection.Step();
            }
            catch (Exception ex) when (ex is ModelViolationException or ConvexProtocolException)
            {
                _violations.Add(ex.Message);
                connection.Deliver(ServerMessageWriter.Serialize(new FatalErrorMessage(ex.Message)));
                connection.CloseFromServer(1005, null);
                _current = null;
            }
        }
    }

    private sealed class InMemoryConnection(InMemorySyncTransport transport, ModelConnection model) : ISyncConnection
    {
        private readonly Channel<SyncReceiveResult> _toClient = Channel.CreateUnbounded<SyncReceiveResult>();

        public ModelConnection Model { get; } = model;

        public bool Silenced { get; set; }

        public int Unread => _toClient.Reader.Count;

        public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            transport.OnClientFrame(this, frame.ToArray());
            return ValueTask.CompletedTask;
        }

        public ValueTask<SyncReceiveResult> ReceiveAsync(CancellationToken cancellationToken) => _toClient.Reader.ReadAsync(cancellationToken);

        public Task CloseAsync(string reason, CancellationToken cancellationToken)
        {
            _toClient.Writer.TryWrite(SyncReceiveResult.Closed(1000, reason));
            _toClient.Writer.TryComplete();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public void Deliver(byte[] frame) => _toClient.Writer.TryWrite(new SyncReceiveResult(frame, null, null));

        public void CloseFromServer(int status, string? reason)
        {
            _toClient.Writer.TryWrite(SyncReceiveResult.Closed(status, reason));
            _toClient.Writer.TryComplete();
        }

        public void Step()
        {
            if (transport.Hold || Silenced)
            {
                return;
            }

            Model.CompleteActions();
            Model.EmitTransition();
            while (Model.Outbox.TryDequeue(out var message))
            {
                Deliver(ServerMessageWriter.Serialize(message));
            }
        }
    }
}
