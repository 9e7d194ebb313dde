using ConvexKit.Client.Diagnostics;

namespace ConvexKit.Client.Tests;

public class SmokeTests
{
    // Dashboards, alerts and the service defaults subscribe by these names: changing them is a breaking change.
    [Fact]
    public void TelemetryNamesAreStable()
    {
        Assert.Equal("ConvexKit.Client", ConvexTelemetry.ActivitySourceName);
        Assert.Equal("ConvexKit.Client", ConvexTelemetry.MeterName);
    }
}
