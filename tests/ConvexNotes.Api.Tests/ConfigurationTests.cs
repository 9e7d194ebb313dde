using System.Net;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

/// <summary>The connection to Convex comes from <c>ConnectionStrings:convex</c>, in either of its forms.</summary>
public sealed class ConfigurationTests(EmulatorFixture convex)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABareUrlConnectionStringWorks()
    {
        await using var api = new NotesApiFactory(convex.Emulator.Url.AbsoluteUri);
        using var client = api.CreateApiClient();

        var created = await client.CreateNoteAsync("Via a bare URL");

        Assert.Contains(await client.ListNotesAsync(), note => note.Id == created.Id);
    }

    [Fact]
    public async Task TheEndpointAndSiteEndpointFormWorks()
    {
        await using var api = new NotesApiFactory($"Endpoint={convex.Emulator.Url};SiteEndpoint={convex.Emulator.SiteUrl}");
        using var client = api.CreateApiClient();

        using var response = await client.GetAsync("/notes", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Production, so appsettings.Development.json's local default does not fill the gap.
    [Fact]
    public async Task AMissingConnectionStringStopsStartUpNamingTheKeyToSet()
    {
        await using var api = new NotesApiFactory(connectionString: "", environment: "Production");

        var error = Assert.Throws<InvalidOperationException>(() => api.CreateApiClient());

        Assert.Contains("ConnectionStrings:convex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedConnectionStringStopsStartUpWithoutQuotingIt()
    {
        await using var api = new NotesApiFactory(connectionString: "Endpoint=nowhere;AdminKey=do-not-print", environment: "Production");

        var error = Assert.Throws<InvalidOperationException>(() => api.CreateApiClient());

        Assert.Contains("ConnectionStrings:convex", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-print", error.ToString(), StringComparison.Ordinal);
    }
}
