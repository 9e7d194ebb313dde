using System.Diagnostics;
using System.Globalization;
using ConvexKit.Client.Benchmarks.Live;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Benchmarks.ClientCost;

/// <summary>
/// Benchmark (e), the client's own cost: every side talks to the scripted server (bench/npm/scripted-server.mjs, which
/// answers from memory in its own process), so what differs between sides is the client. Three sides: the floor (a
/// bare <see cref="System.Net.WebSockets.ClientWebSocket"/> sending the same frames, <see cref="BareSocketClient"/>),
/// this library, and the official npm client. Per pass a fresh server; the first pass is a discarded warm-up.
/// With <c>--emulator</c> every side talks to the emulator instead (benchmark (b)'s server, about 1.5 ms per round
/// trip): the same comparison where the client waits between frames, as it does against a real backend.
/// Targets (issue 15): C# p50 within 1.5× the floor; npm ÷ C# ≥ 2 at p50 and p99; ≤ 2 KB allocated per round trip;
/// C# CPU per round trip at most half of npm's.
/// </summary>
internal static class ClientCostBenchmark
{
    public static async Task<int> RunAsync(LiveArguments options)
    {
        var warmup = options.Get("warmup", 1000);
        var iterations = options.Get("iterations", 1000);
        var passes = options.Get("passes", 3);
        var subscribers = options.Get("subscribers", 100);
        var rounds = options.Get("rounds", 50);

        var (floor, csharp, npm) = (new Side(), new Side(), new Side());
        var (floorFan, csharpFan, npmFan) = (new List<double>(), new List<double>(), new List<double>());
        var npmRuntime = "";
        var emulator = options.Has("emulator");
        var serverName = emulator ? "the emulator" : "a scripted in-memory server";
        for (var pass = 0; pass <= passes; pass++)
        {
            var measured = pass > 0;
            Console.WriteLine($"(e) client cost, {(measured ? $"pass {pass} of {passes}" : "warm-up pass (discarded)")}: floor, C#, npm on fresh servers ({serverName})...");
            await using (var server = await TestServer.StartAsync(emulator))
            {
                var f = await FloorRoundTripAsync(server.Url, warmup, iterations);
                var c = await CSharpRoundTripAsync(server.Url, warmup, iterations);
                var n = await NpmSide.RunAsync("roundtrip.mjs", ["--url", server.Url.ToString(), "--warmup", Text(warmup), "--iterations", Text(iterations)]);
                npmRuntime = NpmSide.Describe(n);
                var npmCpu = n.GetProperty("cpuUsPerRoundTrip").GetDouble();
                Console.WriteLine($"  floor: {f.Describe()}\n  C#:    {c.Describe()}\n  npm:   p50 {new Samples(NpmSide.Doubles(n, "samplesMs")).P50:0.000} ms, CPU {npmCpu:0} µs per round trip");
                if (measured)
                {
                    floor.Add(f);
                    csharp.Add(c);
                    npm.Add(new Pass(NpmSide.Doubles(n, "samplesMs"), (npmCpu, double.NaN, double.NaN)));
                }
            }

            await using (var server = await TestServer.StartAsync(emulator))
            {
                var f = await FloorFanOutAsync(server.Url, subscribers, 5, rounds);
                var (c, _) = await FanOutBenchmark.MeasureAsync(server.Url, subscribers, 5, rounds);
                var n = NpmSide.Doubles(await NpmSide.RunAsync(
                    "fanout.mjs", ["--url", server.Url.ToString(), "--subscribers", Text(subscribers), "--warmup", "5", "--rounds", Text(rounds)]), "lastMs");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  fan-out to {subscribers}, last subscriber p50: floor {new Samples(f).P50:0.00} ms, C# {new Samples(c).P50:0.00} ms, npm {new Samples(n).P50:0.00} ms"));
                if (measured)
                {
                    floorFan.AddRange(f);
                    csharpFan.AddRange(c);
                    npmFan.AddRange(n);
                }
            }
        }

        Print(floor, csharp, npm, (floorFan, csharpFan, npmFan), subscribers, $"{serverName}; C#: ConvexKit.Client on .NET {Environment.Version}; npm: {npmRuntime}");
        return 0;
    }

    private static async Task<Pass> FloorRoundTripAsync(Uri url, int warmup, int iterations)
    {
        var id = await CreateNoteAsync(url, "floor");
        await using var socket = await BareSocketClient.ConnectAsync(url, id);
        for (var i = 0; i < warmup; i++)
        {
            await socket.UpdateAsync(id, i);
        }

        var samples = new double[iterations];
        var cost = ProcessCost.Start();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await socket.UpdateAsync(id, i);
            samples[i] = BareSocketClient.Elapsed(started);
        }

