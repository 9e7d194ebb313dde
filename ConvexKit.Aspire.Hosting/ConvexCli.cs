using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// The Convex CLI command lines of the data commands and deployment variables, and a runner for the CLI runs the
/// AppHost makes itself. Each command line here is what docs/data-commands.md tells a developer to type.
/// </summary>
internal static class ConvexCli
{
    /// <summary><c>convex export --path {path}</c>: a snapshot ZIP of every table.</summary>
    public static string[] Export(string path) => [ConvexCommandLines.Cli, "export", "--path", path];

    /// <summary>
    /// <c>convex import --append|--replace -y [--table T] {path}</c>. <c>-y</c> answers the CLI's own "Perform import?"
    /// question: the dashboard command asked before it ran.
    /// </summary>
    public static string[] Import(string path, string mode, string? table) =>
        [ConvexCommandLines.Cli, "import", mode is "replace" ? "--replace" : "--append", "-y", .. table is null ? Array.Empty<string>() : ["--table", table], path];

    /// <summary><c>convex import --replace-all -y {path}</c>: with an empty snapshot, empties every table.</summary>
    public static string[] ReplaceAll(string path) => [ConvexCommandLines.Cli, "import", "--replace-all", "-y", path];

    /// <summary>
    /// <c>convex env set {name}</c> with the value on standard input, so it never appears in a command line, a process
    /// listing or a log (the CLI reads stdin when it is not a terminal, and prints only the name).
    /// </summary>
    public static string[] EnvSet(string name) => [ConvexCommandLines.Cli, "env", "set", name];

    /// <summary>
    /// The functions project of <paramref name="convex"/>, where the CLI runs (it holds package.json and node_modules),
    /// or null when no functions were given (WithFunctions): then there is no CLI to run.
    /// </summary>
    public static string? WorkingDirectory(ConvexResource convex) =>
        convex.Setup.FunctionsDirectory is { } functions ? ConvexCommandLines.FunctionsProject(functions) : null;

    /// <summary><see cref="ConvexCommandLines.CliEnvironment"/> with every value resolved (the admin key among them).</summary>
    public static async Task<Dictionary<string, string>> EnvironmentAsync(ConvexResource convex, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>();
        foreach (var (name, value) in ConvexCommandLines.CliEnvironment(convex.Backend))
        {
            environment[name] = value is IValueProvider provider
                ? await provider.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? ""
                : value.ToString() ?? "";
        }

        return environment;
    }

    /// <summary>
    /// Runs the CLI in <paramref name="workingDirectory"/> with the deployment's environment, writes
    /// <paramref name="standardInput"/> to it, and logs every output line to <paramref name="logger"/> (the CLI's
    /// output names variables, never their values). Returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(
        ConvexResource convex, string workingDirectory, string[] arguments, string? standardInput, ILogger logger, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(ConvexCommandLines.Node)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in await EnvironmentAsync(convex, cancellationToken).ConfigureAwait(false))
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node could not be started.");
        process.OutputDataReceived += (_, line) => LogLine(logger, line.Data);
        process.ErrorDataReceived += (_, line) => LogLine(logger, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private static void LogLine(ILogger logger, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.LogConvexCliOutput(line);
        }
    }
}
