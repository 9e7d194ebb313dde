namespace Convex.Client.Tests;

public class SmokeTests
{
    [Fact]
    public void ActivitySourceNameIsStable() => Assert.Equal("ConvexNotes.Convex.Client", ConvexClient.ActivitySourceName);
}
