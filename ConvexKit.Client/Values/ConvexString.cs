using System.Diagnostics;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>A Convex string: any well-formed Unicode text (a lone surrogate is rejected, as the server would).</summary>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
public sealed class ConvexString : ConvexValue
{
    /// <summary>Creates a string value.</summary>
    /// <param name="value">The string.</param>
    /// <exception cref="ConvexValueException">The string contains a lone UTF-16 surrogate.</exception>
    public ConvexString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (FindLoneSurrogate(value) is var index and >= 0)
        {
            throw new ConvexValueException(
                $"The string has a lone surrogate U+{(int)value[index]:X4} at index {index}; Convex strings must be valid Unicode.");
        }

        Value = value;
    }

    // For text already known to be well-formed (decoded by Utf8JsonReader, which refuses lone surrogates).
    private ConvexString(string value, bool trusted)
    {
        Debug.Assert(trusted && FindLoneSurrogate(value) < 0, "Only well-formed text may skip the surrogate check.");
        Value = value;
    }

    /// <summary>Gets the string.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.String;

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other) => other is ConvexString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    internal static ConvexString FromWellFormed(string value) => new(value, trusted: true);

    internal static int FindLoneSurrogate(string value)
    {
        var i = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return -1;
        }

        for (; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
