using System.Text;
using ConvexKit.Client.Tests.Client;
using ConvexKit.Client.Tests.Support;
using ConvexKit.Client.Values;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Tests.Engine;

/// <summary>The concurrency hazards of the loop around the protocol state machine, each over the in-memory peer.</summary>
public class EngineHazardTests
{
    // Short, so the tests can hold the client longer than it; long enough that a loaded machine's pauses do not trip it.
    private static readonly TimeSpan s_inactivityTimeout = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASlowSendNeitherTripsTheInactivityWatchdogNorBlocksTheLoop()
    {
        var transport = new SlowSendTransport(new InMemorySyncTransport());
        var options = new ConvexClientOptions
        {
            Timeout = TimeSpan.FromSeconds(20),
            ServerInactivityTimeout = TimeSpan.FromMilliseconds(400),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            ReconnectDelayScale = 0.05,
        };
        await using var client = new ConvexClient(new Uri("http://127.0.0.1:3210"), options, transport);
        await using var live = client.Subscribe("counter:all");
        await using (var first = live.GetAsyncEnumerator(Token))
        {
            Assert.True(await first.MoveNextAsync().AsTask().WaitAsync(InMemoryClient.Wait, Token));
        }

        // A large argument on a slow link: its send takes 1.5 s, while the server keeps the link alive with Pings.
        var mutation = client.MutationAsync("counter:inc", ConvexObject.Of(("name", SlowSendTransport.Marker)), Token);
        await transport.SendStarted.Task.WaitAsync(InMemoryClient.Wait, Token);

        // The loop is free meanwhile: a new subscriber of a live query gets its cached result from the loop at once.
        await using var subscription = client.Subscribe("counter:all");
        await using (var results = subscription.GetAsyncEnumerator(Token))
        {
            Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(1), Token));
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMilliseconds(1500))
        {
            transport.Inner.SendRaw("""{"type":"Ping"}""");
            await Task.Delay(50, Token);
        }

        transport.Release();
        await mutation.WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1, transport.Inner.Connections);
    }

    [Fact]
    public async Task DisposeFinishesWithinABoundWhileASendIsStuck()
    {
        var transport = new SlowSendTransport(new InMemorySyncTransport());
        var client = new ConvexClient(new Uri("http://127.0.0.1:3210"), new ConvexClientOptions(), transport);
        await client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        var mutation = client.MutationAsync("counter:inc", ConvexObject.Of(("name", SlowSendTransport.Marker)), Token);
        await transport.SendStarted.Task.WaitAsync(InMemoryClient.Wait, Token);

        await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => mutation);
    }

    [Fact]
    public async Task AnExceptionFromOnAuthChangeNeverCrashesTheProcess()
    {
        // Unhandled, it would end the test host; the run would fail.
        await using var c = new InMemoryClient();
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Client.SetAuth(
            (_, _) => ValueTask.FromResult<string?>(Jwt("u")),
            _ =>
            {
                called.TrySetResult();
                throw new InvalidOperationException("user code failed");
            });
        await called.Task.WaitAsync(InMemoryClient.Wait, Token);
        await Task.Delay(200, Token);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
    }

    // The inbox must not take in everything the server sends while the engine is busy on another thread (here a caller
    // handling its own subscribe): past the bound the client stops reading (the frames wait in the socket), without
    // tripping the inactivity watchdog, and catches up afterwards.
    [Fact]
    public async Task ReceivedFramesWaitingForABusyEngineAreBounded()
    {
        const int Pings = 1000;
        using var loggers = new BlockingLoggerFactory("Subscribed to counter:get");
        await using var c = new InMemoryClient(o => o.ServerInactivityTimeout = s_inactivityTimeout, loggerFactory: loggers);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);

        // The subscribe is handled on the thread that makes it, which blocks in the logger.
        var subscribing = Task.Run(() => c.Client.Subscribe("counter:get", ConvexObject.Of(("name", "a"))), Token);
        await loggers.Blocked.WaitAsync(InMemoryClient.Wait, Token);
        try
        {
            for (var i = 0; i < Pings; i++)
            {
                c.Transport.SendRaw("""{"type":"Ping"}""");
            }

            // The receive loop fills the free slots and reads one more frame, which waits for a slot; the rest stay
            // unread. Held longer than the inactivity timeout: the watchdog rests while the client is not reading.
            await c.WaitForAsync(() => c.Transport.UnreadFrames < Pings);
            await Task.Delay(s_inactivityTimeout * 1.5, Token);
            Assert.InRange(Pings - c.Transport.UnreadFrames, ConnectionSupervisorBound - 1, ConnectionSupervisorBound + 1);
        }
        finally
        {
            loggers.Release();
        }

        // Checked as soon as the client caught up: the in-memory server sends nothing by itself, so a later idle
        // moment of this test on a loaded machine could trip the short watchdog legitimately.
        await c.WaitForAsync(() => c.Transport.UnreadFrames == 0);
        Assert.Equal(1, c.Transport.Connections);
        await using var subscription = await subscribing.WaitAsync(InMemoryClient.Wait, Token);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
    }

    // The receive loop usually handles a frame itself. Taking longer with it than the inactivity timeout (here the
    // action's log line blocks in the logger) is the client's delay, not the server's: no reconnect, and the frames sent
    // meanwhile are read afterwards.
    [Fact]
    public async Task AFrameHandledSlowlyDoesNotTripTheInactivityWatchdog()
    {
        const int Pings = 100;
        using var loggers = new BlockingLoggerFactory("pong");
        await using var c = new InMemoryClient(o => o.ServerInactivityTimeout = s_inactivityTimeout, loggerFactory: loggers);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);

        var action = c.Client.ActionAsync("counter:ping", null, Token);
        await loggers.Blocked.WaitAsync(InMemoryClient.Wait, Token);
        try
        {
            for (var i = 0; i < Pings; i++)
            {
                c.Transport.SendRaw("""{"type":"Ping"}""");
            }

            await Task.Delay(s_inactivityTimeout * 1.5, Token);
            // Whichever thread is stuck with the frame, the client reads at most what the bound lets wait (a Transition
            // after the action's answer may also be waiting, unread).
            Assert.True(
                c.Transport.UnreadFrames >= Pings - ConnectionSupervisorBound - 1,
                $"{c.Transport.UnreadFrames} of {Pings} frames unread: the client read more than the bound lets wait");
        }
        finally
        {
            loggers.Release();
        }

        await c.WaitForAsync(() => c.Transport.UnreadFrames == 0);
        Assert.Equal(1, c.Transport.Connections);
        await action.WaitAsync(InMemoryClient.Wait, Token);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
    }

    [Fact]
    public async Task ATokenProviderThatIgnoresCancellationIsBounded()
    {
        await using var c = new InMemoryClient(o => o.Timeout = TimeSpan.FromMilliseconds(500));
        var changes = new List<bool>();
        var never = new TaskCompletionSource<string?>();
        c.Client.SetAuth((_, _) => new ValueTask<string?>(never.Task), authenticated =>
        {
            lock (changes)
            {
                changes.Add(authenticated);
            }
        });

        // Both fetches (cached, then forced) time out; the client gives up on auth and carries on unauthenticated.
        await c.WaitForAsync(() =>
        {
            lock (changes)
            {
                return changes.Contains(false);
            }
        });
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
    }

    [Fact]
    public async Task SetAuthWhilePausedDoesNotResendTheOldIdentity()
    {
        await using var c = new InMemoryClient();
        var first = Jwt("first");
        var confirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Client.SetAuth((_, _) => ValueTask.FromResult<string?>(first), ok => confirmed.TrySetResult());
        await confirmed.Task.WaitAsync(InMemoryClient.Wait, Token);
        await c.WaitForAsync(() => CountContaining(c, first) > 0);
        var sentBefore = CountContaining(c, first);

        // Two new providers in a row: the second arrives while the first one's fetch holds the socket paused.
        var pending = new TaskCompletionSource<string?>();
        c.Client.SetAuth((_, _) => new ValueTask<string?>(pending.Task));
        var second = Jwt("second");
        c.Client.SetAuth((_, _) => ValueTask.FromResult<string?>(second));
        await c.WaitForAsync(() => CountContaining(c, second) > 0);

        Assert.Equal(sentBefore, CountContaining(c, first));
    }

    [Fact]
    public async Task ASnapshotRefusesASubscriptionOfAnotherClient()
    {
        await using var a = new InMemoryClient();
        await using var b = new InMemoryClient();
        // Watching starts with the next Transition, so before the subscription whose result it waits for.
        await using var snapshots = a.Client.WatchAll(Token).GetAsyncEnumerator(Token);
        await using var mine = a.Client.Subscribe("counter:all");
        await using var theirs = b.Client.Subscribe("counter:all");
        await using (var results = theirs.GetAsyncEnumerator(Token))
        {
            Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(InMemoryClient.Wait, Token));
        }

        // A Transition may come before the one that carries this client's result.
        do
        {
            Assert.True(await snapshots.MoveNextAsync().AsTask().WaitAsync(InMemoryClient.Wait, Token));
        }
        while (!snapshots.Current.TryGetResult(mine, out _));

        // Both subscriptions have query id 0 in their own client; the snapshot must not answer for the other one.
        Assert.Equal(mine.QueryId, theirs.QueryId);
        Assert.Throws<ArgumentException>(() => snapshots.Current.TryGetResult(theirs, out _));
    }

    [Fact]
    public async Task WatchAllStartedDuringShutdownCompletes()
    {
        for (var round = 0; round < 20; round++)
        {
            var c = new InMemoryClient();
            await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
            var disposing = c.Client.DisposeAsync().AsTask();
            var streams = new List<Task>();
            while (!disposing.IsCompleted)
            {
                streams.Add(DrainAsync(c.Client.WatchAll(Token)));
                await Task.Yield();
            }

            streams.Add(DrainAsync(c.Client.WatchAll(Token)));
            await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(10), Token);
        }

        static async Task DrainAsync(IAsyncEnumerable<ConvexQuerySetSnapshot> snapshots)
        {
            await foreach (var unused in snapshots)
            {
            }
        }
    }

    [Fact]
    public async Task ARejectedAdminKeyStopsTheClientWithAnErrorInsteadOfFallingBackToAnonymous()
    {
        var c = new InMemoryClient();
        var states = new List<ConvexConnectionStateChangedEventArgs>();
        c.Client.ConnectionStateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e);
            }
        };
        c.Client.SetAdminAuth("not-the-key");
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        c.Transport.Hold = true;
        var pending = c.Client.MutationAsync("counter:inc", ConvexObject.Of(("name", "a")), Token);
        await c.WaitForAsync(() => c.Transport.ClientFrames.Any(f => f.Contains("counter:inc", StringComparison.Ordinal)));

        c.Transport.SendRaw("""{"type":"AuthError","error":"The admin key is invalid","baseVersion":0,"authUpdateAttempted":true}""");

        var error = await Assert.ThrowsAsync<ConvexFatalErrorException>(() => pending.WaitAsync(InMemoryClient.Wait, Token));
        Assert.Equal("The admin key is invalid", error.ServerMessage);
        Assert.Equal(ConvexConnectionState.Closed, c.Client.ConnectionState);
        await Assert.ThrowsAsync<ConvexFatalErrorException>(() => c.Client.QueryAsync("counter:all", null, Token));
        await c.WaitForAsync(() =>
        {
            lock (states)
            {
                return states.Any(s => s.State == ConvexConnectionState.Closed && s.Reason!.Contains("admin key", StringComparison.Ordinal));
            }
        });
        await c.Client.DisposeAsync();
    }

    private static int CountContaining(InMemoryClient c, string text) =>
        c.Transport.ClientFrames.Count(f => f.Contains(text, StringComparison.Ordinal));

    private static string Jwt(string subject)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part("""{"alg":"none"}""")}.{Part($$"""{"sub":"{{subject}}","iat":{{now}},"exp":{{now + 3600}}}""")}.sig";
    }

    private const int ConnectionSupervisorBound = ConvexKit.Client.Engine.ConnectionSupervisor.MaxFramesWaiting;

    /// <summary>Blocks the thread that logs a message containing <c>trigger</c> until <see cref="Release"/>.</summary>
    private sealed class BlockingLoggerFactory(string trigger) : ILoggerFactory, ILogger
    {
        private readonly ManualResetEventSlim _gate = new();
        private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Blocked => _blocked.Task;

        public void Release() => _gate.Set();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains(trigger, StringComparison.Ordinal))
            {
                _blocked.TrySetResult();
                _gate.Wait(TimeSpan.FromSeconds(30));
            }
        }

        public void Dispose()
        {
            _gate.Set();
            _gate.Dispose();
        }
    }
}
