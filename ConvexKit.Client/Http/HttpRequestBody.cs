using System.Buffers;
using System.Text.Json;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Http;

/// <summary>
/// Writes the request bodies of the HTTP function API (npm-packages/convex/src/browser/http_client.ts) in the JavaScript client's field order:
/// <c>{"path", "format": "convex_encoded_json", "args": [argsObject], "ts"?}</c>.
/// </summary>
internal static class HttpRequestBody
{
    /// <summary>Always ask for lossless Convex-JSON: the default for every modern client is the lossy "clean" format.</summary>
    private const string Format = "convex_encoded_json";

    public static ReadOnlyMemory<byte> Call(string canonicalPath, ConvexObject args, ulong? timestamp = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ConvexJsonWriter.WriterOptions))
        {
            WriteCall(writer, canonicalPath, args, timestamp);
        }

        return buffer.WrittenMemory;
    }

    public static ReadOnlyMemory<byte> Batch(IReadOnlyList<(string CanonicalPath, ConvexObject Args)> queries)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * (queries.Count + 1));
        using (var writer = new Utf8JsonWriter(buffer, ConvexJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("queries"u8);
            foreach (var (path, args) in queries)
            {
                WriteCall(writer, path, args, timestamp: null);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <exception cref="ConvexValueException">The arguments nest too deeply or are too large for the server.</exception>
    private static void WriteCall(Utf8JsonWriter writer, string canonicalPath, ConvexObject args, ulong? timestamp)
    {
        // The same limits as the WebSocket path, so an oversized call fails here with the path of the offending value
        // instead of as an opaque 400 from the server.
        ConvexLimits.CheckArguments(args);
        writer.WriteStartObject();
        writer.WriteString("path"u8, canonicalPath);
        writer.WriteString("format"u8, Format);
        writer.WritePropertyName("args"u8);
        writer.WriteStartArray();
        ConvexJsonWriter.Write(writer, args);
        writer.WriteEndArray();
        if (timestamp is { } ts)
        {
            writer.WriteString("ts"u8, ConvexBase64.EncodeUInt64(ts));
        }

        writer.WriteEndObject();
    }
}
