using ConvexKit.Client.Pagination;
using ConvexKit.Client.Values;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ConvexKit.Client.Blazor;

/// <summary>
/// A live paginated query in markup, the counterpart of Convex's <c>usePaginatedQuery</c>: every loaded page stays
/// live, <see cref="ChildContent"/> renders with the current <see cref="ConvexPaginatedView"/> (items, status, and
/// <see cref="ConvexPaginatedView.LoadMore"/>) and re-renders on every change.
/// </summary>
public sealed class ConvexPaginated : ConvexLiveComponent
{
    private ConvexPaginatedQuery? _query;
    private ConvexPaginatedView? _view;

    /// <summary>Gets or sets the client (from dependency injection).</summary>
    [Inject]
    public ConvexClient Client { get; set; } = null!;

    /// <summary>Gets or sets the paginated query, such as <c>notes:page</c>.</summary>
    [Parameter]
    [EditorRequired]
    public string Query { get; set; } = "";

    /// <summary>Gets or sets the query's other arguments (without <c>paginationOpts</c>); none when <see langword="null"/>.</summary>
    [Parameter]
    public ConvexObject? Args { get; set; }

    /// <summary>Gets or sets the size of the first page (and of each split page).</summary>
    [Parameter]
    public int InitialNumItems { get; set; } = 20;

    /// <summary>Gets or sets what to render with the current items and status.</summary>
    [Parameter]
    public RenderFragment<ConvexPaginatedView>? ChildContent { get; set; }

    /// <inheritdoc/>
    protected override async Task OnParametersSetAsync()
    {
        if (_query is not null && _query.FunctionPath == Query && Equals(_query.Args, Args ?? ConvexObject.Empty) && _query.InitialNumItems == InitialNumItems)
        {
            return;
        }

        await DisposeSourceAsync();
        var query = Client.SubscribePaginated(Query, Args, InitialNumItems);
        _query = query;
        _view = new ConvexPaginatedView(query.Current, query);
        Follow(query, result => _view = new ConvexPaginatedView(result, query));
    }

    /// <inheritdoc/>
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (_view is not null)
        {
            builder.AddContent(0, ChildContent?.Invoke(_view));
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask DisposeSourceAsync()
    {
        StopFollowing();
        if (Interlocked.Exchange(ref _query, null) is { } query)
        {
            await query.DisposeAsync();
        }
    }
}

/// <summary>What a <see cref="ConvexPaginated"/> renders with: the current result and a way to load more.</summary>
/// <param name="Result">The items and status.</param>
/// <param name="Query">The live query.</param>
public sealed record ConvexPaginatedView(ConvexPaginatedResult Result, ConvexPaginatedQuery Query)
{
    /// <summary>Adds a page of <paramref name="numItems"/> items when the last page has loaded and is not the end.</summary>
    /// <param name="numItems">How many items the new page asks for.</param>
    /// <returns>Whether a page was added.</returns>
    public bool LoadMore(int numItems) => Query.LoadMore(numItems);
}
