using System.Diagnostics;

namespace ConvexKit.Client.Benchmarks.Codec;

/// <summary>
/// The npm side's scheme (bench/npm/codec.mjs) in C#: warmup rounds, then measured rounds, each timing one encode and
/// one decode of the whole payload; medians per operation. Used with <c>--quick</c> and as a cross-check of BenchmarkDotNet.
/// </summary>
internal static class StopwatchHarness
{
    public static IReadOnlyDictionary<string, double> MedianMilliseconds(NotesPayload payload, int warmup, int iterations)
    {
        var samples = new Dictionary<string, List<double>>
        {
            [CodecOperations.Encode] = [], [CodecOperations.Decode] = [], [CodecOperations.EncodeDecode] = [],
            [CodecOperations.TypedEncode] = [], [CodecOperations.TypedDecode] = [],
        };
        long sink = 0;
        for (var round = 0; round < warmup + iterations; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var encoded = CodecOperations.EncodeValue(payload);
            var encode = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            var decoded = CodecOperations.DecodeValue(encoded);
            var decode = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            var typedEncoded = CodecOperations.EncodeTyped(payload);
            var typedEncode = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            var typedDecoded = CodecOperations.DecodeTyped(typedEncoded);
            var typedDecode = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            sink += encoded.Length + decoded.AsArray().Count + typedEncoded.Length + typedDecoded.Count;
            if (round >= warmup)
            {
                samples[CodecOperations.Encode].Add(encode);
                samples[CodecOperations.Decode].Add(decode);
                samples[CodecOperations.EncodeDecode].Add(encode + decode);
                samples[CodecOperations.TypedEncode].Add(typedEncode);
                samples[CodecOperations.TypedDecode].Add(typedDecode);
            }
        }

        GC.KeepAlive(sink);
        return samples.ToDictionary(s => s.Key, s => Median(s.Value));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
