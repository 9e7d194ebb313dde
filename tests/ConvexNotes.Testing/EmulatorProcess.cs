using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ConvexNotes.Testing;

/// <summary>One run of the emulator's node process, from launch to the READY line to exit.</summary>
internal sealed partial class EmulatorProcess : IDisposable
{
    private static readonly TimeSpan s_gracefulStopTimeout = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource<(Uri Url, Uri SiteUrl)> _ready =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Process _process = null!;

    public Uri Url { get; private set; } = null!;

    public Uri SiteUrl { get; private set; } = null!;

    public bool HasExited => _process.HasExited;

    /// <summary>Launches node and waits for the READY line; throws with the captured output when it never comes.</summary>
    public static async Task<EmulatorProcess> StartAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        string commandForMessages,
        OutputLog output,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var emulator = new EmulatorProcess();
        var log = new OutputLog(line =>
        {
            output.Add(line);
            emulator.OnLine(line);
        });
        var process = ChildProcess.Start("node", workingDirectory, arguments, log);
        emulator._process = process;
        _ = emulator.FailWhenExitingBeforeReadyAsync(commandForMessages, output);

        try
        {
            (emulator.Url, emulator.SiteUrl) = await emulator._ready.Task.WaitAsync(timeout, cancellationToken);
            return emulator;
        }
        catch (TimeoutException)
        {
            await ChildProcess.KillTreeAsync(process);
            emulator.Dispose();
            throw new TimeoutException(
                $"The ConvexNotes emulator printed no READY line within {timeout.TotalSeconds:0} s.{Describe(commandForMessages, output)}");
        }
        catch
        {
            if (!process.HasExited)
            {
                await ChildProcess.KillTreeAsync(process);
            }

            emulator.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGINT (the emulator closes its sockets and exits 0), falling back to a kill after a grace period.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited && PosixSignals.TryInterrupt(_process))
        {
            try
            {
                await _process.WaitForExitAsync(cancellationToken).WaitAsync(s_gracefulStopTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Hung on shutdown: fall through to the kill, which the exit code then shows.
            }
        }

        return await KillAsync();
    }

    /// <summary>Kills the process tree at once, like a crash: no socket is closed cleanly.</summary>
    public async Task<int> KillAsync()
    {
        if (!_process.HasExited)
        {
            await ChildProcess.KillTreeAsync(_process);
        }

        // Also waits until the output readers have drained.
        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        return _process.ExitCode;
    }

    /// <summary>Kills without waiting; for the test host's own exit, where nothing can be awaited.</summary>
    public void KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _process.Dispose();

    internal static string Describe(string command, OutputLog output) =>
        $"{Environment.NewLine}Command: {command}{Environment.NewLine}Output:{Environment.NewLine}{output}";

    private void OnLine(string line)
    {
        var match = ReadyLine().Match(line);
        if (match.Success)
        {
            _ready.TrySetResult((new Uri(match.Groups["url"].Value), new Uri(match.Groups["site"].Value)));
        }
    }

    private async Task FailWhenExitingBeforeReadyAsync(string command, OutputLog output)
    {
        await _process.WaitForExitAsync(CancellationToken.None);
        _ready.TrySetException(new InvalidOperationException(
            $"The ConvexNotes emulator exited with code {_process.ExitCode} before it was ready.{Describe(command, output)}"));
    }

    [GeneratedRegex(@"^CONVEX_EMULATOR_READY url=(?<url>\S+) site=(?<site>\S+)$")]
    private static partial Regex ReadyLine();
}
