using System.Diagnostics;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Tests.Http;
using ConvexKit.Client.Values;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ConvexKit.Client.Tests.Diagnostics;

/// <summary>Spans and metrics of the WebSocket <see cref="ConvexClient"/> against the real emulator, seen by real listeners.</summary>
public sealed class ConvexClientTelemetryTests(AdminEmulatorFixture fixture) : IClassFixture<AdminEmulatorFixture>, IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly ActivityCollector _spans = new();
    private readonly ConvexClient _client = new(fixture.Url);

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _spans.Dispose();
    }

    [Fact]
    public async Task QueriesMutationsAndActionsAreClientSpansUnderTheCallersActivity()
    {
        using var parent = ActivityCollector.StartParent();

        var id = await _client.MutationAsync("notes:create", ConvexObject.Of(("title", "Traced over the socket"), ("content", "")), Ct).WaitAsync(s_wait, Ct);
        await _client.QueryAsync("notes:get", ConvexObject.Of(("id", id)), Ct).WaitAsync(s_wait, Ct);
        var action = await _client.TryActionAsync("notes:noSuchAction", null, Ct).WaitAsync(s_wait, Ct);

        Assert.False(action.IsSuccess);
        Assert.Same(parent, Activity.Current);
        var spans = _spans.InTrace(parent);
        Assert.Equal(3, spans.Count);
        SpanAssert.IsCallSpan(spans[0], parent, "mutation", "notes:create", fixture.Url, "websocket", "success");
        SpanAssert.IsCallSpan(spans[1], parent, "query", "notes:get", fixture.Url, "websocket", "success");
        SpanAssert.IsCallSpan(spans[2], parent, "action", "notes:noSuchAction", fixture.Url, "websocket", "error");
        Assert.Equal("function_error", spans[2].GetTagItem("error.type"));
    }

    [Fact]
    public async Task AConvexErrorEndsTheSpanAndTheMeasurementWithTheConvexErrorOutcome()
    {
        using var metrics = new MetricCollector<double>(null, ConvexTelemetry.MeterName, "convex.client.call.duration");
        using var parent = ActivityCollector.StartParent();

        await Assert.ThrowsAsync<ConvexErrorException>(() => _client.MutationAsync("notes:remove", ConvexObject.Of(("id", "tel-ws-missing")), Ct).WaitAsync(s_wait, Ct));

        var span = Assert.Single(_spans.InTrace(parent));
        SpanAssert.IsCallSpan(span, parent, "mutation", "notes:remove", fixture.Url, "websocket", "convex_error");
        SpanAssert.MentionsNone([span], "tel-ws-missing");
        var measured = Assert.Single(metrics.GetMeasurementSnapshot(), m => Equals(m.Tags["server.port"], fixture.Url.Port) && Equals(m.Tags["convex.function.path"], "notes:remove"));
        Assert.Equal("websocket", measured.Tags["convex.transport"]);
        Assert.Equal("convex_error", measured.Tags["convex.call.outcome"]);
        Assert.True(measured.Value > 0);
    }

    [Fact]
    public async Task LiveSubscriptionsAreCountedUntilDisposedAndQueriesAreNot()
    {
        using var active = new MetricCollector<long>(null, ConvexTelemetry.MeterName, "convex.client.active_subscriptions");
        using var transitions = new MetricCollector<long>(null, ConvexTelemetry.MeterName, "convex.client.transitions");

        await _client.QueryAsync("notes:list", null, Ct).WaitAsync(s_wait, Ct);
        Assert.Equal(0, Sum(active));

        var list = _client.Subscribe("notes:list");
        var other = _client.Subscribe("notes:get", ConvexObject.Of(("id", "nothing")));
        await list.FirstAsync(Ct).AsTask().WaitAsync(s_wait, Ct);
        Assert.Equal(2, Sum(active));

        await list.DisposeAsync();
        Assert.Equal(1, Sum(active));
        await other.DisposeAsync();
        await other.DisposeAsync();
        Assert.Equal(0, Sum(active));
        Assert.True(Sum(transitions) >= 1);
    }

    [Fact]
    public async Task SubscriptionsEndedByDisposingTheClientLeaveTheCount()
    {
        using var active = new MetricCollector<long>(null, ConvexTelemetry.MeterName, "convex.client.active_subscriptions");
        var client = new ConvexClient(fixture.Url);
        var subscription = client.Subscribe("notes:list");
        Assert.Equal(1, Sum(active));

        await client.DisposeAsync().AsTask().WaitAsync(s_wait, Ct);

        Assert.True(subscription.IsCompleted);
        Assert.Equal(0, Sum(active));
    }

    private long Sum(MetricCollector<long> collector) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["server.port"], fixture.Url.Port) && Equals(m.Tags["convex.transport"], "websocket")).Sum(m => m.Value);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
