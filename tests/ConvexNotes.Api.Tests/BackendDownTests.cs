using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using ConvexNotes.Api.Notes;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

/// <summary>Convex going away and coming back, with an emulator of its own that the tests stop, kill and restart.</summary>
public sealed class BackendDownTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private ConvexEmulator _emulator = null!;
    private NotesApiFactory _api = null!;
    private HttpClient _client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await ConvexEmulator.StartAsync(cancellationToken: Token);
        _api = new NotesApiFactory(_emulator.Url);
        _client = _api.CreateApiClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WhileConvexIsDownWritesAre503AndReadsServeTheLastListThenAllRecovers(bool crash)
    {
        var before = await _client.CreateNoteAsync("Before the outage");
        using var streamResponse = await _client.GetAsync("/notes/stream", HttpCompletionOption.ResponseHeadersRead, Token);
        using var stream = new SseReader(await streamResponse.Content.ReadAsStreamAsync(Token));
        await stream.ReadNotesUntilAsync(notes => notes.Any(note => note.Id == before.Id), s_timeout);

        if (crash)
        {
            await _emulator.KillAsync();
        }
        else
        {
            await _emulator.StopAsync(Token);
        }

        // A write sent in the instant before the client notices the socket is gone waits and may still be applied on
        // reconnect (the API says so in its 503). Once the client has noticed, writes are refused without being sent.
        await Poll.UntilAsync(
            async () => await _client.GetStringAsync("/health", Token) == "Degraded", "the API to notice the outage", s_timeout);
        using (var post = await _client.PostAsJsonAsync("/notes", new { title = "During the outage" }, Token))
        {
            await AssertUnavailableAsync(post);
        }

        using (var patch = await _client.PatchAsJsonAsync($"/notes/{before.Id}", new { title = "x" }, Token))
        {
            await AssertUnavailableAsync(patch);
        }

        using (var delete = await _client.DeleteAsync($"/notes/{before.Id}", Token))
        {
            await AssertUnavailableAsync(delete);
        }

        Assert.Contains(await _client.ListNotesAsync(), note => note.Id == before.Id);
        Assert.Equal(before, await _client.GetFromJsonAsync<NoteResponse>($"/notes/{before.Id}", Token));

        await _emulator.StartAgainAsync(Token);

        // The API was not restarted: its Convex client reconnects by itself, and the open stream carries on.
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await _client.PostAsJsonAsync("/notes", new { title = "After the outage" }, Token);
                return response.StatusCode == HttpStatusCode.Created;
            },
            "writes to work again",
            s_timeout);
        await stream.ReadNotesUntilAsync(notes => notes.Any(note => note.Title == "After the outage"), s_timeout);
        var notes = await _client.ListNotesAsync();
        Assert.Single(notes, note => note.Title == "After the outage");
        Assert.DoesNotContain(notes, note => note.Title == "During the outage");
        Assert.Equal("Healthy", await _client.GetStringAsync("/health", Token));
    }

    [Fact]
    public async Task EveryRouteIs503WhenConvexWasNeverReachable()
    {
        await using var api = new NotesApiFactory(new Uri($"http://127.0.0.1:{UnusedPort()}"));
        using var client = api.CreateApiClient();

        using (var list = await client.GetAsync("/notes", Token))
        {
            await AssertUnavailableAsync(list);
        }

        using (var get = await client.GetAsync("/notes/000000000000000000000010001notes", Token))
        {
            await AssertUnavailableAsync(get);
        }

        using (var stream = await client.GetAsync("/notes/stream", HttpCompletionOption.ResponseHeadersRead, Token))
        {
            await AssertUnavailableAsync(stream);
        }

        using (var post = await client.PostAsJsonAsync("/notes", new { title = "Nowhere to go" }, Token))
        {
            await AssertUnavailableAsync(post);
        }

        using var alive = await client.GetAsync("/alive", Token);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
