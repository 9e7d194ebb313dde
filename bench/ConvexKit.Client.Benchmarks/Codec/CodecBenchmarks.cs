using BenchmarkDotNet.Attributes;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Benchmarks.Codec;

/// <summary>
/// Benchmark (a): the library's public Convex-JSON codec on the ~1 MB notes payload. The untyped pair is the
/// counterpart of the npm client's <c>JSON.stringify(convexToJson(v))</c> / <c>jsonToConvex(JSON.parse(t))</c>; the
/// typed pair adds System.Text.Json mapping to and from CLR records, which the npm client does not do.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private NotesPayload _payload = null!;

    /// <summary>The operation a benchmark method measures, as the comparison table names it.</summary>
    public static string OperationOf(string methodName) => methodName switch
    {
        nameof(Encode) => CodecOperations.Encode,
        nameof(Decode) => CodecOperations.Decode,
        nameof(EncodeDecode) => CodecOperations.EncodeDecode,
        nameof(EncodeTyped) => CodecOperations.TypedEncode,
        nameof(DecodeTyped) => CodecOperations.TypedDecode,
        _ => methodName,
    };

    [GlobalSetup]
    public void Setup() => _payload = NotesPayload.Load();

    [Benchmark(Description = CodecOperations.Encode)]
    public byte[] Encode() => CodecOperations.EncodeValue(_payload);

    [Benchmark(Description = CodecOperations.Decode)]
    public ConvexValue Decode() => CodecOperations.DecodeValue(_payload.Utf8);

    [Benchmark(Description = CodecOperations.EncodeDecode)]
    public ConvexValue EncodeDecode() => CodecOperations.DecodeValue(CodecOperations.EncodeValue(_payload));

    [Benchmark(Description = CodecOperations.TypedEncode)]
    public byte[] EncodeTyped() => CodecOperations.EncodeTyped(_payload);

    [Benchmark(Description = CodecOperations.TypedDecode)]
    public List<Note> DecodeTyped() => CodecOperations.DecodeTyped(_payload.Utf8);
}
