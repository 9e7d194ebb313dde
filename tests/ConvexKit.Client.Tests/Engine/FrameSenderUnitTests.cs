using System.Collections.Concurrent;
using System.Text;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Transport;

namespace ConvexKit.Client.Tests.Engine;

public class FrameSenderUnitTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void OnAnIdleSocketAFrameGoesOutOnTheThreadThatSendsIt()
    {
        var socket = new RecordingConnection();
        var sender = new FrameSender(socket, CancellationToken.None, () => throw new InvalidOperationException("no failure expected"));

        sender.Send(Frame("a"));

        Assert.Equal(["a"], socket.Sent);
        Assert.Equal([Environment.CurrentManagedThreadId], socket.Threads);
    }

    [Fact]
    public async Task ASlowSendDoesNotHoldUpTheSenderAndTheFramesBehindItFollowInOrder()
    {
        var socket = new RecordingConnection { Slow = "slow" };
        var sender = new FrameSender(socket, CancellationToken.None, () => throw new InvalidOperationException("no failure expected"));

        sender.Send(Frame("first"));
        sender.Send(Frame("slow"));
        for (var i = 0; i < 100; i++)
        {
            sender.Send(Frame(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(["first"], socket.Sent);
        var closed = sender.CloseAsync();
        Assert.False(closed.IsCompleted);

        socket.Release();
        await closed.WaitAsync(s_wait, Token);
        Assert.Equal(["first", "slow", .. Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], socket.Sent);
    }

    [Fact]
    public async Task FramesSentFromManyThreadsGoOutOneAtATimeAndInOrderPerThread()
    {
        var socket = new RecordingConnection();
        var sender = new FrameSender(socket, CancellationToken.None, () => throw new InvalidOperationException("no failure expected"));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(
            () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    sender.Send(Frame($"{thread}:{i}"));
                }
            },
            Token)));
        await sender.CloseAsync().WaitAsync(s_wait, Token);

        Assert.False(socket.Overlapped);
        Assert.Equal(4000, socket.Sent.Count);
        for (var thread = 0; thread < 4; thread++)
        {
            var prefix = $"{thread}:";
            Assert.Equal(
                Enumerable.Range(0, 1000).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                socket.Sent.Where(text => text.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task AFailedSendIsReportedOnceAndNothingIsSentAfterIt()
    {
        var socket = new RecordingConnection { Failing = "bad" };
        var failures = 0;
        var sender = new FrameSender(socket, CancellationToken.None, () => Interlocked.Increment(ref failures));

        sender.Send(Frame("a"));
        sender.Send(Frame("bad"));
        sender.Send(Frame("b"));
        await sender.CloseAsync().WaitAsync(s_wait, Token);

        Assert.Equal(1, failures);
        Assert.Equal(["a"], socket.Sent);
    }

    [Fact]
    public async Task ACancelledSendIsNotReportedAsAFailure()
    {
        using var lifetime = new CancellationTokenSource();
        var socket = new RecordingConnection { Slow = "slow" };
        var failures = 0;
        var sender = new FrameSender(socket, lifetime.Token, () => Interlocked.Increment(ref failures));

        sender.Send(Frame("slow"));
        sender.Stop();
        await lifetime.CancelAsync();
        await sender.CloseAsync().WaitAsync(s_wait, Token);

        Assert.Equal(0, failures);
        Assert.Empty(socket.Sent);
    }

    private static OutgoingFrame Frame(string text) => OutgoingFrame.CopyOf(Encoding.UTF8.GetBytes(text));

    /// <summary>Records what it sends; a frame equal to <see cref="Slow"/> waits for <see cref="Release"/>, one equal to <see cref="Failing"/> throws.</summary>
    private sealed class RecordingConnection : ISyncConnection
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sending;

        public string? Slow { get; init; }

        public string? Failing { get; init; }

        public ConcurrentQueue<string> SentQueue { get; } = new();

        public List<string> Sent => [.. SentQueue];

        public ConcurrentQueue<int> Threads { get; } = new();

        public bool Overlapped { get; private set; }

        public void Release() => _released.TrySetResult();

        public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            Overlapped |= Interlocked.Increment(ref _sending) != 1;
            try
            {
                var text = Encoding.UTF8.GetString(frame.Span);
                Threads.Enqueue(Environment.CurrentManagedThreadId);
                if (text == Failing)
                {
                    throw new InvalidOperationException("The link broke.");
                }

                if (text == Slow)
                {
                    await _released.Task.WaitAsync(cancellationToken);
                }

                SentQueue.Enqueue(text);
            }
            finally
            {
                Interlocked.Decrement(ref _sending);
            }
        }

        public ValueTask<SyncReceiveResult> ReceiveAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CloseAsync(string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
