using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// <c>int</c>, <c>short</c>, <c>byte</c> and friends ↔ Convex Float64, the JavaScript <c>number</c> they stand for.
/// Reading accepts <c>1.0</c> (the server writes whole floats with a fraction) and rejects fractions and overflow.
/// </summary>
internal sealed class WholeNumberJsonConverter<T> : JsonConverter<T>
    where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var d = ConvexTokens.ReadNumberAsDouble(ref reader, typeToConvert);
        return double.IsInteger(d) && d >= double.CreateTruncating(T.MinValue) && d <= double.CreateTruncating(T.MaxValue)
            ? T.CreateChecked(d)
            : throw new JsonException($"The number {d} is not a whole number that fits in {typeof(T).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(long.CreateChecked(value));
}
