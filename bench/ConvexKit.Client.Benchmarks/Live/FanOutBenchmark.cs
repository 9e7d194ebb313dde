using System.Diagnostics;
using System.Globalization;
using ConvexKit.Client.Values;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Benchmarks.Live;

/// <summary>
/// Benchmark (c): one mutation fanned out to N subscribed connections (N clients, one WebSocket each, all subscribed
/// to one note); a separate writer client updates the note, and each sample is the time from the writer's call until
/// the last subscriber has seen the new title. Rounds run one after another; both sides run in one process each
/// (node's event loop; .NET's thread pool) and take turns, each on a fresh emulator (see <see cref="RoundTripBenchmark"/>).
/// Target: C# no slower than npm.
/// </summary>
internal static class FanOutBenchmark
{
    public static async Task<ComparisonTable> RunAsync(LiveArguments options)
    {
        var subscribers = options.Get("subscribers", 100);
        var warmup = options.Get("warmup", 5);
        var rounds = options.Get("rounds", 50);
        var passes = options.Get("passes", 4);

        var (csharpLast, csharpFirst, npmLast, npmFirst) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var perPass = new List<(IReadOnlyList<double> CSharp, IReadOnlyList<double> Npm)>();
        var npmRuntime = "";
        for (var pass = 1; pass <= passes; pass++)
        {
            Console.WriteLine($"(c) fan-out to {subscribers} connections, pass {pass} of {passes}: {LiveOrder.Describe(pass)}, each on a fresh emulator; {warmup} warmup + {rounds} measured mutations each...");
            var (passCSharp, passNpm) = (new List<double>(), new List<double>());
            perPass.Add((passCSharp, passNpm));
            foreach (var side in LiveOrder.Sides(pass, options))
            {
                await using var emulator = await ConvexEmulator.StartAsync();
                if (side == Side.Npm)
                {
                    var result = await NpmSide.RunAsync(
                        "fanout.mjs",
                        ["--url", emulator.Url.ToString(), "--subscribers", Text(subscribers), "--warmup", Text(warmup), "--rounds", Text(rounds)]);
                    npmRuntime = NpmSide.Describe(result);
                    passNpm.AddRange(NpmSide.Doubles(result, "lastMs"));
                    npmLast.AddRange(passNpm);
                    npmFirst.AddRange(NpmSide.Doubles(result, "firstMs"));
                }
                else
                {
                    var (last, first) = await MeasureAsync(emulator.Url, subscribers, warmup, rounds);
                    passCSharp.AddRange(last);
                    csharpLast.AddRange(last);
                    csharpFirst.AddRange(first);
                }
            }
        }

        var (c, n) = (new Samples(csharpLast), new Samples(npmLast));
        var table = new ComparisonTable(
            $"(c) one mutation fanned out to {subscribers} subscribed connections, {c.Count} mutations per side, each side on fresh emulators; " +
            $"C#: ConvexKit.Client on .NET {Environment.Version}; npm: {npmRuntime}");
        table.Add("(c) last subscriber sees it, p50", c.P50, n.P50, "ms", minimumRatio: 1.0);
        table.Add("(c) last subscriber sees it, p99", c.P99, n.P99, "ms", minimumRatio: 1.0);
        table.Add("(c) first subscriber sees it, p50", new Samples(csharpFirst).P50, new Samples(npmFirst).P50, "ms");
        table.AddNote(ComparisonTable.PerPassRatios("(c) last subscriber p50", perPass));
        return table;
    }

    internal static async Task<(double[] Last, double[] First)> MeasureAsync(Uri url, int subscribers, int warmup, int rounds)
    {
        var clients = new List<ConvexClient>();
        using var stop = new CancellationTokenSource();
        var watchers = new List<Task>();
        try
        {
            var writer = new ConvexClient(url);
            clients.Add(writer);
            var start = "fan-out (C#) start";
            var id = (await writer.MutationAsync("notes:create", ConvexObject.Of(("title", start), ("content", "")))).AsString();
            var round = new Round(start, subscribers);
            for (var s = 0; s < subscribers; s++)
            {
                var client = new ConvexClient(url);
                clients.Add(client);
                var subscriber = s;
                watchers.Add(WatchAsync(client.Subscribe("notes:get", ConvexObject.Of(("id", id))), subscriber, () => Volatile.Read(ref round), stop.Token));
            }

            await round.SeenByAll.WaitAsync(TimeSpan.FromMinutes(2));
            var (last, first) = (new List<double>(), new List<double>());
            for (var r = 0; r < warmup + rounds; r++)
            {
                var next = new Round("fan-out (C#) " + Text(r), subscribers);
                Volatile.Write(ref round, next);
                var started = Stopwatch.GetTimestamp();
                var mutation = writer.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", next.Title)));
                await next.SeenByAll.WaitAsync(TimeSpan.FromMinutes(1));
                await mutation;
                if (r >= warmup)
                {
                    last.Add(Stopwatch.GetElapsedTime(started, next.Last).TotalMilliseconds);
                    first.Add(Stopwatch.GetElapsedTime(started, next.First).TotalMilliseconds);
                }
            }

            return ([.. last], [.. first]);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
            await Task.WhenAll(watchers);
        }
    }

    private static async Task WatchAsync(ConvexSubscription subscription, int subscriber, Func<Round> current, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var result in subscription.WithCancellation(cancellationToken))
            {
                if (result.IsSuccess && result.Value is ConvexObject note && note.TryGetField("title", out var title) && title is ConvexString text)
                {
                    current().Saw(subscriber, text.Value, Stopwatch.GetTimestamp());
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The pass is over.
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One mutation's fan-out: which subscribers have seen <see cref="Title"/>, and when the first and last did.</summary>
    private sealed class Round(string title, int subscribers)
    {
        private readonly Lock _gate = new();
        private readonly HashSet<int> _seen = [];
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Title { get; } = title;

        public Task SeenByAll => _all.Task;

        public long First { get; private set; }

        public long Last { get; private set; }

        public void Saw(int subscriber, string title, long timestamp)
        {
            if (title != Title)
            {
                return;
            }

            lock (_gate)
            {
                if (!_seen.Add(subscriber))
                {
                    return;
                }

                First = First == 0 ? timestamp : First;
                Last = timestamp;
                if (_seen.Count == subscribers)
                {
                    _all.TrySetResult();
                }
            }
        }
    }
}
