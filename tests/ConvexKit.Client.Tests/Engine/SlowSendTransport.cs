using ConvexKit.Client.Tests.Support;
using ConvexKit.Client.Transport;

namespace ConvexKit.Client.Tests.Engine;

/// <summary>The in-memory peer behind a slow link: a frame containing <see cref="Marker"/> takes until <see cref="Release"/> to send.</summary>
internal sealed class SlowSendTransport(InMemorySyncTransport inner) : ISyncTransport
{
    public const string Marker = "slow-link-payload";

    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InMemorySyncTransport Inner => inner;

    public TaskCompletionSource SendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    public async Task<ISyncConnection> ConnectAsync(Uri syncUri, CancellationToken cancellationToken) =>
        new SlowConnection(this, await inner.ConnectAsync(syncUri, cancellationToken));

    private sealed class SlowConnection(SlowSendTransport transport, ISyncConnection connection) : ISyncConnection
    {
        public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            if (System.Text.Encoding.UTF8.GetString(frame.Span).Contains(Marker, StringComparison.Ordinal))
            {
                transport.SendStarted.TrySetResult();
                await transport._released.Task.WaitAsync(cancellationToken);
            }

            await connection.SendAsync(frame, cancellationToken);
        }

        public ValueTask<SyncReceiveResult> ReceiveAsync(CancellationToken cancellationToken) => connection.ReceiveAsync(cancellationToken);

        public Task CloseAsync(string reason, CancellationToken cancellationToken) => connection.CloseAsync(reason, cancellationToken);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
