using ConvexNotes.Testing;
using ConvexNotes.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConvexNotes.Worker.Tests;

/// <summary>
/// <c>/health</c> is the subscription's health: Healthy while live, Degraded while reconnecting (after the grace period),
/// Unhealthy once it has been down for <c>NotesWatcher:UnhealthyAfter</c>. The watcher's clock is a fake one, moved by
/// the test, so the thresholds are checked exactly and nothing waits for them to pass.
/// </summary>
public sealed class HealthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly Dictionary<string, string?> s_thresholds = new()
    {
        ["NotesWatcher:DegradedAfter"] = "00:00:10",
        ["NotesWatcher:UnhealthyAfter"] = "00:01:00",
    };

    [Fact]
    public async Task HealthMovesFromHealthyToDegradedToUnhealthyWhileTheBackendIsDownAndBackToHealthy()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var worker = new WorkerFactory(emulator.Url, s_thresholds, clock);
        await worker.StartAndWaitForBaselineAsync();
        await worker.WaitForHealthAsync("Healthy");

        await emulator.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await worker.WaitForConnectionStateAsync("Reconnecting");
        var withinGrace = await worker.GetHealthAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        var afterGrace = await worker.GetHealthAsync();
        clock.Advance(TimeSpan.FromSeconds(50) - TimeSpan.FromMilliseconds(1));
        var justBeforeThreshold = await worker.GetHealthAsync();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var atThreshold = await worker.GetHealthAsync();
        await emulator.StartAgainAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await worker.WaitForHealthAsync("Healthy");

        Assert.Equal(
            ["Healthy", "Degraded", "Degraded", "Unhealthy"],
            [withinGrace, afterGrace, justBeforeThreshold, atThreshold]);
    }

    [Fact]
    public async Task WithoutAGracePeriodHealthIsDegradedAsSoonAsTheConnectionDrops()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var worker = new WorkerFactory(emulator.Url, new Dictionary<string, string?> { ["NotesWatcher:DegradedAfter"] = "00:00:00" }, clock);
        await worker.StartAndWaitForBaselineAsync();
        await worker.WaitForHealthAsync("Healthy");

        await emulator.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await worker.WaitForConnectionStateAsync("Reconnecting");
        var whileReconnecting = await worker.GetHealthAsync();
        await emulator.StartAgainAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await worker.WaitForHealthAsync("Healthy");

        Assert.Equal("Degraded", whileReconnecting);
    }

    [Fact]
    public async Task AWorkerThatNeverConnectsIsDegradedThenUnhealthyAfterTheThreshold()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Port 1: nothing listens there, so every attempt is refused at once.
        await using var worker = new WorkerFactory(new Uri("http://127.0.0.1:1"), s_thresholds, clock);
        var atStart = await worker.GetHealthAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        var afterGrace = await worker.GetHealthAsync();
        clock.Advance(TimeSpan.FromSeconds(50));
        var atThreshold = await worker.GetHealthAsync();

        Assert.Equal(["Healthy", "Degraded", "Unhealthy"], [atStart, afterGrace, atThreshold]);
        Assert.Empty(worker.Observations.All);
    }
}
