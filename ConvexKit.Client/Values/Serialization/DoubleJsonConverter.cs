using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values.Serialization;

/// <summary><c>double</c> ↔ Convex Float64, with NaN, ±∞ and −0 as <c>{"$float": …}</c>.</summary>
internal sealed class DoubleJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ConvexTokens.ReadNumberAsDouble(ref reader, typeToConvert);

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        ConvexJsonWriter.WriteDouble(writer, value);
}

/// <summary><c>float</c> ↔ Convex Float64 (widened to double on the wire).</summary>
internal sealed class SingleJsonConverter : JsonConverter<float>
{
    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (float)ConvexTokens.ReadNumberAsDouble(ref reader, typeToConvert);

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) =>
        ConvexJsonWriter.WriteDouble(writer, value);
}
