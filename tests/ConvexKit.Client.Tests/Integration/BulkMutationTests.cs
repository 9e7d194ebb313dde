using ConvexKit.Client.Tests.Http;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Integration;

/// <summary>
/// A bulk import from one client: far more mutations started at once than the server lets a socket hold (1,000; the
/// emulator, like the backend, closes the socket past that). Flow control keeps the client inside the limit.
/// </summary>
public sealed class BulkMutationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const int Count = 10_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TenThousandMutationsStartedAtOnceAllCompleteExactlyOnceInOrderOnOneSocket()
    {
        await using var client = new ConvexClient(fixture.Url, new ConvexClientOptions { Timeout = TimeSpan.FromMinutes(3) });
        var states = new List<ConvexConnectionState>();
        client.ConnectionStateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e.State);
            }
        };
        await client.QueryAsync("notes:list", null, Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Equal(ConvexConnectionState.Connected, client.ConnectionState);

        var prefix = $"bulk {Guid.NewGuid():N} ";
        var calls = Enumerable.Range(0, Count)
            .Select(i => client.MutationAsync("notes:create", ConvexObject.Of(("title", $"{prefix}{i:D5}"), ("content", "")), Token))
            .ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var ids = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(3), Token);

        TestContext.Current.SendDiagnosticMessage($"{Count} mutations in {started.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(Count, ids.Select(id => id.AsString()).Distinct().Count());
        lock (states)
        {
            // No socket closed: the only change ever seen is the first connect (whose event may land after the query).
            Assert.DoesNotContain(states, s => s != ConvexConnectionState.Connected);
        }

        Assert.Equal(ConvexConnectionState.Connected, client.ConnectionState);

        // Exactly once and in order. The emulator's ids are convex-test's: a zero-padded insert counter followed by the
        // table name, one counter per deployment. This class has the emulator to itself, so consecutive counters in call
        // order mean each call inserted once, in order, with no second run of a replay in between.
        var counters = ids.Select(id => long.Parse(id.AsString()[..^"notes".Length], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, Count).Select(i => counters[0] + i), counters);
        var last = await client.QueryAsync("notes:get", ConvexObject.Of(("id", ids[^1])), Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Equal($"{prefix}{Count - 1:D5}", last["title"].AsString());
    }
}
