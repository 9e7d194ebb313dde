using System.ComponentModel;
using System.Diagnostics;

namespace ConvexKit.Aspire.Hosting;

/// <summary>Answers whether a container runtime is usable right now.</summary>
internal interface IContainerRuntimeProbe
{
    /// <summary>Returns the runtime that answered, or <see langword="null"/> when none did.</summary>
    /// <param name="configuredRuntime">ASPIRE_CONTAINER_RUNTIME, when set: then only that runtime is asked.</param>
    string? FindRunningRuntime(string? configuredRuntime);
}

/// <summary>
/// Runs <c>docker info</c> (then <c>podman info</c>) with a short timeout. <c>info</c> talks to the daemon, so an
/// installed CLI with a stopped daemon (Docker Desktop not running) counts as no runtime.
/// </summary>
internal sealed class ContainerRuntimeProbe(TimeSpan timeout) : IContainerRuntimeProbe
{
    private static readonly string[] s_knownRuntimes = ["docker", "podman"];

    public string? FindRunningRuntime(string? configuredRuntime)
    {
        var candidates = string.IsNullOrWhiteSpace(configuredRuntime) ? s_knownRuntimes : [configuredRuntime];
        return candidates.FirstOrDefault(Answers);
    }

    private bool Answers(string runtime)
    {
        var startInfo = new ProcessStartInfo(runtime, "info")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return false;
            }

            // Drain the pipes so a chatty `info` can't block on a full buffer.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false; // not installed
        }
    }
}
