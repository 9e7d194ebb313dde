using System.Collections.Immutable;
using ConvexKit.Client.Streaming;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Pagination;

/// <summary>
/// A live paginated query, with the semantics of the JavaScript client's <c>PaginatedQueryClient</c>: each page is a
/// subscription of its own; <see cref="LoadMore"/> adds the next page after the last one; a page keeps the end it had
/// when it first loaded (the server pins it through the query journal), so items never jump between pages and nothing
/// is lost or repeated when data changes; a page that grows too large, or that the server asks to split, is replaced
/// by two pages covering the same range. From <see cref="ConvexClientPaginationExtensions.SubscribePaginated(ConvexClient, string, ConvexObject?, int)"/>.
/// </summary>
/// <remarks>
/// <para>
/// It uses only the client's public API (subscriptions and <see cref="ConvexClient.WatchAll"/>), as the JavaScript
/// paginated client wraps the base client. Every published result is computed from one server state, so the pages
/// agree with each other. Enumerate it (<c>await foreach</c>) to get the current result first and then every change;
/// a slow reader skips to the latest. Dispose it to unsubscribe every page.
/// </para>
/// <para>
/// When a page fails with <c>InvalidCursor</c> (its cursor no longer fits the query), the query starts over from the
/// first page, as the React hooks do. Any other failure is published as <see cref="ConvexPaginatedResult.Failure"/>.
/// </para>
/// </remarks>
public sealed class ConvexPaginatedQuery : IAsyncEnumerable<ConvexPaginatedResult>, IAsyncDisposable
{
    /// <summary>Separate uses of one query get separate server queries (the JavaScript client's paginated query id).</summary>
    private static int s_nextId;

    private readonly ConvexClient _client;
    private readonly Lock _gate = new();
    private readonly LatestValueBroadcast<ConvexPaginatedResult> _results = new(replayLatest: true);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Page> _pages = [];
    private readonly Dictionary<Page, (Page First, Page Second)> _splits = [];
    private readonly Task _watching;
    private ConvexQuerySetSnapshot? _snapshot;
    private ImmutableArray<FunctionResult?> _published = [];
    private ConvexPaginatedResult _current;
    private int _id;

    internal ConvexPaginatedQuery(ConvexClient client, string functionPath, ConvexObject args, int initialNumItems)
    {
        _client = client;
        FunctionPath = functionPath;
        Args = args;
        InitialNumItems = initialNumItems;
        _current = new ConvexPaginatedResult([], ConvexPaginationStatus.LoadingFirstPage, null, 0);
        _results.Publish(_current);

        // Watching starts before the first page is subscribed, so the Transition that answers it is not missed.
        var snapshots = client.WatchAll(_stop.Token);
        lock (_gate)
        {
            StartOver();
        }

        _watching = WatchAsync(snapshots);
    }

    /// <summary>Gets the query's path, such as <c>notes:page</c>.</summary>
    public string FunctionPath { get; }

    /// <summary>Gets the query's arguments without <c>paginationOpts</c>.</summary>
    public ConvexObject Args { get; }

    /// <summary>Gets the number of items the first page asks for (and the size pages are split to).</summary>
    public int InitialNumItems { get; }

