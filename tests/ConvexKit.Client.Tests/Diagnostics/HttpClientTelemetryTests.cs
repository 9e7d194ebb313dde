using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Http;
using ConvexKit.Client.Tests.Http;
using ConvexKit.Client.Values;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ConvexKit.Client.Tests.Diagnostics;

/// <summary>Spans and metrics of <see cref="ConvexHttpClient"/> calls against the real emulator, seen by real listeners.</summary>
public sealed class HttpClientTelemetryTests(AdminEmulatorFixture fixture) : IClassFixture<AdminEmulatorFixture>, IDisposable
{
    private readonly ActivityCollector _spans = new("System.Net.Http");
    private readonly ConvexHttpClient _client = new(fixture.Url);

    public void Dispose()
    {
        _client.Dispose();
        _spans.Dispose();
    }

    [Fact]
    public async Task EachCallIsAClientSpanUnderTheCallersActivity()
    {
        using (var parent = ActivityCollector.StartParent())
        {
            var id = await Bounded(_client.MutationAsync("notes:create", ConvexObject.Of(("title", "Traced"), ("content", "")), cancellationToken: Ct));
            await Bounded(_client.QueryAsync("notes:get", ConvexObject.Of(("id", id)), cancellationToken: Ct));

            Assert.Same(parent, Activity.Current);
            var spans = _spans.InTrace(parent);
            Assert.Equal(2, spans.Count);
            SpanAssert.IsCallSpan(spans[0], parent, "mutation", "notes:create", fixture.Url, "http", "success");
            SpanAssert.IsCallSpan(spans[1], parent, "query", "notes:get", fixture.Url, "http", "success");
        }
    }

    [Fact]
    public async Task TheHttpRequestIsAChildOfTheCallSpan()
    {
        using var parent = ActivityCollector.StartParent();

        await Bounded(_client.QueryAsync("notes:list", cancellationToken: Ct));

        var call = Assert.Single(_spans.InTrace(parent));
        var request = Assert.Single(_spans.InTrace(parent, "System.Net.Http"));
        Assert.Equal(call.SpanId, request.ParentSpanId);
    }

