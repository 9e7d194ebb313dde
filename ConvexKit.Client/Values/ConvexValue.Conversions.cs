namespace ConvexKit.Client.Values;

public abstract partial class ConvexValue
{
    /// <summary>Converts a <c>long</c> to a Convex <see cref="ConvexValueKind.Int64"/> (a JavaScript <c>bigint</c>).</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator ConvexValue(long value) => new ConvexInt64(value);

    /// <summary>
    /// Converts an <c>int</c> to a Convex <see cref="ConvexValueKind.Float64"/>, because an <c>int</c> argument almost
    /// always stands for a JavaScript <c>number</c>. Use a <c>long</c> for <c>v.int64()</c>.
    /// </summary>
    /// <param name="value">The integer.</param>
    public static implicit operator ConvexValue(int value) => new ConvexFloat64(value);

    /// <summary>Converts a <c>double</c> to a Convex <see cref="ConvexValueKind.Float64"/>.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator ConvexValue(double value) => new ConvexFloat64(value);

    /// <summary>Converts a <c>bool</c> to a Convex <see cref="ConvexValueKind.Boolean"/>.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator ConvexValue(bool value) => ConvexBoolean.From(value);

    /// <summary>Converts a string to a Convex <see cref="ConvexValueKind.String"/>; <see langword="null"/> becomes <see cref="ConvexNull"/>.</summary>
    /// <param name="value">The string.</param>
    public static implicit operator ConvexValue(string? value) =>
        value is null ? ConvexNull.Instance : new ConvexString(value);

    /// <summary>Converts bytes to a Convex <see cref="ConvexValueKind.Bytes"/> value (copied); <see langword="null"/> becomes <see cref="ConvexNull"/>.</summary>
    /// <param name="value">The bytes.</param>
    public static implicit operator ConvexValue(byte[]? value) =>
        value is null ? ConvexNull.Instance : new ConvexBytes(value);

    /// <summary>Returns the integer of an <see cref="ConvexValueKind.Int64"/> value.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator long(ConvexValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsInt64();
    }

    /// <summary>Returns the number of a <see cref="ConvexValueKind.Float64"/> value.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator double(ConvexValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsDouble();
    }

    /// <summary>Returns the boolean of a <see cref="ConvexValueKind.Boolean"/> value.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator bool(ConvexValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsBoolean();
    }

    /// <summary>Returns the string of a <see cref="ConvexValueKind.String"/> value, or <see langword="null"/> for <see cref="ConvexNull"/>.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator string?(ConvexValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IsNull ? null : value.AsString();
    }
}
