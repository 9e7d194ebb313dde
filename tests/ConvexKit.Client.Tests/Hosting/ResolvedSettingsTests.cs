using ConvexKit.Client.Hosting;
using ConvexKit.Client.Http;
using ConvexKit.Client.Tests.Http;
using ConvexKit.Client.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>The settings the integration resolved, registered next to the clients so services can reach the site URL.</summary>
public sealed class ResolvedSettingsTests(AdminEmulatorFixture fixture) : IClassFixture<AdminEmulatorFixture>
{
    private const string A = "http://127.0.0.1:1001/";
    private const string B = "http://127.0.0.1:1002/";
    private const string C = "http://127.0.0.1:1003/";

    [Theory]
    [InlineData(null)]
    [InlineData("convex")]
    public void TheResolvedSettingsAreAServiceKeyedLikeTheClients(string? key)
    {
        var builder = TestHost.Builder(
            ("ConnectionStrings:convex", $"Endpoint={A};SiteEndpoint={B}"),
            ("Aspire:Convex:Client:HealthCheckTimeout", "00:00:03"));
        builder.AddClient(key, settings => settings.DisableTracing = true);
        using var host = builder.Build();

        var settings = host.Resolve<ConvexClientSettings>(key);

        Assert.Same(settings, host.Resolve<ConvexClientSettings>(key));
        Assert.Equal((new Uri(A), new Uri(B)), (settings.Endpoint, settings.SiteEndpoint));
        Assert.Equal(TimeSpan.FromSeconds(3), settings.HealthCheckTimeout);
        Assert.True(settings.DisableTracing);
        if (key is null)
        {
            Assert.Null(host.Services.GetKeyedService<ConvexClientSettings>("convex"));
        }
        else
        {
            Assert.Null(host.Services.GetService<ConvexClientSettings>());
        }
    }

    [Fact]
    public void EachKeyedClientHasItsOwnSettings()
    {
        var builder = TestHost.Builder(("ConnectionStrings:notes", $"Endpoint={A};SiteEndpoint={B}"), ("ConnectionStrings:audit", C));
        builder.AddKeyedConvexClient("notes");
        builder.AddKeyedConvexClient("audit");
        using var host = builder.Build();

        Assert.Equal(new Uri(B), host.Resolve<ConvexClientSettings>("notes").SiteEndpoint);
        Assert.Equal(new Uri(C), host.Resolve<ConvexClientSettings>("audit").Endpoint);
        Assert.Null(host.Resolve<ConvexClientSettings>("audit").SiteEndpoint);
    }

    [Fact]
    public void ChangingTheRegisteredSettingsChangesNoClient()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", $"Endpoint={A};AdminKey=key-a"));
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        var settings = host.Resolve<ConvexClientSettings>(null);
        settings.Endpoint = new Uri(C);
        settings.AdminKey = null;

        Assert.Equal(new Uri(A), host.Resolve<ConvexHttpClient>(null).DeploymentUrl);
        Assert.Equal(new Uri(A), host.Resolve<ConvexClient>(null).DeploymentUrl);
    }

    [Fact]
    public async Task AServiceCallsTheDeploymentsHttpActionsAtTheSiteEndpoint()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", $"Endpoint={fixture.Url};SiteEndpoint={fixture.Emulator.SiteUrl}"));
        builder.AddConvexClient("convex");
        builder.Services.AddHttpClient<NotesSite>();
        using var host = builder.Build();
        var title = $"from the site {Guid.NewGuid():N}";

        await host.Resolve<ConvexHttpClient>(null).MutationAsync("notes:create", ConvexObject.Of(("title", title), ("content", "via HTTP actions")), Ct)
            .WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var notes = await host.Services.GetRequiredService<NotesSite>().ListAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Contains($"\"title\":\"{title}\"", notes, StringComparison.Ordinal);
    }

    /// <summary>What an application service does with the settings: call <c>GET /notes</c> of <c>convex/http.ts</c>.</summary>
    private sealed class NotesSite(HttpClient http, ConvexClientSettings convex)
    {
        public Task<string> ListAsync(CancellationToken cancellationToken) =>
            http.GetStringAsync(new Uri(convex.SiteEndpoint ?? throw new InvalidOperationException("No SiteEndpoint."), "notes"), cancellationToken);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
