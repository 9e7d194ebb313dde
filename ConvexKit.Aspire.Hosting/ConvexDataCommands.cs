// WithProcessCommand and command arguments are experimental in Aspire 13.6; they are exactly "run a local process
// from a dashboard button, with inputs".
#pragma warning disable ASPIREPROCESSCOMMAND001

using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// The data commands on the convex resource (Run function, Export data, Import data, Clear data, Seed). Every one but
/// Run function runs the project's own Convex CLI with the same environment as the functions push, so each has an
/// exact terminal equivalent (docs/data-commands.md); Run function calls the backend's <c>/api/function</c> directly
/// so the result (or the ConvexError's data) comes back as JSON.
/// </summary>
internal static class ConvexDataCommands
{
    public const string RunFunction = "run-function";
    public const string ExportData = "export-data";
    public const string ImportData = "import-data";
    public const string ClearData = "clear-data";
    public const string Seed = "seed";

    /// <summary>Default export folder, relative to the functions project (ignored by git as part of <c>.convex/</c>).</summary>
    public static readonly string ExportFolder = Path.Combine(".convex", "exports");

    private const int OutputLines = 30;

    public static IResourceBuilder<ConvexResource> WithDataCommands(this IResourceBuilder<ConvexResource> builder) =>
        builder
            .WithRunFunctionCommand()
            .WithExportCommand()
            .WithImportCommand()
            .WithClearCommand();

    /// <summary>Seed: <c>convex import --append --table {table} {path}</c>; the file is JSON Lines (or a JSON array).</summary>
    public static IResourceBuilder<ConvexResource> WithSeedCommand(this IResourceBuilder<ConvexResource> builder, string table, string path) =>
        builder.WithCliCommand(Seed, "Seed sample data",
            (_, _) => ConvexCli.Import(path, "append", table),
            result => result.ExitCode == 0
                ? CommandResults.Success($"Seeded '{table}' from {path}.", Tail(result), CommandResultFormat.Text)
                : Failed("Seeding failed", result),
            new ProcessCommandOptions
            {
                Description = $"Append the sample documents in {Path.GetFileName(path)} to the '{table}' table (convex import --append).",
                IconName = "Sparkle",
            });

    private static IResourceBuilder<ConvexResource> WithRunFunctionCommand(this IResourceBuilder<ConvexResource> builder)
    {
        builder.ApplicationBuilder.Services.AddHttpClient(RunFunction);
        return builder.WithCommand(RunFunction, "Run function", async context =>
        {
            var path = context.Arguments.GetString("path") ?? "";
            var args = context.Arguments.GetString("args");
            var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(RunFunction);
            var outcome = await ConvexFunctionCall.RunAsync(builder.Resource, http, path, string.IsNullOrWhiteSpace(args) ? "{}" : args, context.CancellationToken).ConfigureAwait(false);
            return outcome.Succeeded
                ? CommandResults.Success($"{path} returned", outcome.Json, CommandResultFormat.Json, displayImmediately: true)
                : CommandResults.Failure(outcome.Message, outcome.Json, CommandResultFormat.Json);
        }, new CommandOptions
        {
            Description = "Run a query, mutation or action as admin (internal functions too) and show its result (convex run).",
            IconName = "Play",
            UpdateState = context => IsRunning(context.ResourceSnapshot),
            Arguments =
            [
                new InteractionInput { Name = "path", Label = "Function", InputType = InputType.Text, Required = true, Placeholder = "notes:list" },
                new InteractionInput { Name = "args", Label = "Arguments (JSON object)", InputType = InputType.Text, Placeholder = "{}" },
            ],
            ValidateArguments = context =>
            {
                var path = Value(context.Inputs, "path") ?? "";
                if (!ConvexFunctionCall.IsFunctionPath(path))
                {
                    context.AddValidationError("path", "A function path: module[:export], e.g. notes:list or dir/file:name.");
                }

                if (ConvexFunctionCall.ArgumentsError(Value(context.Inputs, "args")) is { } error)
                {
                    context.AddValidationError("args", error);
                }

                return Task.CompletedTask;
            },
        });
    }

