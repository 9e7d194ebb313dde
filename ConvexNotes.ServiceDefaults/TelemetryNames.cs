namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Telemetry names the service defaults subscribe to. They mirror the public constants of
/// <c>Convex.Client</c>; ServiceDefaults keeps its own copy so it does not depend on the client library,
/// and a test in Convex.Client.Tests keeps the two in step.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The Convex client's ActivitySource.</summary>
    public const string ConvexClientActivitySource = "ConvexNotes.Convex.Client";

    /// <summary>The Convex client's Meter.</summary>
    public const string ConvexClientMeter = "ConvexNotes.Convex.Client";
}
