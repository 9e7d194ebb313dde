using System.Collections.Immutable;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Pagination;

/// <summary>One page query's value, as <c>paginate()</c> returns it (the JavaScript client's <c>asPaginationResult</c>).</summary>
internal sealed record PageResult(ImmutableArray<ConvexValue> Page, bool IsDone, string ContinueCursor, string? SplitCursor, string? PageStatus)
{
    /// <summary>Whether the page should be split in two (paginated_query_client.ts <c>processPaginatedQuerySplits</c>).</summary>
    public bool ShouldSplit(int initialNumItems) =>
        SplitCursor is not null && (PageStatus is "SplitRecommended" or "SplitRequired" || Page.Length > initialNumItems * 2);

    /// <summary>Reads a page query's value; <see langword="null"/> when it is not a pagination result.</summary>
    public static PageResult? TryRead(ConvexValue? value)
    {
        if (value is not ConvexObject result
            || !result.TryGetValue("page", out var page) || page is not ConvexArray items
            || !result.TryGetValue("isDone", out var isDone) || isDone is not ConvexBoolean done
            || !result.TryGetValue("continueCursor", out var cursor) || cursor is not ConvexString continueCursor)
        {
            return null;
        }

        return new PageResult(items.Items, done.Value, continueCursor.Value, OptionalString(result, "splitCursor"), OptionalString(result, "pageStatus"));
    }

    private static string? OptionalString(ConvexObject result, string field) =>
        result.TryGetValue(field, out var value) && value is ConvexString text ? text.Value : null;
}
