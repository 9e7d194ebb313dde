namespace ConvexNotes.Testing;

/// <summary>Runs a tool from the repository root to completion: a node:test suite, a tsc check, a dotnet pack.</summary>
public static class ToolCommand
{
    /// <summary>Runs <c>node <paramref name="arguments"/></c>.</summary>
    /// <inheritdoc cref="RunAsync(string, IReadOnlyList{string}, TimeSpan, CancellationToken, string?, IReadOnlyDictionary{string, string?}?)" path="/remarks"/>
    public static Task<ToolCommandResult> RunNodeAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync("node", arguments, timeout, cancellationToken);

    /// <summary>
    /// Gets the <c>dotnet</c> host that runs the tests: the dotnet CLI names it to its child processes in
    /// DOTNET_HOST_PATH; outside the CLI, the one on the PATH.
    /// </summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> with <see cref="DotnetHost"/>.</summary>
    /// <inheritdoc cref="RunAsync(string, IReadOnlyList{string}, TimeSpan, CancellationToken, string?, IReadOnlyDictionary{string, string?}?)" path="/remarks"/>
    public static Task<ToolCommandResult> RunDotnetAsync(
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync(DotnetHost, arguments, timeout, cancellationToken, workingDirectory, environment);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="cancellationToken">Kills it.</param>
    /// <param name="workingDirectory">Where it runs; the repository root when null.</param>
    /// <param name="environment">Variables to set (a null value removes one) on top of this process's environment.</param>
    /// <remarks>
    /// On timeout the whole process tree is killed and the result says so;
    /// on cancellation it is killed and the cancellation propagates.
    /// </remarks>
    public static async Task<ToolCommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var output = new OutputLog(lineReceived: null);
        using var process = ChildProcess.Start(fileName, workingDirectory ?? RepositoryPaths.Root, arguments, output, environment);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return new ToolCommandResult(process.ExitCode, TimedOut: false, output.ToString());
        }
        catch (TimeoutException)
        {
            await ChildProcess.KillTreeAsync(process);
            return new ToolCommandResult(ExitCode: null, TimedOut: true, output.ToString());
        }
        catch (OperationCanceledException)
        {
            await ChildProcess.KillTreeAsync(process);
            throw;
        }
    }
}

/// <summary>How a tool command ended.</summary>
/// <param name="ExitCode">The exit code, or null when it was killed after the timeout.</param>
/// <param name="TimedOut">Whether it was killed after the timeout.</param>
/// <param name="Output">Its stdout and stderr, interleaved as they arrived.</param>
public sealed record ToolCommandResult(int? ExitCode, bool TimedOut, string Output);
