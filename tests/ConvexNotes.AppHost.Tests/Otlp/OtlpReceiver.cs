using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace ConvexNotes.AppHost.Tests.Otlp;

/// <summary>
/// A minimal OTLP/gRPC endpoint on 127.0.0.1 (any free port) that keeps every span and log record it receives, as the
/// Aspire dashboard would receive them. Metrics are not received: their exports fail with Unimplemented, which the
/// services' exporters shrug off.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base URL to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; }

    public ReceivedTelemetry Telemetry => _app.Services.GetRequiredService<ReceivedTelemetry>();

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // OTLP/gRPC without TLS: HTTP/2 with prior knowledge, as the .NET exporter speaks it to the Aspire dashboard.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<ReceivedTelemetry>();

        var app = builder.Build();
        app.MapGrpcService<TraceReceiver>();
        app.MapGrpcService<LogsReceiver>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new OtlpReceiver(app, new Uri(address));
    }

    /// <summary>Points the resource's OpenTelemetry exporters here, exporting every 200 ms so the test waits little.</summary>
    public IResourceBuilder<T> ExportFrom<T>(IResourceBuilder<T> resource) where T : IResourceWithEnvironment =>
        resource
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Endpoint.ToString())
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
            .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "200");

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private sealed class TraceReceiver(ReceivedTelemetry telemetry) : TraceService.TraceServiceBase
    {
        public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        {
            telemetry.Add(request);
            return Task.FromResult(new ExportTraceServiceResponse());
        }
    }

    private sealed class LogsReceiver(ReceivedTelemetry telemetry) : LogsService.LogsServiceBase
    {
        public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
        {
            telemetry.Add(request);
            return Task.FromResult(new ExportLogsServiceResponse());
        }
    }
}
