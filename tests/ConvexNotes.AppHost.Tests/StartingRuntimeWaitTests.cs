using ConvexKit.Aspire.Hosting;

namespace ConvexNotes.AppHost.Tests;

/// <summary>Auto mode waits for a Docker Desktop that is still starting, and only for one that is.</summary>
public sealed class StartingRuntimeWaitTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void ARuntimeThatAnswersAtOnceIsTakenWithoutWaiting()
    {
        var probe = new CountingProbe(answersOnAttempt: 1);
        var waits = new List<TimeSpan>();

        var runtime = new StartingRuntimeWait(probe, () => true, TimeSpan.FromSeconds(30), s_interval, waits.Add, TimeProvider.System).FindRunningRuntime(null);

        Assert.Equal("docker", runtime);
        Assert.Equal(1, probe.Attempts);
        Assert.Empty(waits);
    }

    [Fact]
    public void AStartingDockerDesktopIsWaitedForUntilItAnswers()
    {
        var probe = new CountingProbe(answersOnAttempt: 4);
        var waits = new List<TimeSpan>();

        var runtime = new StartingRuntimeWait(probe, () => true, TimeSpan.FromSeconds(30), s_interval, waits.Add, TimeProvider.System).FindRunningRuntime(null);

        Assert.Equal("docker", runtime);
        Assert.Equal(4, probe.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(30)], waits);
    }

    [Fact]
    public void WithoutDockerDesktopRunningNothingWaits()
    {
        var probe = new CountingProbe(answersOnAttempt: int.MaxValue);
        var waits = new List<TimeSpan>();

        var runtime = new StartingRuntimeWait(probe, () => false, TimeSpan.FromSeconds(30), s_interval, waits.Add, TimeProvider.System).FindRunningRuntime(null);

        Assert.Null(runtime);
        Assert.Equal(1, probe.Attempts);
        Assert.Empty(waits);
    }

    [Fact]
    public void TheWaitEndsAtItsLimitAndFallsBack()
    {
        var probe = new CountingProbe(answersOnAttempt: int.MaxValue);
        var waits = new List<TimeSpan>();

        var runtime = new StartingRuntimeWait(probe, () => true, TimeSpan.FromMilliseconds(200), s_interval, waits.Add, TimeProvider.System).FindRunningRuntime(null);

        Assert.Null(runtime);
        Assert.True(probe.Attempts > 1, $"asked {probe.Attempts} time(s)");
        Assert.Single(waits);
    }

    [Fact]
    public void TheWaitEndsWhenDockerDesktopQuits()
    {
        var probe = new CountingProbe(answersOnAttempt: int.MaxValue);
        var checks = 0;

        var runtime = new StartingRuntimeWait(probe, () => ++checks < 3, TimeSpan.FromMinutes(10), s_interval, _ => { }, TimeProvider.System).FindRunningRuntime(null);

        Assert.Null(runtime);
        Assert.Equal(2, probe.Attempts);
    }

    [Fact]
    public void AZeroLimitTurnsTheWaitOff()
    {
        var probe = new CountingProbe(answersOnAttempt: 2);

        var runtime = new StartingRuntimeWait(probe, () => true, TimeSpan.Zero, s_interval, _ => { }, TimeProvider.System).FindRunningRuntime(null);

        Assert.Null(runtime);
        Assert.Equal(1, probe.Attempts);
    }

    [Fact]
    public void DockerDesktopIsNotRunningOnThisMachine() =>
        // No container runtime runs here (see the README); the process check must say so rather than make Auto wait.
        Assert.False(StartingRuntimeWait.DockerDesktopRunning());

    private sealed class CountingProbe(int answersOnAttempt) : IContainerRuntimeProbe
    {
        public int Attempts { get; private set; }

        public string? FindRunningRuntime(string? configuredRuntime) => ++Attempts >= answersOnAttempt ? "docker" : null;
    }
}
