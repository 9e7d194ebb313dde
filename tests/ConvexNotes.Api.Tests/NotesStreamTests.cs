using System.Net;
using System.Text.Json;
using ConvexKit.Client.Http;
using ConvexKit.Client.Values;
using ConvexNotes.Api.Notes;
using ConvexNotes.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConvexNotes.Api.Tests;

/// <summary>
/// The live stream, against an emulator of its own that records every WebSocket frame, so the tests can count the
/// subscriptions the API opens and no other test's notes arrive unannounced.
/// </summary>
public sealed class NotesStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly string _recordFile = Path.Combine(Path.GetTempPath(), $"convexnotes-api-stream-{Guid.NewGuid():N}.jsonl");
    private ConvexEmulator _emulator = null!;
    private NotesApiFactory _api = null!;
    private HttpClient _client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions { RecordFile = _recordFile }, Token);
        _api = new NotesApiFactory(_emulator.Url);
        _client = _api.CreateApiClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _emulator.DisposeAsync();
        File.Delete(_recordFile);
    }

    [Fact]
    public async Task StreamStartsWithTheCurrentList()
    {
        var created = await _client.CreateNoteAsync("Already there");

        using var response = await OpenStreamAsync();
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(Token));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var first = await stream.ReadAsync(Token).WaitAsync(s_timeout, Token);
        var notes = Assert.IsType<SseEvent>(first).Notes;
        Assert.Contains(notes, note => note.Id == created.Id && note.Title == "Already there");
    }

    [Fact]
    public async Task StreamDeliversAnotherClientsChanges()
    {
        using var response = await OpenStreamAsync();
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(Token));
        await stream.ReadNotesUntilAsync(_ => true, s_timeout);

        // Another program writes straight to Convex, not through this API.
        using var other = new ConvexHttpClient(_emulator.Url);
        var id = (await other.MutationAsync("notes:create", ConvexObject.Of(("title", "From elsewhere"), ("content", "hi")), Token)).AsString();
        var created = await stream.ReadNotesUntilAsync(notes => notes.Any(note => note.Id == id), s_timeout);
        Assert.Equal("From elsewhere", created.Single(note => note.Id == id).Title);

        await other.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", "Renamed elsewhere")), Token);
        await stream.ReadNotesUntilAsync(notes => notes.Any(note => note.Id == id && note.Title == "Renamed elsewhere"), s_timeout);

        await other.MutationAsync("notes:remove", ConvexObject.Of(("id", id)), Token);
        await stream.ReadNotesUntilAsync(notes => notes.All(note => note.Id != id), s_timeout);
    }

    [Fact]
    public async Task IdleStreamSendsHeartbeatComments()
    {
        using var response = await OpenStreamAsync();
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(Token));
        await stream.ReadNotesUntilAsync(_ => true, s_timeout);

        for (var i = 0; i < 2; i++)
        {
            var message = await stream.ReadAsync(Token).WaitAsync(s_timeout, Token);
            Assert.Equal(new SseComment("heartbeat"), message);
        }
    }

    [Fact]
    public async Task AllListenersShareOneSubscription()
    {
        var responses = new List<HttpResponseMessage>();
        var streams = new List<SseReader>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var response = await OpenStreamAsync();
                responses.Add(response);
                streams.Add(new SseReader(await response.Content.ReadAsStreamAsync(Token)));
                await streams[i].ReadNotesUntilAsync(_ => true, s_timeout);
            }

            var created = await _client.CreateNoteAsync("Seen by all");
            foreach (var stream in streams)
            {
                await stream.ReadNotesUntilAsync(notes => notes.Any(note => note.Id == created.Id), s_timeout);
            }

            Assert.Equal(1, CountListSubscriptions());
        }
        finally
        {
            streams.ForEach(stream => stream.Dispose());
            responses.ForEach(response => response.Dispose());
        }
    }

    [Fact]
    public async Task StreamEndsWhenTheListenerGoes()
    {
        var feed = _api.Services.GetRequiredService<NotesFeed>();
        using (var response = await OpenStreamAsync())
        using (var stream = new SseReader(await response.Content.ReadAsStreamAsync(Token)))
        {
            await stream.ReadNotesUntilAsync(_ => true, s_timeout);
            Assert.Equal(1, feed.ListenerCount);
        }

        await Poll.UntilAsync(() => feed.ListenerCount == 0, "the listener to be removed", s_timeout);
    }

    [Fact]
    public async Task StreamEndsWhenTheApplicationStops()
    {
        using var response = await OpenStreamAsync();
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(Token));
        await stream.ReadNotesUntilAsync(_ => true, s_timeout);

        var stopped = _api.DisposeAsync().AsTask();

        // The stream ends (rather than holding the shutdown for its timeout) and then the host is gone.
        while (await stream.ReadAsync(Token).WaitAsync(s_timeout, Token) is SseComment)
        {
        }

        await stopped.WaitAsync(s_timeout, Token);
    }

    private async Task<HttpResponseMessage> OpenStreamAsync()
    {
        var response = await _client.GetAsync("/notes/stream", HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    /// <summary>Counts the <c>notes:list</c> subscriptions the API asked the emulator for, from its frame recording.</summary>
    private int CountListSubscriptions() => File.ReadLines(_recordFile)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Where(entry => entry.TryGetProperty("dir", out var dir) && dir.GetString() == "in")
        .Select(entry => entry.GetProperty("frame"))
        .Where(frame => frame.ValueKind == JsonValueKind.Object && frame.GetProperty("type").GetString() == "ModifyQuerySet")
        .SelectMany(frame => frame.GetProperty("modifications").EnumerateArray())
        .Count(modification => modification.GetProperty("type").GetString() == "Add"
            && modification.GetProperty("udfPath").GetString() is "notes:list" or "notes.js:list");
}
