using System.Text.Json;
using ConvexKit.Client.Values;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Integration;

/// <summary>
/// Emulator restarts and recordings, each test with its own emulator: the client reconnects on the same URLs,
/// replays what was in flight, and the server sees exactly what the client sent.
/// </summary>
public sealed class ConvexClientEmulatorRestartTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcrossARestartSubscriptionsConvergeAndEveryAcknowledgedMutationIsPresentOnce()
    {
        await using var emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions(), Token).WaitAsync(s_wait, Token);
        await using var client = new ConvexClient(emulator.Url, new ConvexClientOptions { Timeout = s_wait, MaxReconnectDelay = TimeSpan.FromSeconds(2) });
        await using var subscription = client.Subscribe("notes:list");
        await FirstAsync(subscription);

        var prefix = Guid.NewGuid().ToString("N");
        var before = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Create(client, $"{prefix}-before-{i}"))).WaitAsync(s_wait, Token);
        var inFlight = Enumerable.Range(0, 10).Select(i => Create(client, $"{prefix}-in-flight-{i}")).ToList();
        await emulator.KillAsync().WaitAsync(s_wait, Token);
        var whileDown = Enumerable.Range(0, 5).Select(i => Create(client, $"{prefix}-while-down-{i}")).ToList();
        await client.WatchConnectionState(Token).FirstAsync(s => s == ConvexConnectionState.Reconnecting, Token).AsTask().WaitAsync(s_wait, Token);
        await emulator.StartAgainAsync(Token).WaitAsync(s_wait, Token);
        var after = await Task.WhenAll(inFlight.Concat(whileDown)).WaitAsync(s_wait, Token);

        var acknowledged = before.Concat(after).ToList();
        Assert.Equal(20, acknowledged.Distinct().Count());
        var listed = (await client.QueryAsync("notes:list", null, Token).WaitAsync(s_wait, Token)).AsArray()
            .Where(n => n["title"].AsString().StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        Assert.Equal(20, listed.Count);
        Assert.Equal(acknowledged.Order(), listed.Select(n => n["_id"].AsString()).Order());
        Assert.Equal(20, listed.Select(n => n["title"].AsString()).Distinct().Count());

        // The subscription converged on the same state the fresh query saw.
        var converged = subscription.Latest!.Value!.AsArray().Where(n => n["title"].AsString().StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal(listed.Select(n => n["_id"].AsString()).Order(), converged.Select(n => n["_id"].AsString()).Order());
    }

    [Fact]
    public async Task TheClientNamesItselfAndSpeaksTheJavaScriptClientsFrames()
    {
        var record = Path.Combine(Path.GetTempPath(), $"convex-client-record-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions { RecordFile = record }, Token).WaitAsync(s_wait, Token))
            {
                await using var client = new ConvexClient(emulator.Url);
                await client.MutationAsync("notes:create", ConvexObject.Of(("title", "recorded"), ("content", "")), Token).WaitAsync(s_wait, Token);
                await client.QueryAsync("notes:list", null, Token).WaitAsync(s_wait, Token);
            }

            var lines = (await File.ReadAllLinesAsync(record, Token)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var open = lines.First(l => l.TryGetProperty("event", out var e) && e.GetString() == "open");
            Assert.Equal("/api/sync", open.GetProperty("path").GetString());
            Assert.StartsWith("dotnet-", open.GetProperty("headers").GetProperty("convex-client").GetString(), StringComparison.Ordinal);

            var sent = lines.Where(l => l.TryGetProperty("dir", out var d) && d.GetString() == "in").Select(l => l.GetProperty("frame")).ToList();
            Assert.Equal(["Connect", "ModifyQuerySet", "Mutation", "ModifyQuerySet", "ModifyQuerySet"], sent.Select(f => f.GetProperty("type").GetString()));
            Assert.Equal("InitialConnect", sent[0].GetProperty("lastCloseReason").GetString());
            Assert.Equal("notes:create", sent[2].GetProperty("udfPath").GetString());
            Assert.Equal("notes:list", sent[3].GetProperty("modifications")[0].GetProperty("udfPath").GetString());
            Assert.Equal("Remove", sent[4].GetProperty("modifications")[0].GetProperty("type").GetString());
        }
        finally
        {
            File.Delete(record);
        }
    }

    private static Task<string> Create(ConvexClient client, string title) =>
        client.MutationAsync("notes:create", ConvexObject.Of(("title", title), ("content", "")), Token).ContinueWith(t => t.Result.AsString(), TaskScheduler.Default);

    private static async Task<FunctionResult> FirstAsync(ConvexSubscription subscription)
    {
        await using var results = subscription.GetAsyncEnumerator(Token);
        Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(s_wait, Token));
        return results.Current;
    }
}
