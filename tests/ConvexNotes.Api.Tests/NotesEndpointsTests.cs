using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConvexNotes.Api.Notes;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

public sealed class NotesEndpointsTests(EmulatorFixture convex) : IAsyncLifetime
{
    private readonly NotesApiFactory _api = new(convex.Emulator.Url);
    private HttpClient _client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _api.CreateApiClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task PostCreatesNoteWithLocationAndTrimmedTitle()
    {
        var before = DateTime.UtcNow.AddSeconds(-5);
        using var response = await _client.PostAsJsonAsync("/notes", new { title = "  Shopping  ", content = "milk\n eggs " }, Token);

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
        using var response = await _client.PostAsJsonAsync("/notes", new { title = "Title only" }, Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("", (await response.Content.ReadFromJsonAsync<NoteResponse>(Token))!.Content);
    }

    [Fact]
    public async Task NotesAreCamelCaseJsonWithIsoUtcTimestamps()
    {
        var created = await _client.CreateNoteAsync("Shape", "body");

        var json = await _client.GetStringAsync($"/notes/{created.Id}", Token);

        var note = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["id", "title", "content", "createdAt", "updatedAt"], note.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", note.GetProperty("createdAt").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", note.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task GetReturnsTheNote()
    {
        var created = await _client.CreateNoteAsync("Read me", "content");

        var note = await _client.GetFromJsonAsync<NoteResponse>($"/notes/{created.Id}", Token);

        Assert.Equal(created, note);
    }

    [Fact]
    public async Task ListReturnsNotesNewestUpdatedFirst()
    {
        var first = await _client.CreateNoteAsync("First");
        var second = await _client.CreateNoteAsync("Second");
        using (var patch = await _client.PatchAsJsonAsync($"/notes/{first.Id}", new { content = "touched" }, Token))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        var notes = await _client.ListNotesAsync();

        var ids = notes.Select(note => note.Id).ToList();
        Assert.True(ids.IndexOf(first.Id) < ids.IndexOf(second.Id), "The note updated last must come first.");
        Assert.Equal(notes.OrderByDescending(note => note.UpdatedAt).Select(note => note.Id), ids);
    }

    [Fact]
    public async Task PatchChangesOnlyTheGivenFieldsAndBumpsUpdatedAt()
    {
        var created = await _client.CreateNoteAsync("Before", "kept");

        using var response = await _client.PatchAsJsonAsync($"/notes/{created.Id}", new { title = " After " }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await response.Content.ReadFromJsonAsync<NoteResponse>(Token))!;
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal("After", updated.Title);
        Assert.Equal("kept", updated.Content);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.True(updated.UpdatedAt > created.UpdatedAt);
        Assert.Equal(updated, await _client.GetFromJsonAsync<NoteResponse>($"/notes/{created.Id}", Token));
    }

    [Fact]
    public async Task DeleteRemovesTheNote()
    {
        var created = await _client.CreateNoteAsync("Doomed");

        using var response = await _client.DeleteAsync($"/notes/{created.Id}", Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain(await _client.ListNotesAsync(), note => note.Id == created.Id);
        using var again = await _client.DeleteAsync($"/notes/{created.Id}", Token);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        using var get = await _client.GetAsync($"/notes/{created.Id}", Token);
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadsSeeTheWriteThatJustCompleted()
    {
        for (var i = 0; i < 10; i++)
        {
            var created = await _client.CreateNoteAsync($"Read your writes {i}");
            Assert.Contains(await _client.ListNotesAsync(), note => note.Id == created.Id);

            using (var patch = await _client.PatchAsJsonAsync($"/notes/{created.Id}", new { title = $"Changed {i}" }, Token))
            {
                Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            }

            Assert.Equal($"Changed {i}", (await _client.GetFromJsonAsync<NoteResponse>($"/notes/{created.Id}", Token))!.Title);

            using (var delete = await _client.DeleteAsync($"/notes/{created.Id}", Token))
            {
                Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            }

            Assert.DoesNotContain(await _client.ListNotesAsync(), note => note.Id == created.Id);
        }
    }
}
