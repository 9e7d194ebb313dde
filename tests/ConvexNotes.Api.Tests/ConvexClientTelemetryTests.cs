using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ConvexNotes.Api.Tests;

/// <summary>
/// The API as deployed (service defaults plus <c>AddConvexClient</c>), with in-memory exporters added to its own
/// OpenTelemetry pipeline: the Convex client's spans and metrics reach it only while the client integration's
/// <c>DisableTracing</c> / <c>DisableMetrics</c> settings allow, because the service defaults no longer add the client's
/// ActivitySource and Meter behind the integration's back.
/// </summary>
public sealed class ConvexClientTelemetryTests(EmulatorFixture convex)
{
    private const string ClientTelemetryName = "ConvexKit.Client";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientSpansAreExportedUnlessTracingIsDisabled(bool disableTracing)
    {
        var exported = new List<Activity>();
        await using var api = new NotesApiFactory(convex.Emulator.Url, configure: web => web
            .UseSetting("Aspire:Convex:Client:DisableTracing", disableTracing.ToString())
            .ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported))));
        using var client = api.CreateApiClient();

        await client.CreateNoteAsync("Traced");
        api.Services.GetRequiredService<TracerProvider>().ForceFlush();

        // A copy: the API's live feed may still finish spans while the test reads them.
        var clientSpans = exported.ToArray().Where(span => span.Source.Name == ClientTelemetryName).ToList();

        if (disableTracing)
        {
            Assert.Empty(clientSpans);
        }
        else
        {
            Assert.Contains(clientSpans, span => span.DisplayName.StartsWith("convex.mutation ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientMetricsAreExportedUnlessMetricsAreDisabled(bool disableMetrics)
    {
        var exported = new List<Metric>();
        await using var api = new NotesApiFactory(convex.Emulator.Url, configure: web => web
            .UseSetting("Aspire:Convex:Client:DisableMetrics", disableMetrics.ToString())
            .ConfigureTestServices(services => services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(exported))));
        using var client = api.CreateApiClient();

        await client.CreateNoteAsync("Measured");
        api.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var clientMetrics = exported.ToArray().Where(metric => metric.MeterName == ClientTelemetryName).Select(metric => metric.Name).ToList();
        if (disableMetrics)
        {
            Assert.Empty(clientMetrics);
        }
        else
        {
            Assert.Contains("convex.client.call.duration", clientMetrics);
        }
    }
}
