using ConvexKit.Client;
using ConvexNotes.Worker.Watcher;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexNotes.Worker.Tests;

public sealed class WatcherStateUnitTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_degradedAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_unhealthyAfter = TimeSpan.FromSeconds(60);

    private static HealthStatus StatusAt(WatcherState state, TimeSpan elapsed) =>
        state.Evaluate(s_start + elapsed, s_degradedAfter, s_unhealthyAfter).Status;

    private static WatcherState Live() =>
        WatcherState.Starting(s_start)
            .WithConnection(ConvexConnectionState.Connected, s_start)
            .WithResult(succeeded: true, s_start);

    [Fact]
    public void ConnectedWithAListIsHealthyForever()
    {
        Assert.Equal(HealthStatus.Healthy, StatusAt(Live(), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void StartingCountsFromTheStart()
    {
        var starting = WatcherState.Starting(s_start);

        Assert.Equal(
            [HealthStatus.Healthy, HealthStatus.Degraded, HealthStatus.Degraded, HealthStatus.Unhealthy],
            [StatusAt(starting, TimeSpan.FromSeconds(9.999)), StatusAt(starting, s_degradedAfter), StatusAt(starting, TimeSpan.FromSeconds(59.999)), StatusAt(starting, s_unhealthyAfter)]);
    }

    [Fact]
    public void ConnectedButWithoutAListIsNotLive()
    {
        var state = WatcherState.Starting(s_start).WithConnection(ConvexConnectionState.Connected, s_start);

        Assert.False(state.IsLive);
        Assert.Equal(HealthStatus.Unhealthy, StatusAt(state, s_unhealthyAfter));
    }

    [Fact]
    public void TheClockStartsWhenTheWatcherStopsBeingLiveAndStopsWhenItIsLiveAgain()
    {
        var down = Live().WithConnection(ConvexConnectionState.Reconnecting, s_start + TimeSpan.FromMinutes(5));

        Assert.Equal(HealthStatus.Degraded, StatusAt(down, TimeSpan.FromMinutes(5) + s_degradedAfter));
        Assert.Equal(HealthStatus.Unhealthy, StatusAt(down, TimeSpan.FromMinutes(5) + s_unhealthyAfter));
        var back = down.WithConnection(ConvexConnectionState.Connected, s_start + TimeSpan.FromMinutes(7));
        Assert.Null(back.NotLiveSince);
        Assert.Equal(HealthStatus.Healthy, StatusAt(back, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void AFailingQueryIsNotLiveFromTheFailureOnAndARecoveredOneIsLiveAgain()
    {
        var failing = Live().WithResult(succeeded: false, s_start + TimeSpan.FromSeconds(30));
        var stillFailing = failing.WithResult(succeeded: false, s_start + TimeSpan.FromSeconds(45));
        var recovered = stillFailing.WithResult(succeeded: true, s_start + TimeSpan.FromSeconds(50));

        Assert.Equal(s_start + TimeSpan.FromSeconds(30), stillFailing.NotLiveSince);
        Assert.Equal(HealthStatus.Unhealthy, StatusAt(stillFailing, TimeSpan.FromSeconds(30) + s_unhealthyAfter));
        Assert.Contains("the watched query fails", stillFailing.Evaluate(s_start, s_degradedAfter, s_unhealthyAfter).Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, StatusAt(recovered, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AFailureBeforeTheFirstListKeepsCountingFromTheStart()
    {
        var state = WatcherState.Starting(s_start)
            .WithConnection(ConvexConnectionState.Connected, s_start + TimeSpan.FromSeconds(5))
            .WithResult(succeeded: false, s_start + TimeSpan.FromSeconds(6));

        Assert.Equal(s_start, state.NotLiveSince);
        Assert.Equal(HealthStatus.Unhealthy, StatusAt(state, s_unhealthyAfter));
    }

    [Fact]
    public void AClosedClientIsUnhealthyAtOnce()
    {
        var closed = Live().WithConnection(ConvexConnectionState.Closed, s_start);

        Assert.Equal(HealthStatus.Unhealthy, StatusAt(closed, TimeSpan.Zero));
    }
}
