using Convex.Client.Benchmarks.Codec;

// dotnet run -c Release --project bench/Convex.Client.Benchmarks -- codec [--quick]
var command = args.FirstOrDefault();
switch (command)
{
    case "codec":
        return await CodecComparison.RunAsync(args[1..]);
    case "codec-loop":
        return CodecLoop.Run(args[1..]);
    default:
        Console.Error.WriteLine("""
            Usage: dotnet run -c Release --project bench/Convex.Client.Benchmarks -- <benchmark> [options]

              codec [--quick]   (a) Convex-JSON encode+decode of a ~1 MB notes payload: this library (BenchmarkDotNet,
                                or with --quick the same Stopwatch scheme as the npm side) next to the official npm
                                client's convexToJson/jsonToConvex + JSON, run by node in the same run; prints MB/s and ratio.
              codec-loop <operation> [seconds]
                                Repeats one codec operation (encode, decode, typed-encode, typed-decode) for a while,
                                for a profiler: DOTNET_PerfMapEnabled=1 perf record -g dotnet <dll> codec-loop decode 20
            """);
        return command is null ? 0 : 2;
}
