using System.Diagnostics;
using ConvexKit.Client.Http;
using ConvexKit.Client.Tests.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>
/// Whether the client's spans and metrics reach the application's OpenTelemetry pipeline (in-memory exporters), as
/// the DisableTracing and DisableMetrics settings say.
/// </summary>
public sealed class TelemetryRegistrationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SpansReachTheTracerProviderUnlessTracingIsDisabled(bool disableTracing)
    {
        var exported = new List<Activity>();
        var closed = HttpClientTelemetryTests.ClosedLoopbackUrl();
        var builder = TestHost.Builder(("ConnectionStrings:convex", closed.AbsoluteUri), ("Aspire:Convex:Client:DisableTracing", disableTracing ? "true" : null));
        builder.AddConvexClient("convex");
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported));
        using var host = builder.Build();
        var tracer = host.Services.GetRequiredService<TracerProvider>();

        await Assert.ThrowsAsync<ConvexRequestException>(() => host.Resolve<ConvexHttpClient>(null).QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        tracer.ForceFlush();

        // Other tests run in parallel; only this test's deployment port identifies its spans.
        var mine = exported.Where(a => Equals(a.GetTagItem("server.port"), closed.Port)).ToList();
        if (disableTracing)
        {
            Assert.Empty(mine);
        }
        else
        {
            Assert.Equal("convex.query notes:list", Assert.Single(mine).DisplayName);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MetricsReachTheMeterProviderUnlessMetricsAreDisabled(bool disableMetrics)
    {
        var exported = new List<Metric>();
        var closed = HttpClientTelemetryTests.ClosedLoopbackUrl();
        var builder = TestHost.Builder(("ConnectionStrings:convex", closed.AbsoluteUri), ("Aspire:Convex:Client:convex:DisableMetrics", disableMetrics ? "true" : null));
        builder.AddConvexClient("convex");
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(exported));
        using var host = builder.Build();
        var meter = host.Services.GetRequiredService<MeterProvider>();

        await Assert.ThrowsAsync<ConvexRequestException>(() => host.Resolve<ConvexHttpClient>(null).QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        meter.ForceFlush();

        var names = exported.Select(m => m.Name).ToList();
        if (disableMetrics)
        {
            Assert.DoesNotContain("convex.client.call.duration", names);
        }
        else
        {
            Assert.Contains("convex.client.call.duration", names);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