    private static IResourceBuilder<ConvexResource> WithExportCommand(this IResourceBuilder<ConvexResource> builder) =>
        builder.WithCliCommand(ExportData, "Export data",
            (context, repositoryRoot) =>
            {
                var given = context.Arguments.GetString("path");
                var path = string.IsNullOrWhiteSpace(given)
                    ? Path.Combine(repositoryRoot, ExportFolder, $"snapshot_{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.zip")
                    : Path.GetFullPath(given, repositoryRoot);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return ConvexCli.Export(path);
            },
            result => result.ExitCode == 0 && ExportedPath(result) is { } path
                ? CommandResults.Success($"Exported to {path}", path, CommandResultFormat.Text, displayImmediately: true)
                : Failed("Export failed", result),
            new ProcessCommandOptions
            {
                Description = "Write a snapshot ZIP of every table, as convex export does (default: .convex/exports/ in the repository).",
                IconName = "ArrowDownload",
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = "path", Label = "ZIP file or folder (optional)", InputType = InputType.Text,
                        Placeholder = Path.Combine(ExportFolder, "snapshot.zip"),
                    },
                ],
                ValidateArguments = context =>
                {
                    var path = Value(context.Inputs, "path");
                    if (!string.IsNullOrWhiteSpace(path) && File.Exists(Path.GetFullPath(path, BaseDirectory(builder.Resource))))
                    {
                        context.AddValidationError("path", "The file exists already; choose a new name or a folder.");
                    }

                    return Task.CompletedTask;
                },
            });

    private static IResourceBuilder<ConvexResource> WithImportCommand(this IResourceBuilder<ConvexResource> builder) =>
        builder.WithCliCommand(ImportData, "Import data",
            (context, repositoryRoot) => ConvexCli.Import(
                Path.GetFullPath(context.Arguments.GetString("path")!, repositoryRoot),
                context.Arguments.GetString("mode")!,
                NullIfEmpty(context.Arguments.GetString("table"))),
            result => result.ExitCode == 0
                ? CommandResults.Success("Imported", Tail(result), CommandResultFormat.Text, displayImmediately: true)
                : Failed("Import failed", result),
            new ProcessCommandOptions
            {
                Description = "Import a snapshot ZIP (or one table from JSON Lines / a JSON array), as convex import does.",
                IconName = "ArrowUpload",
                ConfirmationMessage = "Import into this deployment? 'replace' first deletes every document of the tables the file holds.",
                Arguments =
                [
                    new InteractionInput { Name = "path", Label = "File (.zip, .jsonl or .json)", InputType = InputType.Text, Required = true },
                    new InteractionInput
                    {
                        Name = "mode", Label = "Existing documents", InputType = InputType.Choice, Required = true, Value = "append",
                        Options = [new("append", "Keep them (append)"), new("replace", "Delete them first (replace)")],
                    },
                    new InteractionInput { Name = "table", Label = "Table (for .jsonl / .json only)", InputType = InputType.Text },
                ],
                ValidateArguments = context =>
                {
                    var path = Value(context.Inputs, "path") ?? "";
                    var table = Value(context.Inputs, "table");
                    var isZip = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
                    if (!File.Exists(Path.GetFullPath(path, BaseDirectory(builder.Resource))))
                    {
                        context.AddValidationError("path", "No such file.");
                    }

                    if (Value(context.Inputs, "mode") is not ("append" or "replace"))
                    {
                        context.AddValidationError("mode", "Choose append or replace.");
                    }

                    if (isZip == !string.IsNullOrWhiteSpace(table))
                    {
                        context.AddValidationError("table", isZip ? "A snapshot ZIP names its own tables." : "Name the table the documents go to.");
                    }

                    return Task.CompletedTask;
                },
            });

    /// <summary>Clear data: <c>convex import --replace-all</c> with a snapshot that holds no table, which empties every table.</summary>
    private static IResourceBuilder<ConvexResource> WithClearCommand(this IResourceBuilder<ConvexResource> builder) =>
        builder.WithCliCommand(ClearData, "Clear data",
            (_, _) => ConvexCli.ReplaceAll(EmptySnapshot()),
            result => result.ExitCode == 0
                ? CommandResults.Success("Every table is empty.", Tail(result), CommandResultFormat.Text)
                : Failed("Clearing failed", result),
            new ProcessCommandOptions
            {
                Description = "Delete every document in every table (convex import --replace-all with an empty snapshot).",
                IconName = "Delete",
                ConfirmationMessage = "Delete every document in every table of this deployment? Export the data first to keep a copy.",
            });

    /// <summary>
    /// A CLI run as a process command: the functions push's environment, the functions project (package.json,
    /// node_modules) as working directory and as the base of relative paths. Hidden without functions (no CLI to run),
    /// enabled while the Convex resource is running.
    /// </summary>
    private static IResourceBuilder<ConvexResource> WithCliCommand(
        this IResourceBuilder<ConvexResource> builder,
        string name,
        string displayName,
        Func<ExecuteCommandContext, string, string[]> arguments,
        Func<ProcessCommandResultContext, ExecuteCommandResult> result,
        ProcessCommandOptions options)
    {
        var convex = builder.Resource;
        options.GetCommandResult = context => Task.FromResult(result(context));
        options.UpdateState = context => ConvexCli.WorkingDirectory(convex) is null ? ResourceCommandState.Hidden : IsRunning(context.ResourceSnapshot);
        return builder.WithProcessCommand(name, displayName, async context =>
        {
            var workingDirectory = ConvexCli.WorkingDirectory(convex)
                ?? throw new InvalidOperationException($"'{convex.Name}' has no functions project (WithFunctions), so there is no Convex CLI to run.");
            return new ProcessCommandSpec(ConvexCommandLines.Node)
            {
                Arguments = arguments(context, workingDirectory),
                WorkingDirectory = workingDirectory,
                EnvironmentVariables = await ConvexCli.EnvironmentAsync(convex, context.CancellationToken).ConfigureAwait(false),
            };
        }, options);
    }

    /// <summary>Where relative paths typed into a command's inputs are resolved: the functions project, else the current directory.</summary>
    private static string BaseDirectory(ConvexResource convex) => ConvexCli.WorkingDirectory(convex) ?? Environment.CurrentDirectory;

    /// <summary>The CLI's last word on a successful export: "Downloaded snapshot export to &lt;path&gt;".</summary>
    private static string? ExportedPath(ProcessCommandResultContext result)
    {
        const string Marker = "Downloaded snapshot export to ";
        var line = result.Output.LastOrDefault(line => line.Contains(Marker, StringComparison.Ordinal));
        return line?[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim();
    }

    private static ExecuteCommandResult Failed(string what, ProcessCommandResultContext result) =>
        CommandResults.Failure($"{what} (convex CLI exit code {result.ExitCode}).", Tail(result), CommandResultFormat.Text);

    private static string Tail(ProcessCommandResultContext result) => result.GetFormattedOutput(OutputLines, "Convex CLI output");

    /// <summary>An argument's value; a caller (the CLI, an API client) may leave optional ones out.</summary>
    private static string? Value(InteractionInputCollection inputs, string name) =>
        inputs.TryGetByName(name, out var input) ? input.Value : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A snapshot ZIP with a README and no table, written to a temporary file.</summary>
    private static string EmptySnapshot()
    {
        var path = Path.Combine(Path.GetTempPath(), $"convex-empty-snapshot-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var readme = new StreamWriter(zip.CreateEntry("README.md").Open());
        readme.Write("An empty Convex snapshot: `convex import --replace-all` with it empties every table.\n");
        return path;
    }

    /// <summary>The Convex resource is Running once its backend is healthy and the first push finished.</summary>
    internal static ResourceCommandState IsRunning(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;
}
