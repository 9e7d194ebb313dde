using ConvexKit.Client.Tests.Diagnostics;
using ConvexKit.Client.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>The integration's health check against real peers: the emulator, a closed port, and sockets that misbehave.</summary>
public sealed class ConvexHealthCheckTests(AdminEmulatorFixture fixture) : IClassFixture<AdminEmulatorFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(null)]
    [InlineData("convex")]
    public async Task HealthyOnceTheClientIsConnectedToTheEmulator(string? key)
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", $"Endpoint={fixture.Url};SiteEndpoint={fixture.Emulator.SiteUrl}"));
        builder.AddClient(key);
        using var host = builder.Build();
        var client = host.Resolve<ConvexClient>(key);
        await client.WatchConnectionState(Ct).FirstAsync(s => s == ConvexConnectionState.Connected, Ct).AsTask().WaitAsync(s_wait, Ct);

        var entry = await CheckAsync(host, key is null ? "ConvexKit.Client" : "ConvexKit.Client_convex");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("Connected", entry.Data["connectionState"]);
    }

    [Fact]
    public async Task UnhealthyWhenNothingListensAtTheEndpoint()
    {
        var closed = HttpClientTelemetryTests.ClosedLoopbackUrl();
        var builder = TestHost.Builder(("ConnectionStrings:convex", closed.AbsoluteUri));
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        var entry = await CheckAsync(host, "ConvexKit.Client");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("unreachable", entry.Description, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(entry.Exception);
    }

    [Fact]
    public async Task UnhealthyWhenTheProbeOutlivesItsTimeout()
    {
        await using var server = RawHttpResponder.NeverAnswering();
        var builder = TestHost.Builder(("ConnectionStrings:convex", server.Url.AbsoluteUri), ("Aspire:Convex:Client:HealthCheckTimeout", "00:00:00.300"));
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        var entry = await CheckAsync(host, "ConvexKit.Client");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("did not answer GET /version within 0.3 s", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DegradedWhileTheDeploymentAnswersButTheWebSocketCannotConnect()
    {
        // Answers /version, and every WebSocket upgrade too, with a plain 200: the socket never opens.
        await using var server = RawHttpResponder.Answering(200, "text/plain", "unknown");
        var builder = TestHost.Builder(("ConnectionStrings:convex", server.Url.AbsoluteUri));
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        var entry = await CheckAsync(host, "ConvexKit.Client");

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains(entry.Data["connectionState"], new object[] { "Connecting", "Reconnecting" });
    }

    [Fact]
    public async Task UnhealthyOnceTheClientIsClosed()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", fixture.Url.AbsoluteUri));
        builder.AddConvexClient("convex");
        using var host = builder.Build();
        await host.Resolve<ConvexClient>(null).DisposeAsync().AsTask().WaitAsync(s_wait, Ct);

        var entry = await CheckAsync(host, "ConvexKit.Client");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("Closed", entry.Data["connectionState"]);
    }

    [Fact]
    public void TheSettingLeavesTheCheckOut()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", fixture.Url.AbsoluteUri), ("Aspire:Convex:Client:DisableHealthChecks", "true"));
        builder.AddConvexClient("convex");
        builder.AddKeyedConvexClient("convex", settings => settings.DisableHealthChecks = false);
        using var host = builder.Build();

        var names = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

        Assert.Equal(["ConvexKit.Client_convex"], names);
    }

    [Fact]
    public void AddingAClientTwiceAddsItsCheckOnce()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", fixture.Url.AbsoluteUri));
        builder.AddConvexClient("convex");
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        var names = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

        Assert.Equal(["ConvexKit.Client"], names);
    }

    private static async Task<HealthReportEntry> CheckAsync(IHost host, string name)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct).WaitAsync(s_wait, Ct);
        return Assert.Single(report.Entries, e => e.Key == name).Value;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
