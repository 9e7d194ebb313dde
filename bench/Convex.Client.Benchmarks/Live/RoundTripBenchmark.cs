using System.Diagnostics;
using System.Globalization;
using Convex.Client.Values;
using ConvexNotes.Testing;

namespace Convex.Client.Benchmarks.Live;

/// <summary>
/// Benchmark (b): a mutation's round trip to resolution through one emulator (a test double of Convex, not Convex),
/// this library against the official npm client. Each side: one client, one note, a live subscription to it, then
/// sequential <c>notes:update</c> calls, each timed from the call until it resolves (after the Transition that includes
/// the write: read-your-writes). Several short passes; in each the sides take turns (npm first in odd passes, C# first
/// in even ones, so load from elsewhere on the machine hits both alike), each on a
/// fresh emulator: the emulator rewrites its whole --data snapshot, idempotency records included, after every commit, so
/// it slows down as mutations accumulate, and a shared one would favour whichever side ran first. Samples are pooled.
/// Target: C# no slower than npm (p50 and p99).
/// </summary>
internal static class RoundTripBenchmark
{
    public static async Task<ComparisonTable> RunAsync(LiveArguments options)
    {
        var warmup = options.Get("warmup", 100);
        var iterations = options.Get("iterations", 300);
        var passes = options.Get("passes", 6);

        var perPass = new List<(IReadOnlyList<double> CSharp, IReadOnlyList<double> Npm)>();
        var npmRuntime = "";
        for (var pass = 1; pass <= passes; pass++)
        {
            Console.WriteLine($"(b) round trip, pass {pass} of {passes}: {LiveOrder.Describe(pass)}, each on a fresh emulator; {warmup} warmup + {iterations} measured mutations each...");
            var (csharp, npm) = (new List<double>(), new List<double>());
            perPass.Add((csharp, npm));
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
                }
                else
                {
                    csharp.AddRange(await MeasureAsync(emulator.Url, warmup, iterations));
                }
            }
        }

        var (c, n) = (new Samples(perPass.SelectMany(p => p.CSharp)), new Samples(perPass.SelectMany(p => p.Npm)));
        var table = new ComparisonTable(
            $"(b) mutation round trip to resolution, {c.Count} sequential mutations per side, each side on fresh emulators; " +
            $"C#: Convex.Client on .NET {Environment.Version}; npm: {npmRuntime}");
        table.Add("(b) round trip p50", c.P50, n.P50, "ms", minimumRatio: 1.0);
        table.Add("(b) round trip p99", c.P99, n.P99, "ms", minimumRatio: 1.0);
        table.AddNote(ComparisonTable.PerPassRatios("(b) round trip p50", perPass));
        return table;
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

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", Text("C# ", i))));
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return samples;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(string prefix, int value) => prefix + value.ToString(CultureInfo.InvariantCulture);
}
