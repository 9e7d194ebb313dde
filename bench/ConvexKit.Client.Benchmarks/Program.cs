using ConvexKit.Client.Benchmarks.ClientCost;
using ConvexKit.Client.Benchmarks.Codec;
using ConvexKit.Client.Benchmarks.Live;

// dotnet run -c Release --project bench/ConvexKit.Client.Benchmarks -- <benchmark> [options]
var command = args.FirstOrDefault();
switch (command)
{
    case "codec":
        return await CodecComparison.RunAsync(args[1..]);
    case "codec-loop":
        return CodecLoop.Run(args[1..]);
    case "roundtrip":
        (await RoundTripBenchmark.RunAsync(new LiveArguments(args[1..]))).Print();
        return 0;
    case "fanout":
        (await FanOutBenchmark.RunAsync(new LiveArguments(args[1..]))).Print();
        return 0;
    case "subscriptions":
        (await SubscriptionsBenchmark.RunAsync(new LiveArguments(args[1..]))).Print();
        return 0;
    case "clientcost":
        return await ClientCostBenchmark.RunAsync(new LiveArguments(args[1..]));
    case "clientcost-alloc":
        return await AllocationProbe.RunAsync(new LiveArguments(args[1..]));
    case "live":
        var live = new LiveArguments(args[1..]);
        var tables = new[]
        {
            await RoundTripBenchmark.RunAsync(live), await FanOutBenchmark.RunAsync(live), await SubscriptionsBenchmark.RunAsync(live),
        };
        foreach (var table in tables)
        {
            table.Print();
        }

        return 0;
    default:
        Console.Error.WriteLine("""
            Usage: dotnet run -c Release --project bench/ConvexKit.Client.Benchmarks -- <benchmark> [options]

              codec [--quick]   (a) Convex-JSON encode+decode of a ~1 MB notes payload: this library (BenchmarkDotNet,
                                or with --quick the same Stopwatch scheme as the npm side) next to the official npm
                                client's convexToJson/jsonToConvex + JSON, run by node in the same run; prints MB/s and ratio.
              codec-loop <operation> [seconds]
                                Repeats one codec operation (encode, decode, typed-encode, typed-decode) for a while,
                                for a profiler: DOTNET_PerfMapEnabled=1 perf record -g dotnet <dll> codec-loop decode 20

            Live benchmarks: one emulator (a test double of Convex, not Convex) per benchmark; the npm side (node
            bench/npm/<name>.mjs, the official convex client over ws) and the C# side take turns against it, and the
            table shows C#, npm and npm ÷ C# (above 1: C# faster or smaller).
              roundtrip [--warmup 1000] [--iterations 300] [--passes 6] [--warmup-passes 3]
                                (b) sequential mutations, each timed until it resolves (after its Transition); p50, p99.
                                Warm-up mutations per side and pass, then warm-up passes (discarded) for both sides.
              fanout [--subscribers 100] [--warmup 5] [--rounds 50] [--passes 4]
                                (c) one mutation, N subscribed connections: time until the last one sees it; p50, p99.
              subscriptions [--count 10000] [--passes 2]
                                (d) N subscriptions on one connection: memory per subscription, time to subscribe, and
                                time to resubscribe all after the connection is reset at a TCP proxy.
              live              (b), (c) and (d) in one run (the options above apply).
              clientcost [--warmup 1000] [--iterations 1000] [--passes 3] [--subscribers 100] [--rounds 50] [--emulator]
                                (e) the client's own cost: floor (bare ClientWebSocket), C# and npm against a scripted
                                in-memory server (bench/npm/scripted-server.mjs), or with --emulator against the
                                emulator: round trip p50/p99, fan-out, CPU, allocations and thread-pool work items per
                                round trip.
              clientcost-alloc [--warmup 2000] [--iterations 20000] [--top 40]
                                The C# side of (e) alone, with its allocations sampled by type (GCAllocationTick):
                                where the bytes per round trip go.
              --only csharp|npm runs one side only, e.g. under a profiler.
            """);
        return command is null ? 0 : 2;
}
