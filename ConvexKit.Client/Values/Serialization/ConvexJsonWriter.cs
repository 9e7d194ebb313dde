using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// Writes canonical Convex-JSON: the bytes the JavaScript client's <c>JSON.stringify(convexToJson(value))</c> produces
/// (keys sorted, JavaScript number layout, <c>JSON.stringify</c> string escaping).
/// </summary>
internal static class ConvexJsonWriter
{
    /// <summary>Writer options for every JSON this library emits; property names are ASCII, so relaxed escaping matches JavaScript.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static string ToJsonString(ConvexValue value) => Encoding.UTF8.GetString(ToUtf8Bytes(value));

    public static byte[] ToUtf8Bytes(ConvexValue value)
    {
        using var buffer = new PooledByteBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, ConvexValue value)
    {
        switch (value)
        {
            case ConvexNull:
                writer.WriteNullValue();
                break;
            case ConvexBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case ConvexInt64 i:
                WriteInt64(writer, i.Value);
                break;
            case ConvexFloat64 f:
                WriteDouble(writer, f.Value);
                break;
            case ConvexString s:
                WriteString(writer, s.Value);
                break;
            case ConvexBytes bytes:
                writer.WriteStartObject();
                writer.WriteBase64String("$bytes"u8, bytes.Value.Span);
                writer.WriteEndObject();
                break;
            case ConvexArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConvexObject obj:
                writer.WriteStartObject();
                foreach (var field in obj)
                {
                    writer.WritePropertyName(field.Key);
                    Write(writer, field.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"Unknown Convex value type {value.GetType()}.");
        }
    }

    public static void WriteInt64(Utf8JsonWriter writer, long value)
    {
        writer.WriteStartObject();
        writer.WriteString("$integer"u8, ConvexBase64.EncodeInt64(value));
        writer.WriteEndObject();
    }

    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (ConvexFloat64.IsSpecialDouble(value))
        {
            writer.WriteStartObject();
            writer.WriteString("$float"u8, ConvexBase64.EncodeDouble(value));
            writer.WriteEndObject();
            return;
        }

        Span<byte> text = stackalloc byte[JsNumberFormatter.MaxLength];
        var length = JsNumberFormatter.Format(value, text);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    public static void WriteString(Utf8JsonWriter writer, string value) => JsStringEscaper.Write(writer, value);
}
