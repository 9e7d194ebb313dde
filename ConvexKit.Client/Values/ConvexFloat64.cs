using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>
/// A Convex double. Finite values other than <c>-0.0</c> travel as plain JSON numbers; NaN, the infinities and
/// <c>-0.0</c> travel as <c>{"$float": "&lt;base64 of 8 little-endian bytes&gt;"}</c>.
/// </summary>
/// <param name="value">The number.</param>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
public sealed class ConvexFloat64(double value) : ConvexValue
{
    /// <summary>Gets the number.</summary>
    public double Value { get; } = value;

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.Float64;

    /// <summary>Gets a value indicating whether this number needs the <c>$float</c> encoding (NaN, ±∞ or −0).</summary>
    public bool IsSpecial => IsSpecialDouble(Value);

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other) =>
        other is ConvexFloat64 f &&
        (BitConverter.DoubleToInt64Bits(f.Value) == BitConverter.DoubleToInt64Bits(Value) || (double.IsNaN(f.Value) && double.IsNaN(Value)));

    /// <inheritdoc />
    public override int GetHashCode() => double.IsNaN(Value) ? double.NaN.GetHashCode() : BitConverter.DoubleToInt64Bits(Value).GetHashCode();

    internal static bool IsSpecialDouble(double value) => !double.IsFinite(value) || double.IsNegative(value) && value == 0;
}