    [Fact]
    public async Task RequestsCarryTheCallersW3CTraceContext()
    {
        await using var server = RawHttpResponder.Answering(200, "application/json", """{"status":"success","value":null}""");
        using var client = new ConvexHttpClient(server.Url);
        using var parent = ActivityCollector.StartParent();

        await Bounded(client.QueryAsync("notes:list", cancellationToken: Ct));

        var traceparent = Assert.Single(server.Requests).Headers["traceparent"];
        Assert.StartsWith($"00-{parent.TraceId}-", traceparent, StringComparison.Ordinal);
        Assert.DoesNotContain(parent.SpanId.ToHexString(), traceparent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConvexErrorEndsTheSpanWithErrorStatusAndTheConvexErrorOutcome()
    {
        using var parent = ActivityCollector.StartParent();

        await Assert.ThrowsAsync<ConvexErrorException>(() => Bounded(_client.MutationAsync("notes:remove", ConvexObject.Of(("id", "no-such-note")), cancellationToken: Ct)));

        var span = Assert.Single(_spans.InTrace(parent));
        SpanAssert.IsCallSpan(span, parent, "mutation", "notes:remove", fixture.Url, "http", "convex_error");
        Assert.Equal("convex_error", span.GetTagItem("error.type"));
        Assert.Equal("convex_error", span.StatusDescription);
    }

    [Fact]
    public async Task AFailedFunctionReturnedAsAResultStillEndsTheSpanAsAnError()
    {
        using var parent = ActivityCollector.StartParent();

        var result = await Bounded(_client.TryQueryAsync("notes:missing", cancellationToken: Ct));

        Assert.False(result.IsSuccess);
        var span = Assert.Single(_spans.InTrace(parent));
        SpanAssert.IsCallSpan(span, parent, "query", "notes:missing", fixture.Url, "http", "error");
        Assert.Equal("function_error", span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task AnUnreachableDeploymentEndsTheSpanWithTheExceptionType()
    {
        var closed = ClosedLoopbackUrl();
        using var client = new ConvexHttpClient(closed);
        using var parent = ActivityCollector.StartParent();

        await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(client.ActionAsync("notes:anything", cancellationToken: Ct)));

        var span = Assert.Single(_spans.InTrace(parent));
        SpanAssert.IsCallSpan(span, parent, "action", "notes:anything", closed, "http", "error");
        Assert.Equal(typeof(ConvexRequestException).FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task SpansAndMeasurementsCarryNoArgumentsResultsMessagesOrKeys()
    {
        const string Marker = "tel-secret-3f9a";
        using var metrics = new MetricCollector<double>(null, ConvexTelemetry.MeterName, "convex.client.call.duration");
        using var admin = _client.WithAdminAuth(AdminEmulatorFixture.AdminKey);
        using var parent = ActivityCollector.StartParent();

        var id = await Bounded(admin.MutationAsync("notes:create", ConvexObject.Of(("title", Marker), ("content", Marker)), cancellationToken: Ct));
        await Bounded(admin.QueryAsync("notes:get", ConvexObject.Of(("id", id)), cancellationToken: Ct));
        var rejected = await Bounded(admin.TryMutationAsync("notes:create", ConvexObject.Of(("title", ConvexArray.Of(Marker)), ("content", "")), cancellationToken: Ct));
        var notFound = await Bounded(admin.TryMutationAsync("notes:remove", ConvexObject.Of(("id", Marker)), cancellationToken: Ct));

        Assert.Contains(Marker, rejected.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(Marker, notFound.ErrorMessage, StringComparison.Ordinal);
        var spans = _spans.InTrace(parent);
        Assert.Equal(4, spans.Count);
        SpanAssert.MentionsNone(spans, Marker, id.AsString(), AdminEmulatorFixture.AdminKey, "Convex ");
        var measured = metrics.GetMeasurementSnapshot().Where(m => Equals(m.Tags["server.port"], fixture.Url.Port)).ToList();
        Assert.NotEmpty(measured);
        Assert.All(measured, m => Assert.All(m.Tags, t => Assert.DoesNotContain(Marker, $"{t.Value}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EveryCallRecordsItsDurationByTypePathAndOutcome()
    {
        using var metrics = new MetricCollector<double>(null, ConvexTelemetry.MeterName, "convex.client.call.duration");

        await Bounded(_client.QueryAsync("notes:list", cancellationToken: Ct));
        await Bounded(_client.TryMutationAsync("notes:remove", ConvexObject.Of(("id", "gone")), cancellationToken: Ct));

        var mine = metrics.GetMeasurementSnapshot().Where(m => Equals(m.Tags["server.port"], fixture.Url.Port)).ToList();
        var list = Assert.Single(mine, m => Equals(m.Tags["convex.function.path"], "notes:list"));
        Assert.Equal("query", list.Tags["convex.function.type"]);
        Assert.Equal("success", list.Tags["convex.call.outcome"]);
        Assert.Equal("http", list.Tags["convex.transport"]);
        Assert.False(list.Tags.ContainsKey("error.type"));
        Assert.InRange(list.Value, double.Epsilon, 30);
        var remove = Assert.Single(mine, m => Equals(m.Tags["convex.function.path"], "notes:remove"));
        Assert.Equal("mutation", remove.Tags["convex.function.type"]);
        Assert.Equal("convex_error", remove.Tags["convex.call.outcome"]);
        Assert.Equal("convex_error", remove.Tags["error.type"]);
    }

    [Fact]
    public async Task AQueryBatchIsOneSpanWithItsSize()
    {
        using var parent = ActivityCollector.StartParent();

        var results = await Bounded(_client.QueryBatchAsync([new ConvexQueryRequest("notes:list"), new ConvexQueryRequest("notes:get", ConvexObject.Of(("id", "x")))], Ct));

        Assert.Equal(2, results.Length);
        var span = Assert.Single(_spans.InTrace(parent));
        Assert.Equal("convex.query_batch", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal(2, span.GetTagItem("convex.batch.size"));
        Assert.Equal("success", span.GetTagItem("convex.call.outcome"));
    }

    /// <summary>A loopback port that was free a moment ago: connecting to it is refused.</summary>
    internal static Uri ClosedLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}
