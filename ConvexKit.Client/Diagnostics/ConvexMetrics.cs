using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ConvexKit.Client.Diagnostics;

/// <summary>The client's instruments on <see cref="ConvexTelemetry.Meter"/>, and the hooks the clients call.</summary>
internal static class ConvexMetrics
{
    // The OpenTelemetry semantic conventions' advice for request durations (http.client.request.duration).
    private static readonly double[] s_durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    public static Histogram<double> CallDuration { get; } = ConvexTelemetry.Meter.CreateHistogram(
        ConvexTelemetryNames.CallDuration,
        unit: "s",
        description: "Duration of Convex queries, mutations and actions, from the call until its result (for a mutation over the WebSocket, until the client has seen its writes).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });

    public static UpDownCounter<long> ActiveSubscriptions { get; } = ConvexTelemetry.Meter.CreateUpDownCounter<long>(
        ConvexTelemetryNames.ActiveSubscriptions,
        unit: "{subscription}",
        description: "Live query subscriptions open on Convex WebSocket clients.");

    public static Counter<long> Transitions { get; } = ConvexTelemetry.Meter.CreateCounter<long>(
        ConvexTelemetryNames.Transitions,
        unit: "{transition}",
        description: "Transitions (query-set updates) received from Convex deployments.");

    public static Counter<long> Reconnects { get; } = ConvexTelemetry.Meter.CreateCounter<long>(
        ConvexTelemetryNames.Reconnects,
        unit: "{reconnect}",
        description: "Times a Convex WebSocket client lost its connection and started reconnecting.");

    public static void SubscriptionOpened(ConvexServerTags server) => Add(ActiveSubscriptions, 1, server);

    public static void SubscriptionClosed(ConvexServerTags server) => Add(ActiveSubscriptions, -1, server);

    public static void TransitionReceived(ConvexServerTags server) => Add(Transitions, 1, server);

    public static void ReconnectStarted(ConvexServerTags server) => Add(Reconnects, 1, server);

    private static void Add(UpDownCounter<long> instrument, long delta, ConvexServerTags server)
    {
        if (instrument.Enabled)
        {
            var tags = default(TagList);
            server.AddTo(ref tags);
            instrument.Add(delta, tags);
        }
    }

    private static void Add(Counter<long> instrument, long delta, ConvexServerTags server)
    {
        if (instrument.Enabled)
        {
            var tags = default(TagList);
            server.AddTo(ref tags);
            instrument.Add(delta, tags);
        }
    }
}
