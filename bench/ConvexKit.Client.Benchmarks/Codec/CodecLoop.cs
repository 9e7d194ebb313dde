using System.Diagnostics;
using System.Globalization;

namespace ConvexKit.Client.Benchmarks.Codec;

/// <summary>Runs one codec operation in a loop so a sampling profiler (perf, dotnet-trace) can see where the time goes.</summary>
internal static class CodecLoop
{
    public static int Run(string[] args)
    {
        var payload = NotesPayload.Load();
        Func<object> operation = args.FirstOrDefault() switch
        {
            "encode" => () => CodecOperations.EncodeValue(payload),
            "decode" => () => CodecOperations.DecodeValue(payload.Utf8),
            "typed-encode" => () => CodecOperations.EncodeTyped(payload),
            "typed-decode" => () => CodecOperations.DecodeTyped(payload.Utf8),
            _ => () => throw new ArgumentException("Name an operation: encode, decode, typed-encode or typed-decode."),
        };
        var duration = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10);
        var started = Stopwatch.GetTimestamp();
        var rounds = 0;
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            GC.KeepAlive(operation());
            rounds++;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"{args[0]}: {rounds} rounds, {elapsed.TotalMilliseconds / rounds:0.000} ms each, {payload.Utf8.Length / 1e6 * rounds / elapsed.TotalSeconds:0.0} MB/s");
        return 0;
    }
}