        return new Pass(samples, cost.PerOperation(iterations));
    }

    private static async Task<Pass> CSharpRoundTripAsync(Uri url, int warmup, int iterations)
    {
        await using var client = new ConvexClient(url);
        var id = (await client.MutationAsync("notes:create", ConvexObject.Of(("title", "C#"), ("content", "")))).AsString();
        await using var subscription = client.Subscribe("notes:get", ConvexObject.Of(("id", id)));
        for (var i = 0; i < warmup; i++)
        {
            await client.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", "C# warmup " + Text(i))));
        }

        var samples = new double[iterations];
        var cost = ProcessCost.Start();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", "C# " + Text(i))));
            samples[i] = BareSocketClient.Elapsed(started);
        }

        return new Pass(samples, cost.PerOperation(iterations));
    }

    private static async Task<double[]> FloorFanOutAsync(Uri url, int subscribers, int warmup, int rounds)
    {
        var id = await CreateNoteAsync(url, "floor fan-out");
        var sockets = new List<BareSocketClient>();
        try
        {
            for (var i = 0; i < subscribers; i++)
            {
                sockets.Add(await BareSocketClient.ConnectAsync(url, id));
            }

            await using var writer = await BareSocketClient.ConnectAsync(url, subscribeToNote: null);
            var samples = new List<double>();
            for (var round = 0; round < warmup + rounds; round++)
            {
                var seen = sockets.Select(s => s.NextTransitionAsync()).ToArray();
                var started = Stopwatch.GetTimestamp();
                await writer.UpdateAsync(id, round);
                await Task.WhenAll(seen);
                if (round >= warmup)
                {
                    samples.Add(BareSocketClient.Elapsed(started));
                }
            }

            return [.. samples];
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task<string> CreateNoteAsync(Uri url, string title)
    {
        await using var client = new ConvexClient(url);
        return (await client.MutationAsync("notes:create", ConvexObject.Of(("title", title), ("content", "")))).AsString();
    }

    private static void Print(Side floor, Side csharp, Side npm, (List<double> Floor, List<double> CSharp, List<double> Npm) fan, int subscribers, string setting)
    {
        var (f, c, n) = (new Samples(floor.Samples), new Samples(csharp.Samples), new Samples(npm.Samples));
        var (ff, cf, nf) = (new Samples(fan.Floor), new Samples(fan.CSharp), new Samples(fan.Npm));
        Console.WriteLine();
        Console.WriteLine($"(e) the client's own cost; {c.Count} round trips per side against {setting}");
        Console.WriteLine();
        Console.WriteLine("| metric | floor (bare ClientWebSocket) | C# | npm | C# ÷ floor | npm ÷ C# | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        Row("round trip p50", f.P50, c.P50, n.P50, "ms", "C# ≤ 1.5× floor; npm ÷ C# ≥ 2");
        Row("round trip p99", f.P99, c.P99, n.P99, "ms", "npm ÷ C# ≥ 2");
        Row($"fan-out to {subscribers}, last sees it, p50", ff.P50, cf.P50, nf.P50, "ms", "—");
        Row($"fan-out to {subscribers}, last sees it, p99", ff.P99, cf.P99, nf.P99, "ms", "—");
        Row("CPU per round trip", floor.Cpu, csharp.Cpu, npm.Cpu, "µs", "C# ≤ ½ npm");
        Row("allocated per round trip", floor.Bytes, csharp.Bytes, double.NaN, "B", "C# ≤ 2 KB");
        Row("thread-pool work items per round trip", floor.WorkItems, csharp.WorkItems, double.NaN, "", "—");

        static void Row(string metric, double floor, double csharp, double npm, string unit, string target) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {metric} | {Format(floor, unit)} | {Format(csharp, unit)} | {Format(npm, unit)} | {csharp / floor:0.00}× | {(double.IsNaN(npm) ? "—" : $"{npm / csharp:0.00}×")} | {target} |"));

        static string Format(double value, string unit) => double.IsNaN(value) ? "—" : unit switch
        {
            "ms" => value.ToString("0.000 'ms'", CultureInfo.InvariantCulture),
            "B" => value.ToString("N0", CultureInfo.InvariantCulture) + " B",
            "µs" => value.ToString("0", CultureInfo.InvariantCulture) + " µs",
            _ => value.ToString("0.0", CultureInfo.InvariantCulture),
        };
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Pass(IReadOnlyList<double> Samples, (double Cpu, double Bytes, double WorkItems) Cost)
    {
        public string Describe() =>
            string.Create(CultureInfo.InvariantCulture, $"p50 {new Samples(Samples).P50:0.000} ms, p99 {new Samples(Samples).P99:0.000} ms, ") + ProcessCost.Describe(Cost);
    }

    /// <summary>One side's measured passes: samples pooled, costs averaged over passes.</summary>
    private sealed class Side
    {
        private readonly List<(double Cpu, double Bytes, double WorkItems)> _costs = [];

        public List<double> Samples { get; } = [];

        public double Cpu => _costs.Average(c => c.Cpu);

        public double Bytes => _costs.Average(c => c.Bytes);

        public double WorkItems => _costs.Average(c => c.WorkItems);

        public void Add(Pass pass)
        {
            Samples.AddRange(pass.Samples);
            _costs.Add(pass.Cost);
        }
    }
}
