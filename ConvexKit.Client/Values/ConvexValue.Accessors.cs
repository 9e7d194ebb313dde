using System.Diagnostics.CodeAnalysis;

namespace ConvexKit.Client.Values;

public abstract partial class ConvexValue
{
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
}
