using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Client;

/// <summary>Connection loss, replay, the watchdog, protocol errors and fatal errors, over the in-memory peer.</summary>
public class ConvexClientReconnectTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ConvexObject Name(string name) => ConvexObject.Of(("name", name));

    [Fact]
    public async Task AMutationInFlightWhenTheConnectionDropsIsReplayedAndRunsOnce()
    {
        await using var c = new InMemoryClient(prepare: t => t.Hold = true);
        var mutation = c.Client.MutationAsync("counter:inc", Name("a"), Token);
        await c.WaitForAsync(() => c.Transport.Server.Executions.Count == 1);

        c.Transport.Drop(1011, "InternalServerError");
        c.Transport.Hold = false;
        Assert.Equal(1.0, (await mutation.WaitAsync(InMemoryClient.Wait, Token)).AsDouble());

        Assert.Equal(1, Assert.Single(c.Transport.Server.Executions.Values));
        var connects = c.Transport.ClientFrames.Where(f => f.Contains("\"type\":\"Connect\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, connects.Count);
        Assert.Contains("\"connectionCount\":1,\"lastCloseReason\":\"InternalServerError\"", connects[1], StringComparison.Ordinal);
        Assert.Contains($"\"sessionId\":\"{c.Client.SessionId}\"", connects[1], StringComparison.Ordinal);
        Assert.Equal(2, c.Transport.ClientFrames.Count(f => f.StartsWith("{\"type\":\"Mutation\",\"requestId\":0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnActionInFlightWhenTheConnectionDropsFails()
    {
        await using var c = new InMemoryClient(prepare: t => t.Hold = true);
        var action = c.Client.ActionAsync("counter:ping", null, Token);
        await c.WaitForAsync(() => c.Transport.ClientFrames.Any(f => f.Contains("Action", StringComparison.Ordinal)));
        c.Transport.Drop();
        c.Transport.Hold = false;
        var ex = await Assert.ThrowsAsync<ConvexConnectionLostException>(() => action.WaitAsync(InMemoryClient.Wait, Token));
        Assert.Equal("counter:ping", ex.FunctionPath);
        Assert.Equal(1, c.Transport.ClientFrames.Count(f => f.Contains("\"type\":\"Action\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SubscriptionsSurviveAReconnectAndKeepUpdating()
    {
        await using var c = new InMemoryClient();
        await using var subscription = c.Client.Subscribe("counter:get", Name("s"));
        await c.WaitForAsync(() => subscription.Latest is not null);
        c.Transport.Drop();
        await c.WaitForAsync(() => c.Transport.Connections == 2 && c.Client.ConnectionState == ConvexConnectionState.Connected);
        await c.Client.MutationAsync("counter:inc", Name("s"), Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1.0, subscription.Latest!.Value!.AsDouble());
        var adds = c.Transport.ClientFrames.Where(f => f.Contains("\"type\":\"Add\",\"queryId\":0", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, adds.Count);
        Assert.Contains("\"journal\":\"j0\"", adds[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedConnectionsAreRetriedUntilOneSucceeds()
    {
        await using var c = new InMemoryClient(prepare: t => t.RefuseNextConnections = 3);
        var states = new List<ConvexConnectionState>();
        var watcher = WatchUntilConnectedAsync();
        Assert.Equal(0.0, (await c.Client.QueryAsync("counter:get", Name("a"), Token).WaitAsync(InMemoryClient.Wait, Token)).AsDouble());
        await watcher.WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(4, c.Transport.ConnectAttempts);
        Assert.Equal(ConvexConnectionState.Connected, states[^1]);
        Assert.Equal(ConvexConnectionState.Connecting, states[0]);

        async Task WatchUntilConnectedAsync()
        {
            await foreach (var state in c.Client.WatchConnectionState(Token))
            {
                lock (states)
                {
                    states.Add(state);
                }

                if (state == ConvexConnectionState.Connected)
                {
                    return;
                }
            }
        }
    }

    // A stream nobody reads must not grow with every reconnect of a long-lived client.
    [Fact]
    public async Task AStateStreamThatIsNotReadKeepsOnlyTheLatestStates()
    {
        var c = new InMemoryClient();
        var states = c.Client.WatchConnectionState(Token);
        const int Drops = 20;
        for (var i = 1; i <= Drops; i++)
        {
            await c.WaitForAsync(() => c.Transport.Connections == i && c.Client.ConnectionState == ConvexConnectionState.Connected);
            c.Transport.Drop(1005, "");
        }

        await c.WaitForAsync(() => c.Transport.Connections == Drops + 1 && c.Client.ConnectionState == ConvexConnectionState.Connected);
        await c.DisposeAsync();

        var read = await states.ToListAsync(Token).AsTask().WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(ConvexClient.StatesKeptPerWatcher, read.Count);
        Assert.Equal(ConvexConnectionState.Closed, read[^1]);
        Assert.Equal(ConvexConnectionState.Connected, read[^2]);
    }

    [Fact]
    public async Task ASilentServerTripsTheInactivityWatchdog()
    {
        await using var c = new InMemoryClient(o => o.ServerInactivityTimeout = TimeSpan.FromMilliseconds(300));
        var changes = new List<ConvexConnectionStateChangedEventArgs>();
        c.Client.ConnectionStateChanged += (_, e) =>
        {
            lock (changes)
            {
                changes.Add(e);
            }
        };
        c.Client.ConnectionStateChanged += (_, _) => throw new InvalidOperationException("A broken handler must not hurt the client.");
        await c.WaitForAsync(() => c.Client.ConnectionState == ConvexConnectionState.Connected);
        c.Transport.Silence();
        await c.WaitForAsync(() => c.Transport.Connections == 2 && c.Client.ConnectionState == ConvexConnectionState.Connected);
        Assert.Contains("\"lastCloseReason\":\"InactiveServer\"", c.Transport.ClientFrames.Last(f => f.Contains("Connect", StringComparison.Ordinal)), StringComparison.Ordinal);
        await c.WaitForAsync(() =>
        {
            lock (changes)
            {
                return changes.Any(e => e.State == ConvexConnectionState.Reconnecting && e.Reason == "InactiveServer");
            }
        });
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":9,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":9,"identity":0,"ts":"AQAAAAAAAAA="},"modifications":[],"clientClockSkew":0,"serverTs":1}""")]
    public async Task ProtocolErrorsReplaceTheSocket(string frame)
    {
        await using var c = new InMemoryClient();
        await using var subscription = c.Client.Subscribe("counter:get", Name("p"));
        await c.WaitForAsync(() => subscription.Latest is not null);
        c.Transport.SendRaw(frame);
        await c.WaitForAsync(() => c.Transport.Connections == 2);
        await c.Client.MutationAsync("counter:inc", Name("p"), Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1.0, subscription.Latest!.Value!.AsDouble());
    }

    [Fact]
    public async Task UnknownMessageTypesAreIgnored()
    {
        await using var c = new InMemoryClient();
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        c.Transport.SendRaw("""{"type":"SomethingFromTheFuture"}""");
        await c.Client.MutationAsync("counter:inc", Name("u"), Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1, c.Transport.Connections);
    }

    [Fact]
    public async Task AFatalErrorStopsTheClientAsTheJavaScriptClientDoes()
    {
        var c = new InMemoryClient(prepare: t => t.Hold = true);
        var subscription = c.Client.Subscribe("counter:all");
        var pending = c.Client.MutationAsync("counter:inc", Name("f"), Token);
        await c.WaitForAsync(() => c.Transport.ClientFrames.Any(f => f.Contains("Mutation", StringComparison.Ordinal)));
        c.Transport.SendRaw("""{"type":"FatalError","error":"BaseVersionMismatch"}""");

        var ex = await Assert.ThrowsAsync<ConvexFatalErrorException>(() => pending.WaitAsync(InMemoryClient.Wait, Token));
        Assert.Equal("BaseVersionMismatch", ex.ServerMessage);
        await Assert.ThrowsAsync<ConvexFatalErrorException>(async () =>
        {
            await foreach (var _ in subscription.WithCancellation(Token))
            {
            }
        });
        Assert.Equal(ConvexConnectionState.Closed, c.Client.ConnectionState);
        Assert.Throws<ConvexFatalErrorException>(() => c.Client.Subscribe("counter:all"));
        await c.Client.DisposeAsync().AsTask().WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1, c.Transport.Connections);
    }
}
