using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Pagination;

/// <summary>
/// What a <see cref="ConvexPaginatedQuery"/> shows at one moment: the items of every loaded page in order, and its
/// status; or the failure of a page.
/// </summary>
public sealed class ConvexPaginatedResult
{
    internal ConvexPaginatedResult(ImmutableArray<ConvexValue> items, ConvexPaginationStatus status, FunctionResult? failure, int pageCount)
    {
        Items = items;
        Status = status;
        Failure = failure;
        PageCount = pageCount;
    }

    /// <summary>Gets the items of the loaded pages, in the query's order (empty while the first page loads).</summary>
    public ImmutableArray<ConvexValue> Items { get; }

    /// <summary>Gets whether the first page is loading, more can be loaded, more is loading, or everything is loaded.</summary>
    public ConvexPaginationStatus Status { get; }

    /// <summary>Gets the failed result of a page when one failed (then <see cref="Items"/> is empty); otherwise <see langword="null"/>.</summary>
    public FunctionResult? Failure { get; }

    /// <summary>Gets the number of pages the items come from (pages are split when they grow, so it can exceed the loads).</summary>
    public int PageCount { get; }

    /// <summary>Gets a value indicating whether <see cref="ConvexPaginatedQuery.LoadMore"/> would add a page now.</summary>
    public bool CanLoadMore => Status == ConvexPaginationStatus.CanLoadMore;

    /// <summary>Converts every item to <typeparamref name="T"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The CLR type of one item.</typeparam>
    /// <param name="itemTypeInfo">Metadata for <typeparamref name="T"/> from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ConvexValueException">An item does not fit <typeparamref name="T"/>.</exception>
    public ImmutableArray<T> GetItems<T>(JsonTypeInfo<T> itemTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(itemTypeInfo);
        return [.. Items.Select(item => item.ToObject(itemTypeInfo))];
    }

    /// <summary>Converts every item to <typeparamref name="T"/> with reflection-based System.Text.Json (camelCase by default).</summary>
    /// <typeparam name="T">The CLR type of one item.</typeparam>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The items.</returns>
    /// <exception cref="ConvexValueException">An item does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public ImmutableArray<T> GetItems<T>(JsonSerializerOptions? options = null) => [.. Items.Select(item => item.ToObject<T>(options))];

    /// <summary>Describes the result without its items (they may hold user data).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Failure is null
        ? $"{Status}: {Items.Length} items in {PageCount} pages"
        : $"Failed ({Failure})";
}
