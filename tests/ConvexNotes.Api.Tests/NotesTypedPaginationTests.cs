using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client;
using ConvexKit.Client.Functions;
using ConvexKit.Client.Pagination;
using ConvexNotes.Notes;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

/// <summary>A live paginated subscription through the generated reference <c>ConvexApi.Notes.Page</c>, items read as the generated <c>NotesDocument</c>.</summary>
public sealed class NotesTypedPaginationTests(EmulatorFixture convex)
{
    private static readonly JsonTypeInfo<NotesDocument> s_note =
        (JsonTypeInfo<NotesDocument>)ConvexFunctionsJsonContext.Default.GetTypeInfo(typeof(NotesDocument))!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesComeThroughTheGeneratedReferenceAndLoadMore()
    {
        await using var client = new ConvexClient(convex.Emulator.Url);
        for (var i = 0; i < 3; i++)
        {
            await client.MutationAsync(ConvexApi.Notes.Create, new() { Title = $"typed page {i}", Content = "paged" }, Token);
        }

        await using var notes = client.SubscribePaginated(ConvexApi.Notes.Page, new() { PaginationOpts = new() { NumItems = 2, Cursor = null } });
        var first = await NextAsync(notes, result => result.Status != ConvexPaginationStatus.LoadingFirstPage);

        var firstItems = first.GetItems(s_note);
        Assert.Equal(2, firstItems.Length);
        Assert.Equal(ConvexPaginationStatus.CanLoadMore, first.Status);

        Assert.True(notes.LoadMore(2));
        var more = await NextAsync(notes, result => result.Status != ConvexPaginationStatus.LoadingMore && result.PageCount == 2);
        var items = more.GetItems(s_note);
        // Other tests write notes at the same time, so only the shape is certain: two pages, newest updated first, each note once.
        Assert.True(items.Length >= 3, $"{items.Length} notes after loading a second page");
        Assert.Equal(items.Length, items.Select(note => note.Id).Distinct().Count());
        Assert.Equal(items.OrderByDescending(note => note.UpdatedAt).Select(note => note.Id), items.Select(note => note.Id));
        Assert.All(items, note => Assert.False(string.IsNullOrEmpty(note.Title)));
    }

    [Fact]
    public async Task FirstPageArgumentsAreChecked()
    {
        await using var client = new ConvexClient(convex.Emulator.Url);

        var cursor = Assert.Throws<ArgumentException>(
            () => client.SubscribePaginated(ConvexApi.Notes.Page, new() { PaginationOpts = new() { NumItems = 2, Cursor = "abc" } }));
        var size = Assert.Throws<ArgumentException>(
            () => client.SubscribePaginated(ConvexApi.Notes.Page, new() { PaginationOpts = new() { NumItems = 0.5, Cursor = null } }));
        var notPaginated = Assert.Throws<ArgumentException>(
            () => client.SubscribePaginated(ConvexApi.Notes.Get, new() { Id = "x" }));

        Assert.Contains("cursor must be null", cursor.Message, StringComparison.Ordinal);
        Assert.Contains("numItems", size.Message, StringComparison.Ordinal);
        Assert.Contains("notes:get takes no paginationOpts", notPaginated.Message, StringComparison.Ordinal);
    }

    private static async Task<ConvexPaginatedResult> NextAsync(ConvexPaginatedQuery notes, Func<ConvexPaginatedResult, bool> until)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var result in notes.WithCancellation(timeout.Token))
        {
            if (until(result))
            {
                return result;
            }
        }

        throw new InvalidOperationException("The paginated query ended.");
    }
}
