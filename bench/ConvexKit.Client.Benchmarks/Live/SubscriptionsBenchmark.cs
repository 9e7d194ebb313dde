using System.Diagnostics;
using System.Globalization;
using ConvexKit.Client.Values;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Benchmarks.Live;

/// <summary>
/// Benchmark (d): N live subscriptions on one connection (<c>notes:get</c> of N distinct ids that do not exist, so
/// every result is null and the server's work per query is small). Reports the client's memory per subscription
/// (.NET: managed heap after full collections; npm: V8 heap after forced GCs, both with every subscription held and
/// its result received), the time to subscribe them all, and the time to resubscribe them all after a reconnect: the
/// harness resets the connection at a TCP proxy and measures from the proxy accepting the client's new connection until
/// the client has every result again (.NET: the first <see cref="ConvexClient.WatchAll"/> snapshot holding all N;
/// npm: the last of the N callbacks). Each side gets a fresh emulator, so neither inherits the other's server state.
/// No target: reported for comparison.
/// </summary>
internal static class SubscriptionsBenchmark
{
    private static readonly TimeSpan s_wait = TimeSpan.FromMinutes(3);

    public static async Task<ComparisonTable> RunAsync(LiveArguments options)
    {
        var count = options.Get("count", 10_000);
        var passes = options.Get("passes", 2);
        var (csharp, npm) = (new List<Figures>(), new List<Figures>());
        var npmRuntime = "";
        for (var pass = 1; pass <= passes; pass++)
        {
            Console.WriteLine($"(d) {count:N0} subscriptions on one connection, pass {pass} of {passes}: {LiveOrder.Describe(pass)}, each on a fresh emulator behind a TCP proxy...");
            foreach (var side in LiveOrder.Sides(pass, options))
            {
                await using var emulator = await ConvexEmulator.StartAsync();
                await using var proxy = DropProxy.Start(emulator.Url);
                if (side == Side.Npm)
                {
                    var (figures, runtime) = await MeasureNpmAsync(proxy, count);
                    npm.Add(figures);
                    npmRuntime = runtime;
                }
                else
                {
                    csharp.Add(await MeasureAsync(proxy, count));
                }
            }
        }

        var table = new ComparisonTable(
            $"(d) {count:N0} live subscriptions on one connection (notes:get of absent ids), through a TCP proxy in front of a fresh emulator per side" +
            $"{(passes > 1 ? $" (medians of {passes} passes)" : "")}; C#: ConvexKit.Client on .NET {Environment.Version}; npm: {npmRuntime}");
        table.Add("(d) client memory per subscription", Median(csharp, f => f.BytesPerSubscription), Median(npm, f => f.BytesPerSubscription), "bytes");
        table.Add($"(d) subscribe {count:N0}, until all results", Median(csharp, f => f.SubscribeMs), Median(npm, f => f.SubscribeMs), "ms");
        table.Add($"(d) resubscribe {count:N0} after a reconnect", Median(csharp, f => f.ResubscribeMs), Median(npm, f => f.ResubscribeMs), "ms");
        return table;
    }

    private static double Median(List<Figures> figures, Func<Figures, double> metric) => new Samples(figures.Select(metric)).P50;

    private static async Task<(Figures Figures, string Runtime)> MeasureNpmAsync(DropProxy proxy, int count)
    {
        var connectionsBefore = -1;
        var result = await NpmSide.RunAsync(
            "subscriptions.mjs",
            ["--url", proxy.Url.ToString(), "--count", count.ToString(CultureInfo.InvariantCulture)],
            onEvent: name =>
            {
                if (name == "drop")
                {
                    connectionsBefore = proxy.AcceptedAt.Count;
                    proxy.DropAll();
                }

                return Task.CompletedTask;
            },
            nodeOptions: ["--expose-gc"]);
        if (connectionsBefore < 0)
        {
            throw new InvalidOperationException("The npm side never asked for the drop.");
        }

        var restoredAt = DateTime.UnixEpoch.AddMilliseconds(result.GetProperty("restoredAtWallClockMs").GetDouble());
        var figures = new Figures(
            result.GetProperty("heapBytesPerSubscription").GetDouble(),
            result.GetProperty("subscribeMs").GetDouble(),
            ReconnectToRestored(proxy, connectionsBefore, restoredAt));
        return (figures, NpmSide.Describe(result));
    }

    private static async Task<Figures> MeasureAsync(DropProxy proxy, int count)
    {
        await using var client = new ConvexClient(proxy.Url);
        var deadline = Stopwatch.GetTimestamp() + (long)(s_wait.TotalSeconds * Stopwatch.Frequency);
        while (client.ConnectionState != ConvexConnectionState.Connected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("The client did not connect.");
            }

            await Task.Delay(10);
        }

        await using (var initial = client.WatchAll().GetAsyncEnumerator())
        {
            var heapBefore = HeapBytes();
            var subscriptions = new ConvexSubscription[count];
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                subscriptions[i] = client.Subscribe("notes:get", ConvexObject.Of(("id", "missing-" + i.ToString(CultureInfo.InvariantCulture))));
            }

            await UntilAllAsync(initial, count);
            var subscribeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var bytesPerSubscription = (HeapBytes() - heapBefore) / (double)count;

            // A new watcher yields from the next Transition on, and nothing is in flight now: its first full snapshot
            // is the one the new connection brings.
            await using var afterReconnect = client.WatchAll().GetAsyncEnumerator();
            var connectionsBefore = proxy.AcceptedAt.Count;
            proxy.DropAll();
            await UntilAllAsync(afterReconnect, count);
            var restoredAt = DateTime.UtcNow;
            GC.KeepAlive(subscriptions);
            return new Figures(bytesPerSubscription, subscribeMs, ReconnectToRestored(proxy, connectionsBefore, restoredAt));
        }
    }

    private static async Task UntilAllAsync(IAsyncEnumerator<ConvexQuerySetSnapshot> snapshots, int count)
    {
        while (await snapshots.MoveNextAsync().AsTask().WaitAsync(s_wait))
        {
            if (snapshots.Current.Count >= count)
            {
                return;
            }
        }

        throw new InvalidOperationException("The client closed before every result arrived.");
    }

    /// <summary>From the proxy accepting the (last) new connection before <paramref name="restoredAt"/> until then.</summary>
    private static double ReconnectToRestored(DropProxy proxy, int connectionsBefore, DateTime restoredAt)
    {
        var reconnectedAt = proxy.AcceptedAt.Skip(connectionsBefore).Where(t => t <= restoredAt).DefaultIfEmpty().Max();
        if (reconnectedAt == default)
        {
            throw new InvalidOperationException("No new connection reached the proxy before the results were restored.");
        }

        return (restoredAt - reconnectedAt).TotalMilliseconds;
    }

    private static long HeapBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record Figures(double BytesPerSubscription, double SubscribeMs, double ResubscribeMs);
}
