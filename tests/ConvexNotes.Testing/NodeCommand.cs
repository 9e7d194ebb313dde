namespace ConvexNotes.Testing;

/// <summary>Runs a <c>node</c> command from the repository root to completion, e.g. a node:test suite.</summary>
public static class NodeCommand
{
    /// <summary>
    /// Runs <c>node <paramref name="arguments"/></c> with the repository root as working directory. On timeout the whole
    /// process tree is killed and the result says so; on cancellation it is killed and the cancellation propagates.
    /// </summary>
    public static async Task<NodeCommandResult> RunAsync(
        IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = new OutputLog(lineReceived: null);
        using var process = NodeProcess.Start(RepositoryPaths.Root, arguments, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return new NodeCommandResult(process.ExitCode, TimedOut: false, output.ToString());
        }
        catch (TimeoutException)
        {
            await NodeProcess.KillTreeAsync(process);
            return new NodeCommandResult(ExitCode: null, TimedOut: true, output.ToString());
        }
        catch (OperationCanceledException)
        {
            await NodeProcess.KillTreeAsync(process);
            throw;
        }
    }
}

/// <summary>How a node command ended.</summary>
/// <param name="ExitCode">The exit code, or null when it was killed after the timeout.</param>
/// <param name="TimedOut">Whether it was killed after the timeout.</param>
/// <param name="Output">Its stdout and stderr, interleaved as they arrived.</param>
public sealed record NodeCommandResult(int? ExitCode, bool TimedOut, string Output);
