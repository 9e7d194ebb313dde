using System.Buffers;
using System.Text;
using System.Text.Json;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>
/// The identity of a subscription: canonical path plus key-sorted Convex-JSON arguments, serialized exactly as the
/// JavaScript client's <c>serializePathAndArgs</c> does (<c>{"udfPath":…,"args":…}</c>). Equal tokens share one server query.
/// </summary>
internal static class QueryToken
{
    public static string Create(string canonicalPath, ConvexObject args)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, ConvexJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("udfPath"u8);
            ConvexJsonWriter.WriteString(writer, canonicalPath);
            writer.WritePropertyName("args"u8);
            ConvexJsonWriter.Write(writer, args);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
