using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConvexNotes.Web.Tests;

/// <summary>
/// ConvexNotes.Web in a real browser against the emulator: live updates between pages, create, edit and delete, the
/// ConvexError of a bad field next to it, infinite scrolling, and the connection badge across a Convex outage.
/// </summary>
public sealed class NotesPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions s_live = new() { Timeout = 2_000 };

    [Fact]
    public async Task ANoteCreatedInOnePageAppearsInTheOtherWithinTwoSeconds()
    {
        var writer = await web.OpenNotesPageAsync();
        var reader = await web.OpenNotesPageAsync();
        var title = $"shared {Guid.NewGuid():N}";

        await writer.Locator("[data-testid=new-note] [data-testid=title] input").FillAsync(title);
        await writer.Locator("[data-testid=new-note] [data-testid=content] textarea").FillAsync("typed in the first page");
        var clock = Stopwatch.StartNew();
        await writer.Locator("[data-testid=new-note] [data-testid=save]").ClickAsync();

        await Expect(Card(writer, title)).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(Card(reader, title)).ToBeVisibleAsync(s_live);
        TestContext.Current.SendDiagnosticMessage($"Created in one page, shown in the other after {clock.ElapsedMilliseconds} ms");
        await Expect(Card(reader, title).GetByTestId("note-content")).ToHaveTextAsync("typed in the first page");
        await Expect(writer.Locator("[data-testid=new-note] [data-testid=title] input")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task EditingAndDeletingShowInEveryPage()
    {
        var editor = await web.OpenNotesPageAsync();
        var watcher = await web.OpenNotesPageAsync();
        var title = $"to edit {Guid.NewGuid():N}";
        await web.CreateNoteAsync(title, "first version");
        await Expect(Card(editor, title)).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await Card(editor, title).GetByTestId("edit").ClickAsync();
        var form = editor.GetByTestId("edit-note");
        // As a person would: type once the form shows the note (the input gets its first value after it appears).
        await Expect(form.Locator("[data-testid=title] input")).ToHaveValueAsync(title, new() { Timeout = 10_000 });
        await Expect(form.Locator("[data-testid=content] textarea")).ToHaveValueAsync("first version");
        await form.Locator("[data-testid=title] input").FillAsync(title + " edited");
        await form.Locator("[data-testid=content] textarea").FillAsync("second version");
        await form.GetByTestId("save").ClickAsync();

        var edited = Card(watcher, title + " edited");
        await Expect(edited).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(edited.GetByTestId("note-content")).ToHaveTextAsync("second version");
        await Expect(editor.GetByTestId("edit-note")).ToHaveCountAsync(0);

        await Card(editor, title + " edited").GetByTestId("delete").ClickAsync();
        await Expect(Card(watcher, title + " edited")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(Card(editor, title + " edited")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnInvalidTitleShowsConvexsErrorNextToTheTitleAndCreatesNothing()
    {
        var page = await web.OpenNotesPageAsync();
        var before = await page.GetByTestId("note").CountAsync();

        await page.Locator("[data-testid=new-note] [data-testid=title] input").FillAsync("   ");
        await page.Locator("[data-testid=new-note] [data-testid=save]").ClickAsync();

        var titleField = page.Locator("[data-testid=new-note] [data-testid=title]");
        var message = page.GetByTestId("new-note").GetByText("Title must not be empty. (INVALID_ARGUMENT)");
        await Expect(message).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // Next to the field: the message sits right under the title input, above the content field.
        var field = await titleField.BoundingBoxAsync();
        var shown = await message.BoundingBoxAsync();
        var content = await page.Locator("[data-testid=new-note] [data-testid=content]").BoundingBoxAsync();
        Assert.True(shown!.Y >= field!.Y && shown.Y < content!.Y, $"message at y={shown.Y}, title at y={field.Y}, content at y={content!.Y}");
        Assert.Equal(before, await page.GetByTestId("note").CountAsync());
    }

    [Fact]
    public async Task ScrollingToTheEndLoadsTheNextPage()
    {
        for (var i = 0; i < 3 * WebFixture.PageSize; i++)
        {
            await web.CreateNoteAsync($"scroll {i:D2}", "A note to scroll past.");
        }

        var page = await web.OpenNotesPageAsync(height: 500);
        var notes = page.GetByTestId("notes");
        await Expect(notes).ToHaveAttributeAsync("data-count", WebFixture.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("notes-status")).ToHaveTextAsync("Scroll for more");

        await page.GetByTestId("scroll-sentinel").ScrollIntoViewIfNeededAsync();
        await Expect(notes).ToHaveAttributeAsync("data-count", (2 * WebFixture.PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 10_000 });
        var titles = await page.GetByTestId("note-title").AllTextContentsAsync();
        Assert.Equal(titles.Count, titles.Distinct().Count());
    }

    [Fact]
    public async Task WhileConvexIsDownTheBadgeSaysReconnectingAndOnceBackThePageIsLiveWithItsNotes()
    {
        var title = $"survives {Guid.NewGuid():N}";
        await web.CreateNoteAsync(title);
        var page = await web.OpenNotesPageAsync();
        await Expect(Card(page, title)).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var count = await page.GetByTestId("notes").GetAttributeAsync("data-count");

        await web.Emulator.StopAsync(TestContext.Current.CancellationToken);
        var badge = page.GetByTestId("connection");
        await Expect(badge).ToHaveTextAsync("Reconnecting", new() { Timeout = 30_000 });
        await Expect(Card(page, title)).ToBeVisibleAsync();

        await web.Emulator.StartAgainAsync(TestContext.Current.CancellationToken);
        await Expect(badge).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await Expect(Card(page, title)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("notes")).ToHaveAttributeAsync("data-count", count!);
    }

    private static ILocator Card(IPage page, string title) =>
        page.GetByTestId("note").Filter(new() { Has = page.GetByTestId("note-title").GetByText(title, new() { Exact = true }) });
}
