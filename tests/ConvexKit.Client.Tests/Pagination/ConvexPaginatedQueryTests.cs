using ConvexKit.Client.Pagination;
using ConvexKit.Client.Values;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Pagination;

/// <summary>
/// The paginated subscription against the real emulator running convex/notes.ts's notes:page (a test double of
/// Convex that paginates as the backend does), each test with an emulator of its own so note counts are exact.
/// </summary>
public sealed class ConvexPaginatedQueryTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadMoreWalksEveryNoteNewestUpdatedFirstAndEndsExhausted()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = NewClient(emulator);
        await CreateNotesAsync(client, "walk", 5);

        await using var notes = client.SubscribePaginated("notes:page", null, initialNumItems: 2);
        var result = await UntilAsync(notes, r => r.Status == ConvexPaginationStatus.CanLoadMore);
        Assert.Equal(2, result.Items.Length);
        while (result.Status == ConvexPaginationStatus.CanLoadMore)
        {
            Assert.True(notes.LoadMore(2));
            Assert.Equal(ConvexPaginationStatus.LoadingMore, notes.Current.Status);
            result = await UntilAsync(notes, r => r.Status != ConvexPaginationStatus.LoadingMore);
        }

        Assert.Equal(ConvexPaginationStatus.Exhausted, result.Status);
        Assert.False(notes.LoadMore(2));
        Assert.Equal(await ListedIdsAsync(client), Ids(result));
    }

    // The page must still be loading when the second load is tried, however fast the server answers: a token fetch
    // that has not returned yet holds the client's query changes back (as the JavaScript client's auth pause does).
    [Fact]
    public async Task ASecondLoadWaitsForThePageBeingLoaded()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = NewClient(emulator);
        await CreateNotesAsync(client, "wait", 5);
        await using var notes = client.SubscribePaginated("notes:page", null, initialNumItems: 2);
        await UntilAsync(notes, r => r.Status == ConvexPaginationStatus.CanLoadMore);

        var fetching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.SetAuth(async (_, _) =>
        {
            fetching.TrySetResult();
            return await token.Task;
        });
        await fetching.Task.WaitAsync(s_wait, Token);

        Assert.True(notes.LoadMore(2));
        Assert.Equal(ConvexPaginationStatus.LoadingMore, notes.Current.Status);
        Assert.False(notes.LoadMore(2), "a second load waits for the page being loaded");

        token.SetResult(null); // No token: the client goes on anonymously and sends the new page.
        var result = await UntilAsync(notes, r => r.Status != ConvexPaginationStatus.LoadingMore);
        Assert.Equal(4, result.Items.Length);
        Assert.True(notes.LoadMore(2));
    }

    [Fact]
    public async Task PagesKeepTheirEndsSoNotesNeverJumpBetweenPagesAndNothingIsLostOrRepeated()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = NewClient(emulator);
        var created = await CreateNotesAsync(client, "pin", 4);

        await using var notes = client.SubscribePaginated("notes:page", null, initialNumItems: 2);
        await UntilAsync(notes, r => r.Status == ConvexPaginationStatus.CanLoadMore);
        Assert.True(notes.LoadMore(2));
        await UntilAsync(notes, r => r.Items.Length == 4 && r.Status != ConvexPaginationStatus.LoadingMore);

        // A new note lands on the first page, which grows: the second page still starts where it started.
        var fresh = await CreateNotesAsync(client, "pin new", 1);
        var grown = await UntilAsync(notes, r => Ids(r).Contains(fresh[0]));
        Assert.Equal(2, grown.PageCount);
        Assert.Equal(await ListedIdsAsync(client), Ids(grown));

        // Editing the oldest note moves it from the last page to the top; it is shown once, in its new place.
        await client.MutationAsync("notes:update", ConvexObject.Of(("id", created[0]), ("content", "edited")), Token).WaitAsync(s_wait, Token);
        var moved = await UntilAsync(notes, r => r.Items.Length == 5 && Ids(r)[0] == created[0]);
        Assert.Equal(await ListedIdsAsync(client), Ids(moved));
        Assert.Equal(5, Ids(moved).Distinct().Count());
    }

    [Fact]
    public async Task APageThatOutgrowsTwiceThePageSizeIsSplitInTwo()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = NewClient(emulator);
        await CreateNotesAsync(client, "split", 3);
        await using var notes = client.SubscribePaginated("notes:page", null, initialNumItems: 2);
        await UntilAsync(notes, r => r.Status == ConvexPaginationStatus.CanLoadMore);

        await CreateNotesAsync(client, "split more", 4);
        // The first page grew to 6 notes (> 2 × 2): it is replaced by two pages over the same range.
        var split = await UntilAsync(notes, r => r.PageCount == 2 && r.Items.Length == 6);
        Assert.Equal((await ListedIdsAsync(client)).Take(6), Ids(split));
        Assert.Equal(ConvexPaginationStatus.CanLoadMore, split.Status);
    }

    [Fact]
    public async Task AcrossAnEmulatorRestartThePagesComeBackWithTheSameEnds()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = NewClient(emulator);
        await CreateNotesAsync(client, "restart", 5);
        await using var notes = client.SubscribePaginated("notes:page", null, initialNumItems: 2);
        await UntilAsync(notes, r => r.Status == ConvexPaginationStatus.CanLoadMore);
        Assert.True(notes.LoadMore(2));
        var before = await UntilAsync(notes, r => r.Items.Length == 4 && r.Status == ConvexPaginationStatus.CanLoadMore);

        await emulator.KillAsync().WaitAsync(s_wait, Token);
        await client.WatchConnectionState(Token).FirstAsync(s => s == ConvexConnectionState.Reconnecting, Token).AsTask().WaitAsync(s_wait, Token);
        await emulator.StartAgainAsync(Token).WaitAsync(s_wait, Token);
        await client.WatchConnectionState(Token).FirstAsync(s => s == ConvexConnectionState.Connected, Token).AsTask().WaitAsync(s_wait, Token);

        // Resubscribed with their journals, the pages end where they ended: a note created now grows the first page.
        var fresh = await CreateNotesAsync(client, "restart new", 1);
        var after = await UntilAsync(notes, r => Ids(r).Contains(fresh[0]));
        Assert.Equal([fresh[0], .. Ids(before)], Ids(after));
        Assert.Equal(ConvexPaginationStatus.CanLoadMore, after.Status);
    }

    [Fact]
    public async Task AQueryThatDoesNotPaginateIsAFailureNotAnEmptyList()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = NewClient(emulator);
        await using var notes = client.SubscribePaginated("notes:list", null, initialNumItems: 2);
        var failed = await UntilAsync(notes, r => r.Failure is not null);
        Assert.Contains("ArgumentValidationError", failed.Failure!.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(failed.Items);
        Assert.False(notes.LoadMore(2));
        Assert.Throws<ArgumentException>(() => client.SubscribePaginated("notes:page", ConvexObject.Of(("paginationOpts", 1)), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.SubscribePaginated("notes:page", null, 0));
    }

    [Fact]
    public async Task DisposingEndsTheEnumerationAndUnsubscribesEveryPage()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = NewClient(emulator);
        await CreateNotesAsync(client, "dispose", 3);
        var notes = client.SubscribePaginated("notes:page", null, initialNumItems: 1);
        await UntilAsync(notes, r => r.Status == ConvexPaginationStatus.CanLoadMore);
        Assert.True(notes.LoadMore(1));
        await UntilAsync(notes, r => r.Items.Length == 2);
        await notes.DisposeAsync();

        var after = new List<ConvexPaginatedResult>();
        await foreach (var result in notes.WithCancellation(Token))
        {
            after.Add(result);
        }

        Assert.Single(after);
        Assert.False(notes.LoadMore(1));
    }

    private static Task<ConvexEmulator> StartEmulatorAsync() =>
        ConvexEmulator.StartAsync(new ConvexEmulatorOptions(), Token).WaitAsync(s_wait, Token);

    private static ConvexClient NewClient(ConvexEmulator emulator) =>
        new(emulator.Url, new ConvexClientOptions { Timeout = s_wait, MaxReconnectDelay = TimeSpan.FromSeconds(1) });

    private static async Task<List<string>> CreateNotesAsync(ConvexClient client, string title, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await client.MutationAsync("notes:create", ConvexObject.Of(("title", $"{title} {i}"), ("content", "")), Token).WaitAsync(s_wait, Token);
            ids.Add(id.AsString());
        }

        return ids;
    }

    private static async Task<List<string>> ListedIdsAsync(ConvexClient client) =>
        [.. (await client.QueryAsync("notes:list", null, Token).WaitAsync(s_wait, Token)).AsArray().Select(n => n["_id"].AsString())];

    private static List<string> Ids(ConvexPaginatedResult result) => [.. result.Items.Select(n => n["_id"].AsString())];

    private static async Task<ConvexPaginatedResult> UntilAsync(ConvexPaginatedQuery query, Func<ConvexPaginatedResult, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(s_wait);
        ConvexPaginatedResult? last = null;
        try
        {
            await foreach (var result in query.WithCancellation(timeout.Token))
            {
                last = result;
                if (predicate(result))
                {
                    return result;
                }
            }
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"No matching result within {s_wait}; the last was {last}.");
    }
}
