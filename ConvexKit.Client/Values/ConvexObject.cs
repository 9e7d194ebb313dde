using System.Collections;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>
/// An immutable Convex object: a map from field names to values, kept sorted by name (ordinal), which is the order
/// the JavaScript client serializes in.
/// </summary>
/// <remarks>
/// <para>
/// Field names must be valid Convex field names: non-control ASCII (0x20–0x7E), not starting with <c>$</c>, at most
/// <see cref="MaxFieldNameLength"/> characters. An object has at most <see cref="MaxFields"/> fields.
/// </para>
/// <para>
/// Build one with <see cref="Of"/> (<c>ConvexObject.Of(("id", noteId), ("title", "Groceries"))</c>), a collection
/// expression of <see cref="KeyValuePair{TKey, TValue}"/>, or <see cref="ConvexValue.FromObject{T}(T, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>.
/// </para>
/// </remarks>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
[CollectionBuilder(typeof(ConvexObject), nameof(Create))]
public sealed class ConvexObject : ConvexValue, IReadOnlyDictionary<string, ConvexValue>
{
    /// <summary>The largest number of fields a Convex object may have.</summary>
    public const int MaxFields = 1024;

    /// <summary>The longest a field name may be.</summary>
    public const int MaxFieldNameLength = 1024;

    // One comparer for every object (a lambda would allocate a comparer per object); ImmutableArray.Sort keeps an
    // already sorted array as it is.
    private static readonly Comparer<KeyValuePair<string, ConvexValue>> s_byKey =
        Comparer<KeyValuePair<string, ConvexValue>>.Create(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

    // Sorted by ordinal key: lookups are binary searches and serialization is already canonical.
    private readonly ImmutableArray<KeyValuePair<string, ConvexValue>> _fields;

    /// <summary>Creates an object from <paramref name="fields"/>; <see langword="null"/> values become <see cref="ConvexNull"/>.</summary>
    /// <param name="fields">The fields, in any order.</param>
    /// <exception cref="ConvexValueException">A field name is invalid or repeated, or there are too many fields.</exception>
    public ConvexObject(IEnumerable<KeyValuePair<string, ConvexValue?>> fields)
        : this(SortAndValidate(Materialize(fields)))
    {
    }

    private ConvexObject(ImmutableArray<KeyValuePair<string, ConvexValue>> sortedFields) => _fields = sortedFields;

    /// <summary>Gets the empty object.</summary>
    public static ConvexObject Empty { get; } = new(ImmutableArray<KeyValuePair<string, ConvexValue>>.Empty);

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.Object;

    /// <summary>Gets the number of fields.</summary>
    public int Count => _fields.Length;

    /// <summary>Gets the field names in sorted (ordinal) order.</summary>
    public IEnumerable<string> Keys => _fields.Select(f => f.Key);

    /// <summary>Gets the field values in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<ConvexValue> Values => _fields.Select(f => f.Value);

    /// <inheritdoc cref="ConvexValue.this[string]" />
    public override ConvexValue this[string fieldName] =>
        TryGetField(fieldName, out var value) ? value : throw new KeyNotFoundException($"The Convex object has no field '{fieldName}'.");

    /// <summary>Creates an object from name/value pairs: <c>ConvexObject.Of(("id", id), ("done", true))</c>.</summary>
    /// <param name="fields">The fields, in any order.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ConvexValueException">A field name is invalid or repeated, or there are too many fields.</exception>
    public static ConvexObject Of(params ReadOnlySpan<(string Name, ConvexValue Value)> fields)
    {
        var array = new KeyValuePair<string, ConvexValue>[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            array[i] = new(fields[i].Name, fields[i].Value ?? ConvexNull.Instance);
        }

        return new ConvexObject(SortAndValidate(ImmutableCollectionsMarshal.AsImmutableArray(array)));
    }

    /// <summary>Creates an object from key/value pairs (the collection-expression builder).</summary>
    /// <param name="fields">The fields, in any order.</param>
    /// <returns>The object.</returns>
    public static ConvexObject Create(ReadOnlySpan<KeyValuePair<string, ConvexValue>> fields)
    {
        var array = new KeyValuePair<string, ConvexValue>[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            array[i] = new(fields[i].Key, fields[i].Value ?? ConvexNull.Instance);
        }

        return new ConvexObject(SortAndValidate(ImmutableCollectionsMarshal.AsImmutableArray(array)));
    }

    /// <summary>Returns a copy of this object with <paramref name="fieldName"/> set to <paramref name="value"/>.</summary>
    /// <param name="fieldName">The field to add or replace.</param>
    /// <param name="value">The value; <see langword="null"/> means <see cref="ConvexNull"/>.</param>
    /// <returns>The new object.</returns>
    public ConvexObject With(string fieldName, ConvexValue? value)
    {
        var fields = _fields.Where(f => !string.Equals(f.Key, fieldName, StringComparison.Ordinal))
            .Append(new(fieldName, value ?? ConvexNull.Instance));
        return new ConvexObject(SortAndValidate(fields.ToImmutableArray()));
    }

    /// <summary>Returns a copy of this object without <paramref name="fieldName"/>.</summary>
    /// <param name="fieldName">The field to remove.</param>
    /// <returns>The new object (this one when the field is absent).</returns>
    public ConvexObject Without(string fieldName)
    {
        var index = IndexOf(fieldName);
        return index < 0 ? this : new ConvexObject(_fields.RemoveAt(index));
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ConvexValue value)
    {
        var found = TryGetField(key, out var v);
        value = v;
        return found;
    }

    /// <inheritdoc />
    public override bool TryGetField(string fieldName, [NotNullWhen(true)] out ConvexValue? value)
    {
        var index = IndexOf(fieldName);
        value = index < 0 ? null : _fields[index].Value;
        return index >= 0;
    }

    /// <summary>Returns an enumerator over the fields in sorted order.</summary>
    /// <returns>The enumerator.</returns>
    public ImmutableArray<KeyValuePair<string, ConvexValue>>.Enumerator GetEnumerator() => _fields.GetEnumerator();

    IEnumerator<KeyValuePair<string, ConvexValue>> IEnumerable<KeyValuePair<string, ConvexValue>>.GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, ConvexValue>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_fields).GetEnumerator();

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ConvexObject o || o.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (!string.Equals(_fields[i].Key, o._fields[i].Key, StringComparison.Ordinal) || !_fields[i].Value.Equals(o._fields[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in _fields)
        {
            hash.Add(field.Key, StringComparer.Ordinal);
            hash.Add(field.Value);
        }

        return hash.ToHashCode();
    }

    internal static ConvexObject FromUnsorted(ImmutableArray<KeyValuePair<string, ConvexValue>> fields) => new(SortAndValidate(fields));

    /// <summary>
    /// Creates an object from fields whose names were already validated one by one (the reader does that as it goes),
    /// so only order and uniqueness are left to check; input that is already sorted, as the server sends it, is kept.
    /// </summary>
    internal static ConvexObject FromValidatedNames(ImmutableArray<KeyValuePair<string, ConvexValue>> fields)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            if (string.CompareOrdinal(fields[i - 1].Key, fields[i].Key) >= 0)
            {
                return new(SortAndValidate(fields));
            }
        }

