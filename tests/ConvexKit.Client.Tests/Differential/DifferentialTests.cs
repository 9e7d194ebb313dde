using System.Text.Json.Nodes;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>
/// The differential test: each scenario in tests/differential/scenarios is run by this library's client and by the
/// official npm client (convex/browser over ws), each against its own fresh, recording emulator (a test double of
/// Convex, not Convex). What the two clients sent must be the same frame for frame, after the normalisations listed on
/// <see cref="ClientFrames"/>. The npm client is the reference: a difference is the .NET client's to explain.
/// </summary>
public sealed class DifferentialTests
{
    private static readonly TimeSpan s_npmTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_scenarioTimeout = TimeSpan.FromSeconds(120);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Scenarios() => [.. DifferentialScenario.Names()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task BothClientsSendTheSameFrames(string name)
    {
        var scenario = DifferentialScenario.Load(name);
        var directory = Directory.CreateTempSubdirectory($"convex-differential-{name}-").FullName;
        var dotnetRecording = Path.Combine(directory, "dotnet.jsonl");
        var npmRecording = Path.Combine(directory, "npm.jsonl");

        // Both sides run at once, each against its own emulator: they share nothing but the machine.
        var dotnetRun = RunDotNetAsync(scenario, dotnetRecording);
        var npmRun = RunNpmAsync(scenario, npmRecording);
        await Task.WhenAll(dotnetRun, npmRun);
        var (dotnet, npm) = (await dotnetRun, await npmRun);

        // An empty or trivial reference would make any client pass: the npm side must show what the scenario claims.
        var sentTypes = npm.Select(MessageType).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(scenario.Covers, type => Assert.True(
            sentTypes.Contains(type),
            $"Scenario '{name}' claims to cover {type}, but the npm client never sent one: {string.Join(", ", sentTypes)}."));

        var difference = FrameDiff.Describe(dotnet, npm);
        Assert.True(
            difference is null,
            $"Scenario '{name}': {difference}{Environment.NewLine}Recordings (normalised as documented on ClientFrames): {dotnetRecording} and {npmRecording}");
        Directory.Delete(directory, recursive: true);
    }

    private static string? MessageType(string line) =>
        line.StartsWith('{') ? JsonNode.Parse(line)?["type"]?.GetValue<string>() : null;

    private static async Task<IReadOnlyList<string>> RunDotNetAsync(DifferentialScenario scenario, string recordFile)
    {
        await using var emulator = await RecordingEmulator.StartAsync(recordFile, scenario.AdminKey, scenario.Functions, scenario.UpgradeDelayMs, Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        await using (var driver = new DotNetScenarioDriver(scenario, emulator.Url, http))
        {
            await driver.RunAsync(Token).WaitAsync(s_scenarioTimeout, Token);
        }

        return ClientFrames.From(await emulator.StopAndReadRecordingAsync(http, Token));
    }

    private static async Task<IReadOnlyList<string>> RunNpmAsync(DifferentialScenario scenario, string recordFile)
    {
        await using var emulator = await RecordingEmulator.StartAsync(recordFile, scenario.AdminKey, scenario.Functions, scenario.UpgradeDelayMs, Token);

        // ToolCommand kills the whole process tree when the timeout passes.
        var result = await ToolCommand.RunNodeAsync(
            ["--import", "tsx", DifferentialScenario.NpmEntryScript, scenario.Name, emulator.Url.ToString()], s_npmTimeout, Token);
        Assert.False(result.TimedOut, $"The npm side of '{scenario.Name}' was killed after {s_npmTimeout.TotalSeconds:0} s:{Environment.NewLine}{result.Output}");
        Assert.True(result.ExitCode == 0, $"The npm side of '{scenario.Name}' failed (exit {result.ExitCode}):{Environment.NewLine}{result.Output}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        return ClientFrames.From(await emulator.StopAndReadRecordingAsync(http, Token));
    }
}