    /// <summary>Gets the latest result.</summary>
    public ConvexPaginatedResult Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>
    /// Adds a page of up to <paramref name="numItems"/> items after the last one, when the last page has loaded and is
    /// not the end. The result becomes <see cref="ConvexPaginationStatus.LoadingMore"/> at once.
    /// </summary>
    /// <param name="numItems">How many items the new page asks for.</param>
    /// <returns><see langword="false"/> when nothing was added: a page is still loading, everything is loaded, or the query is disposed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numItems"/> is less than 1.</exception>
    public bool LoadMore(int numItems)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numItems, 1);
        lock (_gate)
        {
            if (_results.IsEnded || _pages.Count == 0 || PageResult.TryRead(SuccessOf(_pages[^1])) is not { IsDone: false } last)
            {
                return false;
            }

            _pages.Add(Subscribe(last.ContinueCursor, endCursor: null, numItems));
            Publish();
            return true;
        }
    }

    /// <summary>Returns an enumerator that yields the current result first, then every change.</summary>
    /// <param name="cancellationToken">Stops the enumeration (the query stays live).</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<ConvexPaginatedResult> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _results.Read(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Unsubscribes every page and ends the enumerations.</summary>
    /// <returns>A task that completes when the query stopped watching the client.</returns>
    public async ValueTask DisposeAsync()
    {
        List<Page> pages;
        lock (_gate)
        {
            if (_results.IsEnded)
            {
                return;
            }

            pages = [.. AllPages()];
            _pages.Clear();
            _splits.Clear();
            Complete();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var page in pages)
        {
            await page.Subscription.DisposeAsync().ConfigureAwait(false);
        }

        await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>Describes the query without its arguments or items.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexPaginatedQuery({FunctionPath})";

    private async Task WatchAsync(IAsyncEnumerable<ConvexQuerySetSnapshot> snapshots)
    {
        try
        {
            await foreach (var snapshot in snapshots.ConfigureAwait(false))
            {
                lock (_gate)
                {
                    if (_results.IsEnded)
                    {
                        return;
                    }

                    _snapshot = snapshot;
                    Update();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            // The client closed (or this query was disposed): nothing will change any more.
            lock (_gate)
            {
                Complete();
            }
        }
    }

    /// <summary>Completes splits whose halves have loaded, starts the splits pages ask for, and publishes what changed.</summary>
    private void Update()
    {
        foreach (var (original, (first, second)) in _splits.ToArray())
        {
            if (ResultOf(first) is null || ResultOf(second) is null)
            {
                continue;
            }

            var index = _pages.IndexOf(original);
            _pages[index] = first;
            _pages.Insert(index + 1, second);
            _splits.Remove(original);
            _ = original.Subscription.DisposeAsync();
        }

        foreach (var page in _pages.ToArray())
        {
            if (!_splits.ContainsKey(page) && PageResult.TryRead(SuccessOf(page)) is { } result && result.ShouldSplit(InitialNumItems))
            {
                // The first half keeps the page's start and ends at the split; the second runs from there to the page's end.
                _splits[page] = (Subscribe(page.Cursor, result.SplitCursor, InitialNumItems), Subscribe(result.SplitCursor, result.ContinueCursor, InitialNumItems));
            }
        }

        if (_pages.Find(IsInvalidCursor) is not null)
        {
            StartOver();
            return;
        }

        // Every Transition brings a snapshot; only one that changed a page's result (or the pages) is published.
        var unchanged = _pages.Count == _published.Length && _pages.Select(ResultOf).Zip(_published).All(pair => ReferenceEquals(pair.First, pair.Second));
        if (!unchanged)
        {
            Publish();
        }
    }

    /// <summary>Drops every page and subscribes the first one again under a new id (new server queries, no journals).</summary>
    private void StartOver()
    {
        foreach (var page in AllPages())
        {
            _ = page.Subscription.DisposeAsync();
        }

        _pages.Clear();
        _splits.Clear();
        _id = Interlocked.Increment(ref s_nextId);
        _pages.Add(Subscribe(cursor: null, endCursor: null, InitialNumItems));
        Publish();
    }

    /// <summary>A page whose cursor no longer fits the query; a first page (no cursors) never counts, so starting over ends.</summary>
    private bool IsInvalidCursor(Page page) =>
        (page.Cursor is not null || page.EndCursor is not null)
        && ResultOf(page) is { IsSuccess: false } failure
        && failure.ErrorMessage.Contains("InvalidCursor", StringComparison.Ordinal);

    private void Publish()
    {
        ImmutableArray<FunctionResult?> results = [.. _pages.Select(ResultOf)];
        _published = results;
        var items = ImmutableArray.CreateBuilder<ConvexValue>();
        var loading = _pages.Count == 0;
        var isDone = false;
        ConvexPaginatedResult? failed = null;
        foreach (var result in results)
        {
            if (result is null)
            {
                loading = true;
                isDone = false;
                continue;
            }

            if (!result.IsSuccess || PageResult.TryRead(result.Value) is not { } page)
            {
                var failure = result.IsSuccess
                    ? FunctionResult.Failure($"{FunctionPath} did not return a pagination result (page, isDone, continueCursor).", null, result.LogLines)
                    : result;
                failed = new ConvexPaginatedResult([], _current.Status, failure, _pages.Count);
                break;
            }

            items.AddRange(page.Page);
            isDone = page.IsDone;
        }

        var status = loading
            ? (items.Count == 0 ? ConvexPaginationStatus.LoadingFirstPage : ConvexPaginationStatus.LoadingMore)
            : isDone ? ConvexPaginationStatus.Exhausted : ConvexPaginationStatus.CanLoadMore;
        _current = failed ?? new ConvexPaginatedResult(items.ToImmutable(), status, null, _pages.Count);
        _results.Publish(_current);
    }

    private Page Subscribe(string? cursor, string? endCursor, int numItems)
    {
        var options = new List<KeyValuePair<string, ConvexValue?>>
        {
            new("numItems", numItems),
            new("cursor", cursor),
            new("id", _id),
        };
        if (endCursor is not null)
        {
            options.Add(new("endCursor", endCursor));
        }

        return new Page(_client.Subscribe(FunctionPath, Args.With("paginationOpts", new ConvexObject(options))), cursor, endCursor);
    }

    /// <summary>A page's result in the latest server state; before any state (or for a page shared with an older subscription), its latest result.</summary>
    private FunctionResult? ResultOf(Page page) =>
        _snapshot is not null && _snapshot.TryGetResult(page.Subscription, out var result) ? result : page.Subscription.Latest;

    private ConvexValue? SuccessOf(Page page) => ResultOf(page) is { IsSuccess: true } result ? result.Value : null;

    private IEnumerable<Page> AllPages() => _pages.Concat(_splits.Values.SelectMany(split => new[] { split.First, split.Second }));

    private void Complete() => _results.End();

    /// <summary>One page: its subscription, where it starts (null: the beginning) and where it was told to end.</summary>
    private sealed class Page(ConvexSubscription subscription, string? cursor, string? endCursor)
    {
        public ConvexSubscription Subscription { get; } = subscription;

        public string? Cursor { get; } = cursor;

        public string? EndCursor { get; } = endCursor;
    }
}
