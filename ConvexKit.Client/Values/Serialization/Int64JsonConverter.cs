using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// <c>long</c> ↔ Convex Int64 (<c>{"$integer": …}</c>). Reading also accepts a whole Float64 in range, so a
/// <c>long</c> property can hold a <c>v.number()</c> field such as a millisecond timestamp.
/// </summary>
internal sealed class Int64JsonConverter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var (key, payload) = ConvexTokens.ReadSpecialObject(ref reader);
            return key == "$integer" && ConvexBase64.TryDecodeInt64(payload, out var value)
                ? value
                : throw new JsonException("Expected {\"$integer\": <base64 of 8 bytes>} for a long.");
        }

        var d = ConvexTokens.ReadNumberAsDouble(ref reader, typeToConvert);
        return double.IsInteger(d) && d >= long.MinValue && d < 9.2233720368547758E18
            ? (long)d
            : throw new JsonException($"The number {d} is not a whole number that fits in a long.");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
        ConvexJsonWriter.WriteInt64(writer, value);
}
