using System.Diagnostics;
using System.Globalization;
using ConvexKit.Client.Values;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Benchmarks.Live;

/// <summary>
/// Benchmark (b): a mutation's round trip to resolution through one emulator (a test double of Convex, not Convex),
/// this library against the official npm client. Each side: one client, one note, a live subscription to it, then
/// sequential <c>notes:update</c> calls, each timed from the call until it resolves (after the Transition that includes
/// the write: read-your-writes). Several short passes; in each the sides take turns (npm first in odd passes, C# first
/// in even ones, so load from elsewhere on the machine hits both alike), each on a fresh emulator, so both sides see the
/// emulator in the same state (its pauses come at the same mutation counts for both). Steady state for both, by the same
/// rules: 1,000 warm-up mutations per side and pass (until then the emulator's and the npm client's V8 are still
/// optimizing: the npm client's CPU per round trip falls from about 370 µs after 100 to about 230 µs after 1,000), and
/// whole warm-up passes, run like the others and discarded (the .NET runtime's tiered JIT recompiles hundreds of methods
/// during the harness's first three passes; the line printed per C# pass shows how many, so a measured pass with JIT
/// activity is visible). Samples are pooled.
/// Target: C# no slower than npm (p50 and p99).
/// </summary>
internal static class RoundTripBenchmark
{
    public static async Task<ComparisonTable> RunAsync(LiveArguments options)
    {
        var warmup = options.Get("warmup", 1000);
        var iterations = options.Get("iterations", 300);
        var passes = options.Get("passes", 6);
        var warmupPasses = options.Get("warmup-passes", 3);

        var perPass = new List<(IReadOnlyList<double> CSharp, IReadOnlyList<double> Npm)>();
        var npmRuntime = "";
        for (var pass = 1 - warmupPasses; pass <= passes; pass++)
        {
            var name = pass < 1 ? $"warm-up pass {pass + warmupPasses} of {warmupPasses} (discarded)" : $"pass {pass} of {passes}";
            Console.WriteLine($"(b) round trip, {name}: {LiveOrder.Describe(pass)}, each on a fresh emulator; {warmup} warmup + {iterations} measured mutations each...");
            var (csharp, npm) = (new List<double>(), new List<double>());
            foreach (var side in LiveOrder.Sides(pass, options))
            {
                await using var emulator = await ConvexEmulator.StartAsync();
                if (side == Side.Npm)
                {
                    var result = await NpmSide.RunAsync(
                        "roundtrip.mjs",
                        ["--url", emulator.Url.ToString(), "--warmup", Text(warmup), "--iterations", Text(iterations)]);
                    npmRuntime = NpmSide.Describe(result);
                    npm.AddRange(NpmSide.Doubles(result, "samplesMs"));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  npm process while measuring: CPU {result.GetProperty("cpuUsPerRoundTrip").GetDouble():0} µs per round trip"));
                }
                else
                {
                    csharp.AddRange(await MeasureAsync(emulator.Url, warmup, iterations));
                }
            }

            Console.WriteLine($"  {Describe("C#", csharp)}; {Describe("npm", npm)}");
            if (pass >= 1)
            {
                perPass.Add((csharp, npm));
            }
        }

        var (c, n) = (new Samples(perPass.SelectMany(p => p.CSharp)), new Samples(perPass.SelectMany(p => p.Npm)));
        var table = new ComparisonTable(
            $"(b) mutation round trip to resolution, {c.Count} sequential mutations per side after {warmupPasses} discarded warm-up passes, " +
            $"each side on fresh emulators; C#: ConvexKit.Client on .NET {Environment.Version}; npm: {npmRuntime}");
        table.Add("(b) round trip p50", c.P50, n.P50, "ms", minimumRatio: 1.0);
        table.Add("(b) round trip p99", c.P99, n.P99, "ms", minimumRatio: 1.0);
        table.AddNote(ComparisonTable.PerPassRatios("(b) round trip p50", perPass));
        table.AddNote(ComparisonTable.PerPassRatios("(b) round trip p99", perPass, percentile: 99));
        return table;
    }

    private static string Describe(string side, IReadOnlyList<double> samples)
    {
        var s = new Samples(samples);
        return string.Create(CultureInfo.InvariantCulture, $"{side} p50 {s.P50:0.00} ms, p99 {s.P99:0.00} ms, max {s.Percentile(100):0.00} ms");
    }

    private static async Task<double[]> MeasureAsync(Uri url, int warmup, int iterations)
    {
        await using var client = new ConvexClient(url);
        var id = (await client.MutationAsync("notes:create", ConvexObject.Of(("title", "round trip (C#)"), ("content", "")))).AsString();
        await using var subscription = client.Subscribe("notes:get", ConvexObject.Of(("id", id)));
        for (var i = 0; i < warmup; i++)
        {
            await client.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", Text("C# warmup ", i))));
        }

        // What the runtime did while the samples were taken: a collection or a burst of thread-pool work would show here.
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var (pause, allocated, workItems) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true), ThreadPool.CompletedWorkItemCount);
        var (cpu, jitted, jitTime) = (Environment.CpuUsage.TotalTime, System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", Text("C# ", i))));
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  C# process while measuring: GCs gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, " +
            $"GC pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0.0} ms, " +
            $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / iterations:N0} B allocated and " +
            $"{(ThreadPool.CompletedWorkItemCount - workItems) / (double)iterations:0.0} thread-pool work items per round trip, " +
            $"CPU {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds * 1000 / iterations:0} µs per round trip, " +
            $"{System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods jitted in {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:0} ms"));
        return samples;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(string prefix, int value) => prefix + value.ToString(CultureInfo.InvariantCulture);
}
