using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>An immutable Convex array (at most <see cref="MaxLength"/> elements).</summary>
/// <remarks>Collection expressions work: <c>ConvexArray a = [1, "two", 3L];</c>.</remarks>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
[CollectionBuilder(typeof(ConvexArray), nameof(Create))]
public sealed class ConvexArray : ConvexValue, IReadOnlyList<ConvexValue>
{
    /// <summary>The largest number of elements a Convex array may have.</summary>
    public const int MaxLength = 8192;

    private readonly ImmutableArray<ConvexValue> _items;

    /// <summary>Creates an array from <paramref name="items"/>; <see langword="null"/> elements become <see cref="ConvexNull"/>.</summary>
    /// <param name="items">The elements.</param>
    /// <exception cref="ConvexValueException">There are more than <see cref="MaxLength"/> elements.</exception>
    public ConvexArray(IEnumerable<ConvexValue?> items)
        : this(Normalize(items))
    {
    }

    private ConvexArray(ImmutableArray<ConvexValue> items)
    {
        if (items.Length > MaxLength)
        {
            throw new ConvexValueException($"A Convex array may have at most {MaxLength} elements; this one has {items.Length}.");
        }

        _items = items;
    }

    /// <summary>Gets the empty array.</summary>
    public static ConvexArray Empty { get; } = new(ImmutableArray<ConvexValue>.Empty);

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.Array;

    /// <summary>Gets the number of elements.</summary>
    public int Count => _items.Length;

    /// <summary>Gets the elements.</summary>
    public ImmutableArray<ConvexValue> Items => _items;

    /// <inheritdoc cref="ConvexValue.this[int]" />
    public override ConvexValue this[int index] => _items[index];

    /// <summary>Creates an array of <paramref name="items"/>.</summary>
    /// <param name="items">The elements.</param>
    /// <returns>The array.</returns>
    public static ConvexArray Create(ReadOnlySpan<ConvexValue> items)
    {
        var builder = ImmutableArray.CreateBuilder<ConvexValue>(items.Length);
        foreach (var item in items)
        {
            builder.Add(item ?? ConvexNull.Instance);
        }

        return new ConvexArray(builder.MoveToImmutable());
    }

    /// <summary>Creates an array of <paramref name="items"/>.</summary>
    /// <param name="items">The elements.</param>
    /// <returns>The array.</returns>
    public static ConvexArray Of(params ReadOnlySpan<ConvexValue> items) => Create(items);

    /// <inheritdoc />
    public ImmutableArray<ConvexValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<ConvexValue> IEnumerable<ConvexValue>.GetEnumerator() => ((IEnumerable<ConvexValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ConvexArray a || a.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(a._items[i]))
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
        hash.Add(Count);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    internal static ConvexArray FromTrusted(ImmutableArray<ConvexValue> items) => new(items);

    private static ImmutableArray<ConvexValue> Normalize(IEnumerable<ConvexValue?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var builder = ImmutableArray.CreateBuilder<ConvexValue>();
        foreach (var item in items)
        {
            builder.Add(item ?? ConvexNull.Instance);
        }

        return builder.ToImmutable();
    }
}