        return fields.Length > MaxFields ? new(SortAndValidate(fields)) : new(fields);
    }

    private int IndexOf(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        int lo = 0, hi = _fields.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = string.CompareOrdinal(_fields[mid].Key, fieldName);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private static ImmutableArray<KeyValuePair<string, ConvexValue>> Materialize(IEnumerable<KeyValuePair<string, ConvexValue?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Select(f => new KeyValuePair<string, ConvexValue>(f.Key, f.Value ?? ConvexNull.Instance)).ToImmutableArray();
    }

    private static ImmutableArray<KeyValuePair<string, ConvexValue>> SortAndValidate(ImmutableArray<KeyValuePair<string, ConvexValue>> fields)
    {
        if (fields.Length > MaxFields)
        {
            throw new ConvexValueException($"A Convex object may have at most {MaxFields} fields; this one has {fields.Length}.");
        }

        var sorted = fields.Sort(s_byKey);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (ConvexFieldName.Validate(sorted[i].Key) is { } error)
            {
                throw new ConvexValueException(error);
            }

            if (i > 0 && string.Equals(sorted[i - 1].Key, sorted[i].Key, StringComparison.Ordinal))
            {
                throw new ConvexValueException($"The field '{sorted[i].Key}' appears more than once.");
            }
        }

        return sorted;
    }
}
