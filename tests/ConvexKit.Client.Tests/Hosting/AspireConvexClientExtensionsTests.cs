using ConvexKit.Client.Hosting;
using ConvexKit.Client.Http;
using ConvexKit.Client.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>Registration of <c>AddConvexClient</c> / <c>AddKeyedConvexClient</c>: what resolves, and which setting wins.</summary>
public sealed class AspireConvexClientExtensionsTests
{
    private const string A = "http://127.0.0.1:1001/";
    private const string B = "http://127.0.0.1:1002/";
    private const string C = "http://127.0.0.1:1003/";
    private const string D = "http://127.0.0.1:1004/";

    [Theory]
    [InlineData(null)]
    [InlineData("convex")]
    public void BothClientsResolveAsSingletonsForTheConfiguredDeployment(string? key)
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", $"Endpoint={A};SiteEndpoint={B}"));
        builder.AddClient(key);
        using var app = builder.Build();

        var client = app.Resolve<ConvexClient>(key);
        var http = app.Resolve<ConvexHttpClient>(key);

        Assert.Same(client, app.Resolve<ConvexClient>(key));
        Assert.Same(http, app.Resolve<ConvexHttpClient>(key));
        Assert.Equal(new Uri(A), client.DeploymentUrl);
        Assert.Equal(new Uri(A), http.DeploymentUrl);
        if (key is null)
        {
            Assert.Null(app.Services.GetKeyedService<ConvexClient>("convex"));
        }
        else
        {
            Assert.Null(app.Services.GetService<ConvexClient>());
        }
    }

    [Fact]
    public void KeyedClientsForTwoDeploymentsAreSeparate()
    {
        var builder = TestHost.Builder(("ConnectionStrings:notes", A), ("ConnectionStrings:audit", B));
        builder.AddKeyedConvexClient("notes");
        builder.AddKeyedConvexClient("audit");
        using var host = builder.Build();

        Assert.Equal(new Uri(A), host.Resolve<ConvexHttpClient>("notes").DeploymentUrl);
        Assert.Equal(new Uri(B), host.Resolve<ConvexHttpClient>("audit").DeploymentUrl);
    }

    // Each layer overrides the ones before: the section, the named section, the connection string, the delegate.
    [Theory]
    [InlineData(A, null, null, null, A)]
    [InlineData(A, B, null, null, B)]
    [InlineData(null, B, null, null, B)]
    [InlineData(A, null, C, null, C)]
    [InlineData(A, B, C, null, C)]
    [InlineData(A, B, C, D, D)]
    [InlineData(null, null, null, D, D)]
    [InlineData(A, B, null, D, D)]
    public void SettingsLayersOverrideEachOtherInAspireOrder(string? section, string? namedSection, string? connectionString, string? fromDelegate, string expected)
    {
        foreach (var key in new string?[] { null, "convex" })
        {
            var builder = TestHost.Builder(
                ("Aspire:Convex:Client:Endpoint", section),
                ("Aspire:Convex:Client:convex:Endpoint", namedSection),
                ("ConnectionStrings:convex", connectionString));
            builder.AddClient(key, settings =>
            {
                if (fromDelegate is not null)
                {
                    settings.Endpoint = new Uri(fromDelegate);
                }
            });
            using var host = builder.Build();

            Assert.Equal(new Uri(expected), host.Resolve<ConvexHttpClient>(key).DeploymentUrl);
        }
    }

    [Fact]
    public void EveryPropertyBindsFromTheConfigurationSection()
    {
        ConvexClientSettings? seen = null;
        var builder = TestHost.Builder(
            ("Aspire:Convex:Client:Endpoint", A),
            ("Aspire:Convex:Client:SiteEndpoint", B),
            ("Aspire:Convex:Client:AdminKey", "key-from-config"),
            ("Aspire:Convex:Client:DisableHealthChecks", "true"),
            ("Aspire:Convex:Client:HealthCheckTimeout", "00:00:03"),
            ("Aspire:Convex:Client:DisableTracing", "true"),
            ("Aspire:Convex:Client:convex:DisableMetrics", "true"));

        builder.AddConvexClient("convex", settings => seen = settings);

        Assert.NotNull(seen);
        Assert.Equal(new Uri(A), seen.Endpoint);
        Assert.Equal(new Uri(B), seen.SiteEndpoint);
        Assert.Equal("key-from-config", seen.AdminKey);
        Assert.True(seen.DisableHealthChecks);
        Assert.Equal(TimeSpan.FromSeconds(3), seen.HealthCheckTimeout);
        Assert.True(seen.DisableTracing);
        Assert.True(seen.DisableMetrics);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3210", "http://127.0.0.1:3210/", null, null)]
    [InlineData("  https://happy-animal-123.convex.cloud  ", "https://happy-animal-123.convex.cloud/", null, null)]
    [InlineData("Endpoint=http://127.0.0.1:3210;SiteEndpoint=http://127.0.0.1:3211", "http://127.0.0.1:3210/", "http://127.0.0.1:3211/", null)]
    [InlineData("endpoint=http://127.0.0.1:3210; siteendpoint=http://127.0.0.1:3211", "http://127.0.0.1:3210/", "http://127.0.0.1:3211/", null)]
    [InlineData("Endpoint=http://127.0.0.1:3210;AdminKey=self-hosted|0123", "http://127.0.0.1:3210/", null, "self-hosted|0123")]
    [InlineData("Endpoint=\"http://127.0.0.1:3210\";Unknown=ignored", "http://127.0.0.1:3210/", null, null)]
    public void ConnectionStringsAreABareUrlOrKeyValuePairs(string connectionString, string endpoint, string? siteEndpoint, string? adminKey)
    {
        ConvexClientSettings? seen = null;
        var builder = TestHost.Builder(("ConnectionStrings:convex", connectionString));

        builder.AddConvexClient("convex", settings => seen = settings);

        Assert.NotNull(seen);
        Assert.Equal(new Uri(endpoint), seen.Endpoint);
        Assert.Equal(siteEndpoint is null ? null : new Uri(siteEndpoint), seen.SiteEndpoint);
        Assert.Equal(adminKey, seen.AdminKey);
    }

    [Theory]
    [InlineData("not a url;AdminKey=hush-4711")]
    [InlineData("Endpoint=not-a-url;AdminKey=hush-4711")]
    [InlineData("Endpoint=ftp://127.0.0.1/;AdminKey=hush-4711")]
    [InlineData("Endpoint=http://127.0.0.1:3210;SiteEndpoint=/relative;AdminKey=hush-4711")]
    [InlineData("AdminKey=hush-4711;=;=")]
    public void AnInvalidConnectionStringNamesItsKeyButNeverQuotesIt(string connectionString)
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", connectionString));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddConvexClient("convex"));

        Assert.Contains("ConnectionStrings:convex", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hush-4711", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("backend")]
    public void AMissingEndpointNamesBothKeysToSet(string? key)
    {
        var builder = TestHost.Builder(("Aspire:Convex:Client:DisableTracing", "true"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddClient(key));

        var name = key ?? "convex";
        Assert.Contains($"ConnectionStrings:{name}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Aspire:Convex:Client:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndpointFromConfigurationMustBeAnAbsoluteHttpUrl()
    {
        var builder = TestHost.Builder(("Aspire:Convex:Client:Endpoint", "relative/path"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddConvexClient("convex"));

        Assert.Contains("Aspire:Convex:Client:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", A));

        Assert.Throws<ArgumentNullException>(() => AspireConvexClientExtensions.AddConvexClient(null!, "convex"));
        Assert.Throws<ArgumentException>(() => builder.AddConvexClient(""));
        Assert.Throws<ArgumentNullException>(() => builder.AddKeyedConvexClient(null!));
        Assert.Throws<ArgumentException>(() => builder.AddKeyedConvexClient(""));
    }

    [Fact]
    public async Task EachClientsOptionsDelegateAppliesToThatClient()
    {
        await using var server = RawHttpResponder.NeverAnswering();
        var builder = TestHost.Builder(("ConnectionStrings:convex", server.Url.AbsoluteUri));
        builder.AddConvexClient(
            "convex",
            configureClientOptions: options => options.Timeout = TimeSpan.FromMilliseconds(300),
            configureHttpClientOptions: options => options.Timeout = TimeSpan.FromMilliseconds(400));
        using var host = builder.Build();

        var http = host.Resolve<ConvexHttpClient>(null);
        var client = host.Resolve<ConvexClient>(null);

        var httpTimeout = await Assert.ThrowsAsync<TimeoutException>(() => http.QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        var clientTimeout = await Assert.ThrowsAsync<TimeoutException>(() => client.QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Contains("within 0.4 s", httpTimeout.Message, StringComparison.Ordinal);
        Assert.Contains("within 00:00:00.3", clientTimeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminKeyFromTheConnectionStringAuthenticatesTheHttpClientAndIsNeverLogged()
    {
        await using var server = RawHttpResponder.Answering(200, "application/json", """{"status":"success","value":null,"logLines":[]}""");
        var loggers = new CapturingLoggerFactory();
        var builder = TestHost.Builder(("ConnectionStrings:convex", $"Endpoint={server.Url.AbsoluteUri};AdminKey=hush-4711"));
        builder.Services.AddSingleton<ILoggerFactory>(loggers);
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        await host.Resolve<ConvexHttpClient>(null).QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        _ = host.Resolve<ConvexClient>(null);

        // The WebSocket client may already have tried its upgrade on the same server: only the HTTP call is checked here.
        Assert.Equal("Convex hush-4711", Assert.Single(server.Requests, r => r.RequestLine.StartsWith("POST ", StringComparison.Ordinal)).Headers["Authorization"]);
        var created = loggers.Entries.Where(e => e.Category == "ConvexKit.Client.Hosting").Select(e => e.Message).ToList();
        Assert.Equal(2, created.Count);
        Assert.All(created, message => Assert.Contains("(admin key)", message, StringComparison.Ordinal));
        Assert.DoesNotContain(loggers.Entries, e => e.Message.Contains("hush-4711", StringComparison.Ordinal));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
