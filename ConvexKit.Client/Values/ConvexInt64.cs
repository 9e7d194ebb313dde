using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>A Convex signed 64-bit integer, sent as <c>{"$integer": "&lt;base64 of 8 little-endian bytes&gt;"}</c>.</summary>
/// <param name="value">The integer.</param>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
public sealed class ConvexInt64(long value) : ConvexValue
{
    /// <summary>Gets the integer.</summary>
    public long Value { get; } = value;

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.Int64;

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other) => other is ConvexInt64 i && i.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();
}
