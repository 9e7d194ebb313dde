using System.Net;
using System.Text.Json;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

public sealed class ApiDocsTests(EmulatorFixture convex)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiDocumentDescribesEveryRoute()
    {
        await using var api = new NotesApiFactory(convex.Emulator.Url);
        using var client = api.CreateApiClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Token)).RootElement;

        var paths = document.GetProperty("paths");
        Assert.Equal(["get", "post"], Operations(paths, "/notes"));
        Assert.Equal(["get", "patch", "delete"], Operations(paths, "/notes/{id}"));
        Assert.Equal(["get"], Operations(paths, "/notes/stream"));
        var stream = paths.GetProperty("/notes/stream").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.True(stream.GetProperty("content").TryGetProperty("text/event-stream", out _));
        var note = document.GetProperty("components").GetProperty("schemas").GetProperty("NoteResponse").GetProperty("properties");
        Assert.Equal(["id", "title", "content", "createdAt", "updatedAt"], note.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task InteractivePageIsServedFromTheAppItself()
    {
        await using var api = new NotesApiFactory(convex.Emulator.Url);
        using var client = api.CreateApiClient();

        var html = await client.GetStringAsync("/scalar/", Token);

        Assert.Contains("<script src=\"scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        using var script = await client.GetAsync("/scalar/scalar.js", Token);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task DocumentAndPageAreOnlyServedInDevelopment()
    {
        await using var api = new NotesApiFactory(convex.Emulator.Url, environment: "Production");
        using var client = api.CreateApiClient();

        using var document = await client.GetAsync("/openapi/v1.json", Token);
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        using var page = await client.GetAsync("/scalar/", Token);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task HealthEndpointsAnswer()
    {
        await using var api = new NotesApiFactory(convex.Emulator.Url);
        using var client = api.CreateApiClient();

        // Healthy once the live list has arrived (right after start-up it may not have yet).
        await Poll.UntilAsync(
            async () => await client.GetStringAsync("/health", Token) == "Healthy", "the API to be healthy");
        using var alive = await client.GetAsync("/alive", Token);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static IEnumerable<string> Operations(JsonElement paths, string path) =>
        paths.GetProperty(path).EnumerateObject().Select(operation => operation.Name);
}
