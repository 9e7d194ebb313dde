using System.Collections.Concurrent;
using ConvexKit.Client.Engine;

namespace ConvexKit.Client.Tests.Engine;

public class EngineInboxUnitTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ItemsPostedFromManyThreadsAreHandledOneAtATimeOnceEachAndInOrderPerThread()
    {
        const int Threads = 8;
        const int PerThread = 2000;
        var handling = 0;
        var overlapped = false;
        var seen = new ConcurrentDictionary<int, List<int>>();
        var inbox = new EngineInbox(
            item =>
            {
                overlapped |= Interlocked.Increment(ref handling) != 1;
                var (thread, index) = ((Numbered)item).Value;
                seen.GetOrAdd(thread, _ => []).Add(index);
                Interlocked.Decrement(ref handling);
                return Task.CompletedTask;
            },
            (_, ex) => throw ex);

        using var start = new Barrier(Threads);
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(
            () =>
            {
                start.SignalAndWait(Token);
                for (var i = 0; i < PerThread; i++)
                {
                    Assert.True(inbox.TryPost(new Numbered((thread, i))));
                }
            },
            Token)));
        await WaitForAsync(() => seen.Values.Sum(list => list.Count) == Threads * PerThread);

        Assert.False(overlapped);
        Assert.All(seen.Values, list => Assert.Equal(Enumerable.Range(0, PerThread), list));
    }

    [Fact]
    public async Task AnItemHandledAsynchronouslyHoldsTheItemsBehindItUntilItCompletes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<int>();
        var inbox = new EngineInbox(
            item =>
            {
                var value = ((Numbered)item).Value.Index;
                if (value == 1)
                {
                    return CompleteAfterAsync(release.Task, () => handled.Enqueue(value));
                }

                handled.Enqueue(value);
                return Task.CompletedTask;
            },
            (_, ex) => throw ex);

        inbox.TryPost(new Numbered((0, 1)));
        inbox.TryPost(new Numbered((0, 2)));
        await Task.Delay(200, Token);
        Assert.Empty(handled);

        release.SetResult();
        await WaitForAsync(() => handled.Count == 2);
        Assert.Equal([1, 2], handled);
    }

    [Fact]
    public async Task AFailingItemGoesToTheFailureHandlerAndTheItemsBehindItAreStillHandled()
    {
        var failures = new ConcurrentQueue<(int Index, string Message)>();
        var handled = new ConcurrentQueue<int>();
        var inbox = new EngineInbox(
            item =>
            {
                var value = ((Numbered)item).Value.Index;
                return value switch
                {
                    1 => throw new InvalidOperationException("thrown"),
                    2 => Task.FromException(new InvalidOperationException("faulted")),
                    3 => FailLaterAsync(),
                    _ => Enqueued(handled, value),
                };
            },
            (item, ex) => failures.Enqueue((((Numbered)item).Value.Index, ex.Message)));

        for (var i = 0; i <= 4; i++)
        {
            inbox.TryPost(new Numbered((0, i)));
        }

        await WaitForAsync(() => handled.Count == 2);
        Assert.Equal([0, 4], handled);
        Assert.Equal([(1, "thrown"), (2, "faulted"), (3, "later")], failures);

        static async Task FailLaterAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("later");
        }
    }

    // A caller that finds the engine idle handles what others queue meanwhile, but only up to a bound: then the rest
    // goes to the thread pool and the caller returns.
    [Fact]
    public async Task APostingThreadHandsTheRestToTheThreadPoolAfterABoundedTurn()
    {
        const int Queued = EngineInbox.MaxItemsPerTurn * 3;
        using var gate = new ManualResetEventSlim();
        var threads = new ConcurrentQueue<int>();
        var inbox = ThreadRecordingInbox(gate, threads);

        var caller = new Thread(() => inbox.TryPost(new Numbered((0, -1))));
        caller.Start();
        await WaitForAsync(() => caller.ThreadState == ThreadState.WaitSleepJoin);

        // The engine is busy on the caller's thread: these only queue, they never handle on this thread.
        for (var i = 0; i < Queued; i++)
        {
            inbox.TryPost(new Numbered((1, i)));
        }

        Assert.Empty(threads);
        gate.Set();
        Assert.True(caller.Join(s_wait));
        await WaitForAsync(() => threads.Count == Queued + 1);
        Assert.Equal(EngineInbox.MaxItemsPerTurn, threads.Count(id => id == caller.ManagedThreadId));
    }

    // An API caller (a UI thread, say) handles its own item and never what others queued meanwhile.
    [Fact]
    public async Task ACallerHandlesOnlyItsOwnItem()
    {
        using var gate = new ManualResetEventSlim();
        var threads = new ConcurrentQueue<int>();
        var inbox = ThreadRecordingInbox(gate, threads);

        var caller = new Thread(() => inbox.TryPost(new Numbered((0, -1)), EngineInbox.CallerTurn));
        caller.Start();
        await WaitForAsync(() => caller.ThreadState == ThreadState.WaitSleepJoin);
        for (var i = 0; i < 10; i++)
        {
            inbox.TryPost(new Numbered((1, i)));
        }

        gate.Set();
        Assert.True(caller.Join(s_wait));
        await WaitForAsync(() => threads.Count == 11);
        Assert.Equal(1, threads.Count(id => id == caller.ManagedThreadId));
    }

    [Fact]
    public void AClosedInboxRefusesItems()
    {
        var inbox = new EngineInbox(_ => Task.CompletedTask, (_, ex) => throw ex);
        Assert.True(inbox.TryPost(new Numbered((0, 0))));
        inbox.Close();
        Assert.False(inbox.TryPost(new Numbered((0, 1))));
        Assert.True(inbox.IsClosed);
    }

    /// <summary>An inbox that records which thread handles each item; item -1 waits for <paramref name="gate"/>.</summary>
    private static EngineInbox ThreadRecordingInbox(ManualResetEventSlim gate, ConcurrentQueue<int> threads) => new(
        item =>
        {
            if (((Numbered)item).Value.Index == -1)
            {
                gate.Wait(s_wait, Token);
            }

            threads.Enqueue(Environment.CurrentManagedThreadId);
            return Task.CompletedTask;
        },
        (_, ex) => throw ex);

    private static Task Enqueued(ConcurrentQueue<int> queue, int value)
    {
        queue.Enqueue(value);
        return Task.CompletedTask;
    }

    private static async Task CompleteAfterAsync(Task gate, Action then)
    {
        await gate;
        then();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(s_wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed record Numbered((int Thread, int Index) Value) : EngineItem;
}
