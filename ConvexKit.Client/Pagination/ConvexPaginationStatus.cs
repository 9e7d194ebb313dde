namespace ConvexKit.Client.Pagination;

/// <summary>Where a <see cref="ConvexPaginatedQuery"/> stands, as the JavaScript client's <c>PaginationStatus</c>.</summary>
public enum ConvexPaginationStatus
{
    /// <summary>The first page has no result yet.</summary>
    LoadingFirstPage,

    /// <summary>Every page has a result and there is more: <see cref="ConvexPaginatedQuery.LoadMore"/> adds a page.</summary>
    CanLoadMore,

    /// <summary>The last page requested has no result yet.</summary>
    LoadingMore,

    /// <summary>Every page has a result and the last one reached the end of the query.</summary>
    Exhausted,
}
