using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConvexNotes.Web.Tests;

/// <summary>
/// The page as a person sees it, on a deployment of its own so it shows only these notes: the picture in docs/web.png
/// is this test's output (bin/…/web.png), taken with the real browser.
/// </summary>
public sealed class ScreenshotTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task ThePageShowsTheNotesTheFormAndTheBadge()
    {
        await web.CreateNoteAsync("Groceries", "Milk, eggs, coffee beans.");
        await web.CreateNoteAsync("Ideas for the weekend", "Hike up the hill, then try the new bakery by the station.");
        await web.CreateNoteAsync("Release checklist", "Tag, push the functions, watch the dashboard.");
        var page = await web.OpenNotesPageAsync(height: 820);
        await Expect(page.GetByTestId("note")).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("notes-status")).ToHaveTextAsync("All notes shown");

        var file = Path.Combine(AppContext.BaseDirectory, "web.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        Assert.True(new FileInfo(file).Length > 10_000, "a screenshot with content");
    }
}
