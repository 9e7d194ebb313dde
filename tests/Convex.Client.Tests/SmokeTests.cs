using Convex.Client.Diagnostics;

namespace Convex.Client.Tests;

public class SmokeTests
{
    // Dashboards, alerts and the service defaults subscribe by these names: changing them is a breaking change.
    [Fact]
    public void TelemetryNamesAreStable()
    {
        Assert.Equal("ConvexNotes.Convex.Client", ConvexTelemetry.ActivitySourceName);
        Assert.Equal("ConvexNotes.Convex.Client", ConvexTelemetry.MeterName);
    }
}
