using ConvexKit.Client.Tests.Http;
using ConvexKit.Client.Values;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Tests.Client;

/// <summary>Function log lines, WatchAll snapshots, and what the client must never log.</summary>
public class ConvexClientObservabilityTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FunctionLogLinesGoToTheirOwnCategory()
    {
        var logs = new CapturingLoggerFactory();
        await using (var c = new InMemoryClient(loggerFactory: logs))
        {
            await c.Client.ActionAsync("counter:ping", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        }

        var line = Assert.Single(logs.Entries, e => e.Category == "ConvexKit.Client.FunctionLogs");
        Assert.Equal("[CONVEX A(counter:ping)] [LOG] 'pong'", line.Message);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains(logs.Entries, e => e.Category == typeof(ConvexClient).FullName && e.Message.StartsWith("Connected to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLoggerFactoryGivenToThePublicConstructorGetsTheClientsLogs()
    {
        var logs = new CapturingLoggerFactory();
        await using var client = new ConvexClient(new Uri("http://127.0.0.1:9/"), loggerFactory: logs);

        await logs.WaitForAsync(e => e.Category == typeof(ConvexClient).FullName && e.Message == "Connecting to ws://127.0.0.1:9/api/sync (attempt 1)", Token);
    }

    [Fact]
    public async Task TokensKeysAndDataNeverAppearInLogs()
    {
        var logs = new CapturingLoggerFactory();
        const string Secret = "s3cr3t-token-value";
        await using (var c = new InMemoryClient(loggerFactory: logs))
        {
            c.Client.SetAdminAuth("admin-" + Secret);
            await c.Client.MutationAsync("counter:inc", ConvexObject.Of(("name", "data-" + Secret)), Token).WaitAsync(InMemoryClient.Wait, Token);
            c.Client.SetAuth(Secret + "-jwt");
            await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
            c.Transport.SendRaw("""{"type":"AuthError","error":"rejected","baseVersion":null,"authUpdateAttempted":true}""");
            c.Transport.Drop(1005, "");
            await c.WaitForAsync(() => c.Transport.Connections == 2);
            await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
            Assert.DoesNotContain(Secret, c.Client.ToString(), StringComparison.Ordinal);
        }

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal) || e.Exception?.ToString().Contains(Secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task WatchAllDeliversConsistentSnapshots()
    {
        await using var c = new InMemoryClient();
        await using var one = c.Client.Subscribe("counter:get", ConvexObject.Of(("name", "w")));
        await using var all = c.Client.Subscribe("counter:all");
        await using var snapshots = c.Client.WatchAll(Token).GetAsyncEnumerator(Token);
        await c.WaitForAsync(() => one.Latest is not null && all.Latest is not null);

        await c.Client.MutationAsync("counter:inc", ConvexObject.Of(("name", "w")), Token).WaitAsync(InMemoryClient.Wait, Token);
        ConvexQuerySetSnapshot snapshot;
        do
        {
            Assert.True(await snapshots.MoveNextAsync().AsTask().WaitAsync(InMemoryClient.Wait, Token));
            snapshot = snapshots.Current;
        }
        while (!(snapshot.TryGetResult(one, out var r) && r.Value!.AsDouble() == 1.0));

        Assert.Equal(2, snapshot.Count);
        Assert.True(snapshot.TryGetResult(all, out var names));
        Assert.Contains(names.Value!.AsArray(), n => n.AsString() == "w");
        Assert.True(snapshot.Timestamp > 0);
    }

    [Fact]
    public async Task WatchAllEndsWhenTheClientCloses()
    {
        var c = new InMemoryClient();
        var stream = c.Client.WatchAll(Token);
        await c.DisposeAsync();
        await foreach (var _ in stream.WithCancellation(Token))
        {
        }

        await foreach (var _ in c.Client.WatchAll(Token))
        {
            Assert.Fail("A closed client has no snapshots.");
        }
    }
}
