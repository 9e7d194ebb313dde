using System.Net;
using System.Net.Http.Json;
using ConvexNotes.Api.Notes;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

/// <summary><c>GET /notes?limit=&amp;cursor=</c> against the emulator: pages walk every note once, bad paging parameters are 400s.</summary>
public sealed class NotesPagingTests(EmulatorFixture convex) : NotesApiTests(convex)
{
    [Fact]
    public async Task PagesWalkEveryNoteOnceNewestUpdatedFirstAndTheLastHasNoNextCursor()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Client.CreateNoteAsync($"{prefix} {i}")).Id);
        }

        // Other tests write to the same emulator meanwhile: new notes land before the cursor and never disturb the walk.
        var walked = new List<NoteResponse>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = cursor is null ? "/notes?limit=2" : $"/notes?limit=2&cursor={Uri.EscapeDataString(cursor)}";
            var page = (await Client.GetFromJsonAsync<NotesPageResponse>(url, Token))!;
            Assert.InRange(page.Notes.Count, 0, 2);
            walked.AddRange(page.Notes);
            cursor = page.NextCursor;
            Assert.True(++pages < 10_000, "the walk ends");
        }
        while (cursor is not null);

        Assert.Equal(walked.Count, walked.Select(n => n.Id).Distinct().Count());
        var mine = walked.Where(n => n.Title.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n.Id);
        Assert.Equal(Enumerable.Reverse(created), mine);
        Assert.True(walked.Zip(walked.Skip(1)).All(pair => pair.First.UpdatedAt >= pair.Second.UpdatedAt), "newest updated first");
    }

    [Fact]
    public async Task WithoutParametersTheWholeListIsAnArrayAndACursorAloneUsesTheDefaultLimit()
    {
        await Client.CreateNoteAsync("default limit");
        var all = await Client.ListNotesAsync();
        var first = (await Client.GetFromJsonAsync<NotesPageResponse>($"/notes?limit={NotesPageRequest.MaxLimit}", Token))!;
        Assert.NotNull(first.Notes);
        if (first.NextCursor is { } next)
        {
            var second = (await Client.GetFromJsonAsync<NotesPageResponse>($"/notes?cursor={Uri.EscapeDataString(next)}", Token))!;
            Assert.InRange(second.Notes.Count, 0, NotesPageRequest.DefaultLimit);
        }

        Assert.NotEmpty(all);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public async Task ALimitOutsideOneToAHundredIs400NamingIt(string limit)
    {
        using var response = await Client.GetAsync($"/notes?limit={Uri.EscapeDataString(limit)}", Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("c1.eyJxIjoiYSJ9.abc")]
    public async Task ACursorConvexDidNotIssueIs400(string cursor)
    {
        using var response = await Client.GetAsync($"/notes?limit=2&cursor={Uri.EscapeDataString(cursor)}", Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("cursor", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADamagedCursorIs400AndAnEmptyOneNamesTheParameter()
    {
        await Client.CreateNoteAsync("cursor source 1");
        await Client.CreateNoteAsync("cursor source 2");
        var page = (await Client.GetFromJsonAsync<NotesPageResponse>("/notes?limit=1", Token))!;
        var damaged = page.NextCursor![..^2] + (page.NextCursor[^2] == 'A' ? "BB" : "AA");

        using var response = await Client.GetAsync($"/notes?limit=1&cursor={Uri.EscapeDataString(damaged)}", Token);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);

        using var empty = await Client.GetAsync("/notes?limit=1&cursor=", Token);
        var problem = await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }
}
