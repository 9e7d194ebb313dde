using ConvexKit.Client.Engine;
using ConvexKit.Client.Transport;

namespace ConvexKit.Client.Tests.Engine;

public class ReconnectBackoffUnitTests
{
    [Theory]
    [InlineData("InternalServerError", 1000)]
    [InlineData("SubscriptionsWorkerFullError", 3000)]
    [InlineData("TooManyConcurrentRequests: more detail", 3000)]
    [InlineData("SearchIndexesUnavailable", 1000)]
    [InlineData("TooManyWritesInTimePeriod", 3000)]
    [InlineData("SomethingElse", 1000)]
    [InlineData(null, 1000)]
    public void TheFirstDelayFollowsTheJavaScriptClientsCloseReasonTable(string? reason, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ReconnectBackoff.InitialDelay(reason, clientInitiated: false));

    [Fact]
    public void ClientInitiatedReconnectsStartAtOneHundredMilliseconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), ReconnectBackoff.InitialDelay("InternalServerError", clientInitiated: true));

    [Fact]
    public void DelaysDoubleUpToTheCapWithinFiftyPercentJitter()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(16), random: new Random(7));
        double[] bases = [1000, 2000, 4000, 8000, 16000, 16000, 16000];
        foreach (var expected in bases)
        {
            var delay = backoff.Next(null, clientInitiated: false).TotalMilliseconds;
            Assert.InRange(delay, expected * 0.5, expected * 1.5);
        }

        Assert.Equal(bases.Length, backoff.Retries);
        backoff.Reset();
        Assert.InRange(backoff.Next("SubscriptionsWorkerFullError", clientInitiated: false).TotalMilliseconds, 1500, 4500);
    }

    [Fact]
    public void JitterSpreadsReconnects()
    {
        var delays = Enumerable.Range(0, 50).Select(_ => new ReconnectBackoff(TimeSpan.FromSeconds(16)).Next(null, false).TotalMilliseconds).ToList();
        Assert.True(delays.Distinct().Count() > 40);
        Assert.All(delays, d => Assert.InRange(d, 500, 1500));
    }

    [Theory]
    [InlineData("http://127.0.0.1:3210", "ws://127.0.0.1:3210/api/sync")]
    [InlineData("https://happy-animal-123.convex.cloud/", "wss://happy-animal-123.convex.cloud/api/sync")]
    [InlineData("https://host:8443/some/prefix?x=1", "wss://host:8443/api/sync")]
    [InlineData("ws://localhost:3210", "ws://localhost:3210/api/sync")]
    public void TheSyncUrlHangsOffTheOrigin(string deployment, string expected) =>
        Assert.Equal(new Uri(expected), SyncUri.From(new Uri(deployment)));

    [Fact]
    public void OtherSchemesAreRejected() =>
        Assert.Throws<ArgumentException>(() => SyncUri.From(new Uri("ftp://host/")));
}
