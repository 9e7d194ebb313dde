using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConvexNotes.Api.Notes;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

public sealed class NotesEndpointsTests(EmulatorFixture convex) : NotesApiTests(convex)
{
    [Fact]
    public async Task PostCreatesNoteWithLocationAndTrimmedTitle()
    {
        var before = DateTime.UtcNow.AddSeconds(-5);
        using var response = await Client.PostAsJsonAsync("/notes", new { title = "  Shopping  ", content = "milk\n eggs " }, Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var note = (await response.Content.ReadFromJsonAsync<NoteResponse>(Token))!;
        Assert.Equal($"/notes/{note.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Shopping", note.Title);
        Assert.Equal("milk\n eggs ", note.Content);
        Assert.Equal(DateTimeKind.Utc, note.CreatedAt.Kind);
        Assert.InRange(note.CreatedAt, before, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(note.CreatedAt, note.UpdatedAt);
    }

    [Fact]
    public async Task PostWithoutContentCreatesAnEmptyNote()
    {
        using var response = await Client.PostAsJsonAsync("/notes", new { title = "Title only" }, Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("", (await response.Content.ReadFromJsonAsync<NoteResponse>(Token))!.Content);
    }

    [Fact]
    public async Task NotesAreCamelCaseJsonWithIsoUtcTimestamps()
    {
        var created = await Client.CreateNoteAsync("Shape", "body");

        var json = await Client.GetStringAsync($"/notes/{created.Id}", Token);

        var note = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["id", "title", "content", "createdAt", "updatedAt"], note.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", note.GetProperty("createdAt").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", note.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task GetReturnsTheNote()
    {
        var created = await Client.CreateNoteAsync("Read me", "content");

        var note = await Client.GetFromJsonAsync<NoteResponse>($"/notes/{created.Id}", Token);

        Assert.Equal(created, note);
    }

    [Fact]
    public async Task ListReturnsNotesNewestUpdatedFirst()
    {
        var first = await Client.CreateNoteAsync("First");
        var second = await Client.CreateNoteAsync("Second");
        using (var patch = await Client.PatchAsJsonAsync($"/notes/{first.Id}", new { content = "touched" }, Token))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        var notes = await Client.ListNotesAsync();

        var ids = notes.Select(note => note.Id).ToList();
        Assert.True(ids.IndexOf(first.Id) < ids.IndexOf(second.Id), "The note updated last must come first.");
        Assert.Equal(notes.OrderByDescending(note => note.UpdatedAt).Select(note => note.Id), ids);
    }

    [Fact]
    public async Task PatchChangesOnlyTheGivenFieldsAndBumpsUpdatedAt()
    {
        var created = await Client.CreateNoteAsync("Before", "kept");

        using var response = await Client.PatchAsJsonAsync($"/notes/{created.Id}", new { title = " After " }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await response.Content.ReadFromJsonAsync<NoteResponse>(Token))!;
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal("After", updated.Title);
        Assert.Equal("kept", updated.Content);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.True(updated.UpdatedAt > created.UpdatedAt);
        Assert.Equal(updated, await Client.GetFromJsonAsync<NoteResponse>($"/notes/{created.Id}", Token));
    }

    [Fact]
    public async Task DeleteRemovesTheNote()
    {
        var created = await Client.CreateNoteAsync("Doomed");

        using var response = await Client.DeleteAsync($"/notes/{created.Id}", Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain(await Client.ListNotesAsync(), note => note.Id == created.Id);
        using var again = await Client.DeleteAsync($"/notes/{created.Id}", Token);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        using var get = await Client.GetAsync($"/notes/{created.Id}", Token);
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadsSeeTheWriteThatJustCompleted()
    {
        for (var i = 0; i < 10; i++)
        {
            var created = await Client.CreateNoteAsync($"Read your writes {i}");
            Assert.Contains(await Client.ListNotesAsync(), note => note.Id == created.Id);

            using (var patch = await Client.PatchAsJsonAsync($"/notes/{created.Id}", new { title = $"Changed {i}" }, Token))
            {
                Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            }

            Assert.Equal($"Changed {i}", (await Client.GetFromJsonAsync<NoteResponse>($"/notes/{created.Id}", Token))!.Title);

            using (var delete = await Client.DeleteAsync($"/notes/{created.Id}", Token))
            {
                Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            }

            Assert.DoesNotContain(await Client.ListNotesAsync(), note => note.Id == created.Id);
        }
    }
}
