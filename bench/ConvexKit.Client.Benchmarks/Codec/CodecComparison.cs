using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ConvexKit.Client.Benchmarks.Codec;

/// <summary>
/// Benchmark (a) end to end: checks that both sides encode the fixture byte for byte, measures this library with
/// BenchmarkDotNet (skipped with <c>--quick</c>) and with the npm side's Stopwatch scheme, runs the npm side with node
/// (before and after, keeping its better medians), and prints MB/s (1 MB = 1,000,000 bytes) and the ratios.
/// Target: C# encode+decode at least 3× npm.
/// </summary>
internal static class CodecComparison
{
    private const int Warmup = 30;
    private const int Iterations = 60;
    private const double TargetRatio = 3.0;

    private static readonly string[] s_operations =
    [
        CodecOperations.Encode, CodecOperations.Decode, CodecOperations.EncodeDecode, CodecOperations.TypedEncode, CodecOperations.TypedDecode,
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var payload = NotesPayload.Load();
        if (!CheckSameBytes(payload))
        {
            return 1;
        }

        // The npm side runs before and after the C# side and keeps its better median per operation: on a shared,
        // noisy machine that favours npm, so the ratio errs on the modest side.
        Console.WriteLine("Running the npm side with node (1 of 2)...");
        var npmBefore = await NpmCodecRunner.RunAsync(Warmup, Iterations);
        var benchmarkDotNet = quick ? null : RunBenchmarkDotNet();
        Console.WriteLine($"Running the Stopwatch harness ({Warmup} warmup + {Iterations} measured rounds)...");
        var sameScheme = StopwatchHarness.MedianMilliseconds(payload, Warmup, Iterations);
        Console.WriteLine("Running the npm side with node (2 of 2)...");
        var npm = NpmCodecReport.Faster(npmBefore, await NpmCodecRunner.RunAsync(Warmup, Iterations));
        if (npm.PayloadBytes != payload.Utf8.Length)
        {
            throw new InvalidOperationException($"The npm side read {npm.PayloadBytes} bytes, the C# side {payload.Utf8.Length}.");
        }

        PrintTable(payload, benchmarkDotNet, sameScheme, npm);
        return 0;
    }

    private static bool CheckSameBytes(NotesPayload payload)
    {
        var untyped = CodecOperations.EncodeValue(payload);
        var typed = CodecOperations.EncodeTyped(payload);
        if (untyped.AsSpan().SequenceEqual(payload.Utf8) && typed.AsSpan().SequenceEqual(payload.Utf8))
        {
            return true;
        }

        Console.Error.WriteLine("The C# encoder does not reproduce the fixture (written by the npm client's encoder) byte for byte; refusing to compare.");
        return false;
    }

    private static Dictionary<string, double> RunBenchmarkDotNet()
    {
        // In-process: no generated project to build, so it runs the same way on every machine with the SDK.
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(8).WithIterationCount(30).WithId("codec"))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(RepositoryRoot.Combine("BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<CodecBenchmarks>(config);

        // BenchmarkDotNet quotes descriptions with spaces ('typed encode (records)'), so match on the method instead.
        return summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => CodecBenchmarks.OperationOf(r.BenchmarkCase.Descriptor.WorkloadMethod.Name), r => r.ResultStatistics!.Median / 1e6);
    }

    private static string Verdict(string method, double ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"{method} {ratio:0.00}× {(ratio >= TargetRatio ? "MET" : "NOT MET")}");

    private static void PrintTable(NotesPayload payload, Dictionary<string, double>? benchmarkDotNet, IReadOnlyDictionary<string, double> sameScheme, NpmCodecReport npm)
    {
        var megabytes = payload.Utf8.Length / 1e6;
        string Rate(double? milliseconds) => milliseconds is { } ms ? $"{megabytes / (ms / 1000):0.0} MB/s" : "—";
        double? Get(IReadOnlyDictionary<string, double>? source, string key) => source is not null && source.TryGetValue(key, out var v) ? v : null;

        Console.WriteLine();
        Console.WriteLine($"Convex-JSON codec, notes payload {payload.Utf8.Length:N0} bytes ({payload.Notes.Count} notes); MB/s from median times; 1 MB = 10^6 bytes");
        Console.WriteLine($"C#: ConvexKit.Client on .NET {Environment.Version}; npm: {npm.Runtime}, convexToJson/jsonToConvex + JSON.stringify/JSON.parse");
        Console.WriteLine();
        Console.WriteLine($"| {"operation",-24} | {"C# (BenchmarkDotNet)",20} | {"C# (same scheme)",16} | {"npm",12} | {"ratio (BDN)",11} | {"ratio (same)",12} |");
        Console.WriteLine($"|{new string('-', 26)}|{new string('-', 22)}|{new string('-', 18)}|{new string('-', 14)}|{new string('-', 13)}|{new string('-', 14)}|");
        foreach (var operation in s_operations)
        {
            var npmMs = Get(npm.MedianMilliseconds, operation);
            string Ratio(double? csharpMs) => csharpMs is { } c && npmMs is { } n ? $"{n / c:0.00}×" : "—";
            Console.WriteLine(
                $"| {operation,-24} | {Rate(Get(benchmarkDotNet, operation)),20} | {Rate(Get(sameScheme, operation)),16} | {Rate(npmMs),12} | {Ratio(Get(benchmarkDotNet, operation)),11} | {Ratio(Get(sameScheme, operation)),12} |");
        }

        foreach (var baseline in new[] { "JSON.stringify only", "JSON.parse only" })
        {
            Console.WriteLine($"| {"npm " + baseline,-24} | {"",20} | {"",16} | {Rate(Get(npm.MedianMilliseconds, baseline)),12} | {"",11} | {"",12} |");
        }

        var npmRoundTrip = npm.MedianMilliseconds[CodecOperations.EncodeDecode];
        var verdicts = new List<string>();
        if (Get(benchmarkDotNet, CodecOperations.EncodeDecode) is { } bdn)
        {
            verdicts.Add(Verdict("BenchmarkDotNet", npmRoundTrip / bdn));
        }

        verdicts.Add(Verdict("same scheme", npmRoundTrip / sameScheme[CodecOperations.EncodeDecode]));
        Console.WriteLine();
        Console.WriteLine($"encode+decode, C# vs npm (target ≥ {TargetRatio:0}×): {string.Join("; ", verdicts)}");
    }
}
