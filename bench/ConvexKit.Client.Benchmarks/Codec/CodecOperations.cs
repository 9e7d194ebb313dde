using ConvexKit.Client.Values;

namespace ConvexKit.Client.Benchmarks.Codec;

/// <summary>The measured operations, shared by the BenchmarkDotNet class and the Stopwatch harness; public API only.</summary>
internal static class CodecOperations
{
    public const string Encode = "encode";
    public const string Decode = "decode";
    public const string EncodeDecode = "encode+decode";
    public const string TypedEncode = "typed encode (records)";
    public const string TypedDecode = "typed decode (records)";

    /// <summary>ConvexValue → canonical Convex-JSON bytes (the npm side: <c>JSON.stringify(convexToJson(value))</c>).</summary>
    public static byte[] EncodeValue(NotesPayload payload) => payload.Value.ToUtf8Json();

    /// <summary>Convex-JSON bytes → validated ConvexValue (the npm side: <c>jsonToConvex(JSON.parse(text))</c>).</summary>
    public static ConvexValue DecodeValue(byte[] utf8) => ConvexValue.Parse(utf8);

    /// <summary>CLR records → Convex-JSON bytes through the typed mapping.</summary>
    public static byte[] EncodeTyped(NotesPayload payload) => ConvexValue.FromObject(payload.Notes, NotesJsonContext.Default.ListNote).ToUtf8Json();

    /// <summary>Convex-JSON bytes → CLR records through the typed mapping.</summary>
    public static List<Note> DecodeTyped(byte[] utf8) => ConvexValue.Parse(utf8).ToObject(NotesJsonContext.Default.ListNote);
}
