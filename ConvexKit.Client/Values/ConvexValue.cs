using System.Text.Json.Serialization;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>
/// An immutable value of the Convex data model: <see cref="ConvexNull"/>, <see cref="ConvexInt64"/>,
/// <see cref="ConvexFloat64"/>, <see cref="ConvexBoolean"/>, <see cref="ConvexString"/>, <see cref="ConvexBytes"/>,
/// <see cref="ConvexArray"/> or <see cref="ConvexObject"/>.
/// </summary>
/// <remarks>
/// <para>
/// Values compare by content. Two <see cref="ConvexFloat64"/> values are equal when they have the same bits, except
/// that every NaN equals every other NaN; so <c>0.0</c> and <c>-0.0</c> are different values, as they are on the wire.
/// </para>
/// <para>
/// <see cref="ToString"/> returns the value's canonical Convex-JSON text (object keys sorted, <c>long</c> as
/// <c>{"$integer": …}</c>), which is exactly what the client sends.
/// </para>
/// <para>
/// Implicit conversions make literals pleasant: <c>int</c> and <c>double</c> become <see cref="ConvexFloat64"/>
/// (a JavaScript <c>number</c>), <c>long</c> becomes <see cref="ConvexInt64"/> (a JavaScript <c>bigint</c>),
/// <c>string</c>, <c>bool</c> and <c>byte[]</c> map to their obvious kinds, and a <see langword="null"/> string or
/// array becomes <see cref="ConvexNull"/>.
/// </para>
/// </remarks>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
public abstract partial class ConvexValue : IEquatable<ConvexValue>
{
    private protected ConvexValue()
    {
    }

    /// <summary>Gets the Convex <c>null</c> value.</summary>
    public static ConvexNull Null => ConvexNull.Instance;

    /// <summary>Gets the kind of this value.</summary>
    public abstract ConvexValueKind Kind { get; }

    /// <summary>Gets a value indicating whether this is the Convex <c>null</c> value.</summary>
    public bool IsNull => Kind == ConvexValueKind.Null;

    /// <summary>Parses Convex-JSON text (as the server and the JavaScript client write it) into a value.</summary>
    /// <param name="json">The Convex-JSON text.</param>
    /// <returns>The decoded value.</returns>
    /// <exception cref="ConvexValueException">The text is not valid Convex-JSON.</exception>
    public static ConvexValue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ConvexJsonReader.Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses UTF-8 Convex-JSON into a value.</summary>
    /// <param name="utf8Json">The UTF-8 encoded Convex-JSON.</param>
    /// <returns>The decoded value.</returns>
    /// <exception cref="ConvexValueException">The text is not valid Convex-JSON.</exception>
    public static ConvexValue Parse(ReadOnlySpan<byte> utf8Json) => ConvexJsonReader.Parse(utf8Json);

    /// <summary>Returns the canonical Convex-JSON text of this value.</summary>
    /// <returns>The Convex-JSON text, with object keys sorted as the JavaScript client sorts them.</returns>
    public sealed override string ToString() => ConvexJsonWriter.ToJsonString(this);

    /// <summary>Returns the canonical Convex-JSON of this value as UTF-8 bytes.</summary>
    /// <returns>The UTF-8 encoded Convex-JSON.</returns>
    public byte[] ToUtf8Json() => ConvexJsonWriter.ToUtf8Bytes(this);

    /// <inheritdoc />
    public abstract bool Equals(ConvexValue? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is ConvexValue other && Equals(other);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>Compares two values by content.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or equal by content.</returns>
    public static bool operator ==(ConvexValue? left, ConvexValue? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Compares two values by content.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(ConvexValue? left, ConvexValue? right) => !(left == right);
}
