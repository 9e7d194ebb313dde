using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ConvexKit.Client.Diagnostics;

/// <summary>
/// The names under which <see cref="ConvexClient"/> and <see cref="Http.ConvexHttpClient"/> publish traces and metrics.
/// Subscribe to them with OpenTelemetry (<c>AddSource(ConvexTelemetry.ActivitySourceName)</c>,
/// <c>AddMeter(ConvexTelemetry.MeterName)</c>); <c>AddConvexClient</c> does both.
/// </summary>
/// <remarks>
/// <para>
/// Every query, mutation and action is a <see cref="ActivityKind.Client"/> span named <c>convex.query notes:list</c>
/// (or <c>convex.mutation …</c>, <c>convex.action …</c>), a child of <see cref="Activity.Current"/> at the time of
/// the call. Its attributes are <c>convex.function.path</c>, <c>convex.function.type</c>, <c>convex.transport</c>
/// (<c>websocket</c> or <c>http</c>), <c>server.address</c>, <c>server.port</c> and <c>convex.call.outcome</c>
/// (<c>success</c>, <c>error</c> or <c>convex_error</c>); a failed call also has <c>error.type</c> and the status
/// <see cref="ActivityStatusCode.Error"/>. An HTTP query batch is one <c>convex.query_batch</c> span with
/// <c>convex.batch.size</c>.
/// </para>
/// <para>
/// Metrics: <c>convex.client.call.duration</c> (histogram, seconds, by function type, path, transport, outcome and
/// error type), <c>convex.client.active_subscriptions</c> (up-down counter), <c>convex.client.transitions</c> and
/// <c>convex.client.reconnects</c> (counters).
/// </para>
/// <para>
/// Arguments, results, error messages, tokens and keys are never recorded: error messages can echo arguments
/// (validator failures do), so a failure is described only by its <c>error.type</c>.
/// </para>
/// </remarks>
public static class ConvexTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that emits the client's spans.</summary>
    public const string ActivitySourceName = "ConvexKit.Client";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that emits the client's metrics.</summary>
    public const string MeterName = "ConvexKit.Client";

    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName, ClientVersion.Version);

    internal static Meter Meter { get; } = new(MeterName, ClientVersion.Version);
}
