using System.Diagnostics;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Auto mode on a machine where Docker Desktop is still starting: its daemon doesn't answer yet, but it will within
/// a minute or so. Falling back to the emulator at once would make "start Docker, then run the AppHost" a race, so
/// while the Docker Desktop backend process runs, the probe is asked again until it answers or <c>maxWait</c> passes.
/// Without Docker Desktop running (not installed, or quit) nothing waits.
/// </summary>
internal sealed class StartingRuntimeWait(
    IContainerRuntimeProbe probe, Func<bool> runtimeStarting, TimeSpan maxWait, TimeSpan interval, Action<TimeSpan> onWaiting, TimeProvider time)
    : IContainerRuntimeProbe
{
    /// <summary>The configuration key of the longest wait (a TimeSpan, such as <c>00:01:00</c>; zero turns it off).</summary>
    public const string MaxWaitConfigurationKey = "Convex:ContainerRuntimeStartTimeout";

    /// <summary>The default longest wait: a cold Docker Desktop start usually takes well under a minute.</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(60);

    // The process Docker Desktop runs while it is open, starting or not, on Windows, macOS and Linux.
    private static readonly string[] s_dockerDesktopProcesses = ["com.docker.backend", "Docker Desktop"];

    public string? FindRunningRuntime(string? configuredRuntime)
    {
        if (probe.FindRunningRuntime(configuredRuntime) is { } runtime)
        {
            return runtime;
        }

        if (maxWait <= TimeSpan.Zero || !runtimeStarting())
        {
            return null;
        }

        onWaiting(maxWait);
        var deadline = time.GetUtcNow() + maxWait;
        while (time.GetUtcNow() < deadline && runtimeStarting())
        {
            Thread.Sleep(interval);
            if (probe.FindRunningRuntime(configuredRuntime) is { } started)
            {
                return started;
            }
        }

        return null;
    }

    /// <summary>Whether a Docker Desktop process runs on this machine (then its daemon may just not be up yet).</summary>
    public static bool DockerDesktopRunning()
    {
        foreach (var name in s_dockerDesktopProcesses)
        {
            var processes = Process.GetProcessesByName(name);
            foreach (var process in processes)
            {
                process.Dispose();
            }

            if (processes.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
