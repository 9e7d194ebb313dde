using System.Text.Json.Nodes;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>
/// A scenario from tests/differential/scenarios/&lt;name&gt;.json (format in tests/differential/README.md), written once
/// as data and run step by step by both clients: by <see cref="DotNetScenarioDriver"/> here and by
/// tests/differential/driver.ts with the npm client.
/// </summary>
/// <param name="Name">The file name without extension.</param>
/// <param name="AdminKey">The admin key the emulator accepts, for <c>adminAuth</c> steps.</param>
/// <param name="Functions">The Convex functions directory (repository-relative) when not the project's convex/.</param>
/// <param name="UpgradeDelayMs">How long each side's emulator holds a WebSocket upgrade (0: not at all).</param>
/// <param name="Covers">The client message types the scenario claims to exercise; the reference recording must show each.</param>
/// <param name="Steps">The steps, in order.</param>
internal sealed record DifferentialScenario(
    string Name, string? AdminKey, string? Functions, int UpgradeDelayMs, IReadOnlyList<string> Covers, IReadOnlyList<JsonObject> Steps)
{
    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "differential");

    /// <summary>The npm side: <c>node --import tsx tests/differential/run.ts &lt;name&gt; &lt;url&gt;</c>.</summary>
    public static string NpmEntryScript => Path.Combine("tests", "differential", "run.ts");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "scenarios"), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal);

    public static DifferentialScenario Load(string name)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "scenarios", $"{name}.json")))!.AsObject();
        return new DifferentialScenario(
            name,
            root["adminKey"]?.GetValue<string>(),
            root["functions"]?.GetValue<string>(),
            root["upgradeDelayMs"]?.GetValue<int>() ?? 0,
            [.. root["covers"]!.AsArray().Select(c => c!.GetValue<string>())],
            [.. root["steps"]!.AsArray().Select(s => s!.AsObject())]);
    }
}
