using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ConvexNotes.AppHost.Tests;

/// <summary>
/// The data commands on the real AppHost's convex resource in emulator mode, invoked as the dashboard invokes them
/// (ResourceCommandService with arguments): seed, run a function, export, clear, import, and the failures they report.
/// The CLI-backed ones run the project's real Convex CLI against the emulator. Uses the fixed ports 3210 and 3211.
/// </summary>
[Collection(FixedPortsCollection.Name)]
public sealed class DataCommandsEndToEndTests : IDisposable
{
    private const string ArgumentValidationFailed = "Command argument validation failed.";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("convexnotes-data-commands-");

    [Fact]
    public async Task SeedRunExportClearImportRoundTripsTheNotes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await StartEmulatorAsync(cancellationToken);

        var seeded = await ExecuteAsync(app, "seed", []);
        var seededNotes = await ListNotesAsync(app);
        var exportPath = Path.Combine(_directory.FullName, "notes.zip");
        var exported = await ExecuteAsync(app, "export-data", [("path", exportPath)]);
        var cleared = await ExecuteAsync(app, "clear-data", []);
        var afterClear = await ListNotesAsync(app);
        var imported = await ExecuteAsync(app, "import-data", [("path", exportPath), ("mode", "replace"), ("table", "")]);
        var afterImport = await ListNotesAsync(app);

        Assert.True(seeded.Success, seeded.Message);
        Assert.Equal(5, seededNotes.GetArrayLength());
        Assert.Contains(seededNotes.EnumerateArray(), note => note.GetProperty("title").GetString() == "Welcome to ConvexNotes");
        Assert.True(exported.Success, exported.Message);
        Assert.Equal(exportPath, exported.Data?.Value);
        Assert.True(File.Exists(exportPath));
        Assert.True(cleared.Success, cleared.Message);
        Assert.Equal(0, afterClear.GetArrayLength());
        Assert.True(imported.Success, imported.Message);
        // Same documents: ids, creation times and fields.
        Assert.Equal(seededNotes.ToString(), afterImport.ToString());
    }

    [Fact]
    public async Task RunFunctionShowsTheResultOrTheConvexErrorAndValidatesItsInputs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await StartEmulatorAsync(cancellationToken);

        var created = await ExecuteAsync(app, "run-function", [("path", "notes:create"), ("args", """{"title":"From the dashboard","content":"run-function"}""")]);
        var fetched = await ExecuteAsync(app, "run-function", [("path", "notes:get"), ("args", $$"""{"id":{{created.Data?.Value}}}""")]);
        var invalid = await ExecuteAsync(app, "run-function", [("path", "notes:create"), ("args", """{"title":"","content":"x"}""")]);
        var missing = await ExecuteAsync(app, "run-function", [("path", "notes:nothing"), ("args", "{}")]);
        var badJson = await ExecuteAsync(app, "run-function", [("path", "notes:list"), ("args", "{not json")]);
        var badPath = await ExecuteAsync(app, "run-function", [("path", "no such:path"), ("args", "{}")]);
        var missingFile = await ExecuteAsync(app, "import-data", [("path", Path.Combine(_directory.FullName, "missing.zip")), ("mode", "append"), ("table", "")]);

        Assert.True(created.Success, created.Message);
        Assert.True(fetched.Success, fetched.Message);
        Assert.Equal("From the dashboard", JsonDocument.Parse(fetched.Data!.Value).RootElement.GetProperty("title").GetString());
        Assert.False(invalid.Success);
        Assert.Contains("title", invalid.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("INVALID_ARGUMENT", invalid.Data?.Value, StringComparison.Ordinal); // the ConvexError's data
        Assert.False(missing.Success);
        Assert.Matches("Could not find .*function for 'notes:nothing'", missing.Message);
        // Refused by the commands' argument validation before anything runs (the dashboard shows why next to the input).
        Assert.All([badJson, badPath, missingFile], refused => Assert.Equal((false, ArgumentValidationFailed), (refused.Success, refused.Message)));
    }

    private async Task<DistributedApplication> StartEmulatorAsync(CancellationToken cancellationToken)
    {
        var builder = await AppModel.CreateAsync("emulator", $"--Convex:EmulatorDataFile={Path.Combine(_directory.FullName, "convex.json")}");
        foreach (var service in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(service);
        }

        var app = await builder.BuildAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync("convex", WaitBehavior.StopOnResourceUnavailable, cancellationToken)
                .WaitAsync(s_timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or DistributedApplicationException)
        {
            Assert.Fail($"convex did not become healthy ({ex.Message}). {await ResourceLogs.DescribeAsync(app, "convex-emulator", cancellationToken)}");
        }

        return app;
    }

    private static async Task<ExecuteCommandResult> ExecuteAsync(DistributedApplication app, string command, (string Name, string Value)[] arguments)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var inputs = new InteractionInputCollection(
            [.. arguments.Select(argument => new InteractionInput { Name = argument.Name, Label = argument.Name, InputType = InputType.Text, Value = argument.Value })]);
        return await app.ResourceCommands.ExecuteCommandAsync("convex", command, inputs, cancellationToken).WaitAsync(s_timeout, cancellationToken);
    }

    private static async Task<JsonElement> ListNotesAsync(DistributedApplication app)
    {
        var result = await ExecuteAsync(app, "run-function", [("path", "notes:list"), ("args", "{}")]);
        Assert.True(result.Success, result.Message);
        return JsonDocument.Parse(result.Data!.Value).RootElement;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
