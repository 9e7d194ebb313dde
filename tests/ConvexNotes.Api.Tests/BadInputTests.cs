using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

/// <summary>Every class of bad input gets its status and an application/problem+json body that says what is wrong.</summary>
public sealed class BadInputTests(EmulatorFixture convex) : NotesApiTests(convex)
{
    private const string UnknownId = "000000000000000000000099999notes";

    private string _existingId = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _existingId = (await Client.CreateNoteAsync("Target of bad requests")).Id;
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "malformed JSON", """{"title": "a",""" },
        { "not JSON at all", "title=a" },
        { "an array instead of an object", """["a"]""" },
        { "a number for the title", """{"title": 5}""" },
        { "an object for the content", """{"title": "a", "content": {}}""" },
        { "a null title", """{"title": null}""" },
        { "a missing title", """{"content": "a"}""" },
        { "an unknown field", """{"title": "a", "colour": "blue"}""" },
        { "a duplicated title", """{"title": "a", "title": "b"}""" },
        { "a duplicated content", """{"title": "a", "content": "x", "content": "y"}""" },
        { "an empty title", """{"title": ""}""" },
        { "a whitespace-only title", """{"title": " \t\n "}""" },
        { "a 201-character title", $$"""{"title": "{{new string('t', 201)}}"}""" },
        { "100,001 characters of content", $$"""{"title": "a", "content": "{{new string('c', 100_001)}}"}""" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostWithABadBodyIs400(string why, string body)
    {
        using var response = await Client.PostAsync("/notes", Json(body), Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(why));
        Assert.DoesNotContain("ConvexNotes.Api", problem.Detail(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadPatches => new()
    {
        { "malformed JSON", "{" },
        { "a number for the content", """{"content": 1}""" },
        { "an unknown field", """{"title": "a", "pinned": true}""" },
        { "a duplicated title", """{"title": "a", "title": "b"}""" },
        { "no field at all", "{}" },
        { "a whitespace-only title", """{"title": "   "}""" },
        { "a 201-character title", $$"""{"title": "{{new string('t', 201)}}"}""" },
        { "100,001 characters of content", $$"""{"content": "{{new string('c', 100_001)}}"}""" },
    };

    [Theory]
    [MemberData(nameof(BadPatches))]
    public async Task PatchWithABadBodyIs400(string why, string body)
    {
        using var response = await Client.PatchAsync($"/notes/{_existingId}", Json(body), Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public async Task UnknownFieldIsNamedInTheDetail()
    {
        using var response = await Client.PostAsync("/notes", Json("""{"title": "a", "colour": "blue"}"""), Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("colour", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADuplicatedFieldIsNamedInTheDetailAndNothingIsStored()
    {
        var title = $"dup {Guid.NewGuid():N}";
        using var response = await Client.PostAsync("/notes", Json($$"""{"title": "{{title}}", "title": "{{title}} again"}"""), Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'title' appears more than once", problem.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Client.ListNotesAsync(), note => note.Title.StartsWith(title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidationProblemsListTheFieldErrors()
    {
        using var response = await Client.PostAsync("/notes", Json("""{"title": "  "}"""), Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task EmptyBodyIs400()
    {
        using var empty = await Client.PostAsync("/notes", Json(""), Token);
        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest);

        using var noBody = new HttpRequestMessage(HttpMethod.Post, "/notes");
        using var response = await Client.SendAsync(noBody, Token);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);

        using var emptyPatch = await Client.PatchAsync($"/notes/{_existingId}", Json(""), Token);
        await ProblemAssert.IsProblemAsync(emptyPatch, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NonJsonContentTypeIs415()
    {
        using var response = await Client.PostAsync("/notes", new StringContent("""{"title": "a"}""", Encoding.UTF8, "text/plain"), Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyOver256KBIs413(bool chunked)
    {
        // Under 100,000 characters would be fine, so the size alone is what is refused: multi-byte characters.
        var content = new string('é', 140_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/notes")
        {
            Content = Json($$"""{"title": "big", "content": "{{content}}"}"""),
        };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await Client.SendAsync(request, Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("256 KB", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyJustUnder256KBIsAccepted()
    {
        var content = new string('x', 100_000);
        using var response = await Client.PostAsync("/notes", Json($$"""{"title": "edge", "content": "{{content}}"}"""), Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string> MalformedIds => new()
    {
        "not-an-id",
        "has%20space",
        "semi;colon",
        new string('a', 65),
        "%C3%A9t%C3%A9",
    };

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task MalformedIdIs400OnEveryRoute(string id)
    {
        using var get = await Client.GetAsync($"/notes/{id}", Token);
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.BadRequest);

        using var patch = await Client.PatchAsync($"/notes/{id}", Json("""{"title": "a"}"""), Token);
        await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.BadRequest);

        using var delete = await Client.DeleteAsync($"/notes/{id}", Token);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(UnknownId)]
    [InlineData("abc")]
    public async Task UnknownIdIs404OnEveryRoute(string id)
    {
        using var get = await Client.GetAsync($"/notes/{id}", Token);
        var problem = await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
        Assert.Contains(id, problem.Detail(), StringComparison.Ordinal);

        using var patch = await Client.PatchAsync($"/notes/{id}", Json("""{"title": "a"}"""), Token);
        await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.NotFound);

        using var delete = await Client.DeleteAsync($"/notes/{id}", Token);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethodAreProblemsToo()
    {
        using var missing = await Client.GetAsync("/nothing-here", Token);
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);

        using var put = await Client.PutAsync($"/notes/{_existingId}", Json("""{"title": "a"}"""), Token);
        await ProblemAssert.IsProblemAsync(put, HttpStatusCode.MethodNotAllowed);
    }

    private static StringContent Json(string body) =>
        new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
