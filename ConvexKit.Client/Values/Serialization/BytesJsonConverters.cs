using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values.Serialization;

/// <summary><c>byte[]</c> ↔ Convex Bytes (<c>{"$bytes": …}</c>) rather than System.Text.Json's base64 string.</summary>
internal sealed class ByteArrayJsonConverter : JsonConverter<byte[]>
{
    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BytesJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        BytesJson.Write(writer, value);
}

/// <summary><c>ReadOnlyMemory&lt;byte&gt;</c> ↔ Convex Bytes.</summary>
internal sealed class ReadOnlyMemoryByteJsonConverter : JsonConverter<ReadOnlyMemory<byte>>
{
    public override ReadOnlyMemory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BytesJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, JsonSerializerOptions options) =>
        BytesJson.Write(writer, value.Span);
}

/// <summary><c>Memory&lt;byte&gt;</c> ↔ Convex Bytes.</summary>
internal sealed class MemoryByteJsonConverter : JsonConverter<Memory<byte>>
{
    public override Memory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BytesJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, Memory<byte> value, JsonSerializerOptions options) =>
        BytesJson.Write(writer, value.Span);
}

internal static class BytesJson
{
    public static byte[] Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var (key, payload) = ConvexTokens.ReadSpecialObject(ref reader);
            if (key == "$bytes" && ConvexBase64.TryDecode(payload) is { } bytes)
            {
                return bytes;
            }
        }

        throw new JsonException("Expected {\"$bytes\": <base64>} for a byte sequence.");
    }

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> value)
    {
        writer.WriteStartObject();
        writer.WriteBase64String("$bytes"u8, value);
        writer.WriteEndObject();
    }
}
