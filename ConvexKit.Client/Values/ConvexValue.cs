using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
public abstract class ConvexValue : IEquatable<ConvexValue>
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

    /// <summary>Gets the field <paramref name="fieldName"/> of an object value.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The field's value.</returns>
    /// <exception cref="InvalidOperationException">This value is not an object.</exception>
    /// <exception cref="KeyNotFoundException">The object has no such field.</exception>
    public virtual ConvexValue this[string fieldName] => throw WrongKind(ConvexValueKind.Object);

    /// <summary>Gets the element at <paramref name="index"/> of an array value.</summary>
    /// <param name="index">The zero-based index.</param>
    /// <returns>The element.</returns>
    /// <exception cref="InvalidOperationException">This value is not an array.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the array.</exception>
    public virtual ConvexValue this[int index] => throw WrongKind(ConvexValueKind.Array);

    /// <summary>Looks up a field of an object value; returns <see langword="false"/> for other kinds.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <param name="value">The field's value when found.</param>
    /// <returns><see langword="true"/> when this is an object that has the field.</returns>
    public virtual bool TryGetField(string fieldName, [NotNullWhen(true)] out ConvexValue? value)
    {
        value = null;
        return false;
    }

    /// <summary>Returns the value of an <see cref="ConvexValueKind.Int64"/>.</summary>
    /// <returns>The integer.</returns>
    /// <exception cref="InvalidOperationException">This value is of another kind.</exception>
    public long AsInt64() => this is ConvexInt64 i ? i.Value : throw WrongKind(ConvexValueKind.Int64);

    /// <summary>Returns the value of a <see cref="ConvexValueKind.Float64"/>.</summary>
    /// <returns>The double.</returns>
    /// <exception cref="InvalidOperationException">This value is of another kind.</exception>
    public double AsDouble() => this is ConvexFloat64 f ? f.Value : throw WrongKind(ConvexValueKind.Float64);

    /// <summary>Returns the value of a <see cref="ConvexValueKind.Boolean"/>.</summary>
    /// <returns>The boolean.</returns>
    /// <exception cref="InvalidOperationException">This value is of another kind.</exception>
    public bool AsBoolean() => this is ConvexBoolean b ? b.Value : throw WrongKind(ConvexValueKind.Boolean);

    /// <summary>Returns the value of a <see cref="ConvexValueKind.String"/>.</summary>
    /// <returns>The string.</returns>
    /// <exception cref="InvalidOperationException">This value is of another kind.</exception>
    public string AsString() => this is ConvexString s ? s.Value : throw WrongKind(ConvexValueKind.String);

    /// <summary>Returns the bytes of a <see cref="ConvexValueKind.Bytes"/> value.</summary>
    /// <returns>The bytes (read-only; the value owns them).</returns>
    /// <exception cref="InvalidOperationException">This value is of another kind.</exception>
    public ReadOnlyMemory<byte> AsBytes() => this is ConvexBytes b ? b.Value : throw WrongKind(ConvexValueKind.Bytes);

    /// <summary>Returns this value as an <see cref="ConvexArray"/>.</summary>
    /// <returns>The array.</returns>
    /// <exception cref="InvalidOperationException">This value is of another kind.</exception>
    public ConvexArray AsArray() => this as ConvexArray ?? throw WrongKind(ConvexValueKind.Array);

    /// <summary>Returns this value as an <see cref="ConvexObject"/>.</summary>
    /// <returns>The object.</returns>
    /// <exception cref="InvalidOperationException">This value is of another kind.</exception>
    public ConvexObject AsObject() => this as ConvexObject ?? throw WrongKind(ConvexValueKind.Object);

    private protected InvalidOperationException WrongKind(ConvexValueKind expected) =>
        new($"The Convex value is {Kind}, not {expected}.");

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

    /// <summary>
    /// Converts a CLR value to a Convex value through System.Text.Json with the Convex mappings: <c>long</c> → Int64,
    /// <c>double</c>/<c>int</c> → Float64, <c>byte[]</c> → Bytes. Honours <c>[JsonPropertyName]</c>, <c>[JsonIgnore]</c> and
    /// enum converters from the context. Trimming- and AOT-safe.
    /// </summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="value">The value to convert.</param>
    /// <param name="jsonTypeInfo">Metadata from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The Convex value.</returns>
    /// <exception cref="ConvexValueException">
    /// The value contains a type Convex cannot represent (such as <see cref="Guid"/>, <see cref="DateTime"/> or
    /// <see cref="decimal"/>), an invalid field name, or breaks a Convex limit; the message names the path.
    /// </exception>
    public static ConvexValue FromObject<T>(T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return ConvexSerializer.ToValue(value, ConvexSerializer.GetConvexTypeInfo(jsonTypeInfo));
    }

    /// <summary>
    /// Converts a CLR value to a Convex value with reflection-based System.Text.Json. Without <paramref name="options"/>,
    /// property names are camelCased (<c>CreatedAt</c> → <c>createdAt</c>) to match TypeScript conventions.
    /// </summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="value">The value to convert.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The Convex value.</returns>
    /// <exception cref="ConvexValueException">The value cannot be represented in Convex; the message names the path.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public static ConvexValue FromObject<T>(T value, JsonSerializerOptions? options = null) =>
        ConvexSerializer.ToValue(value, ConvexSerializer.GetConvexTypeInfo<T>(options));

    /// <summary>Converts this value to <typeparamref name="T"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="jsonTypeInfo">Metadata from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="T"/>.</exception>
    public T ToObject<T>(JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return ConvexSerializer.FromValue(this, ConvexSerializer.GetConvexTypeInfo(jsonTypeInfo));
    }

    /// <summary>Converts this value to <typeparamref name="T"/> with reflection-based System.Text.Json (camelCase by default).</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public T ToObject<T>(JsonSerializerOptions? options = null) =>
        ConvexSerializer.FromValue(this, ConvexSerializer.GetConvexTypeInfo<T>(options));
}
