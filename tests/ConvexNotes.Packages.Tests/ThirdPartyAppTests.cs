using System.Text.Json;
using ConvexNotes.Testing;

namespace ConvexNotes.Packages.Tests;

/// <summary>
/// What "installable" means: an app written outside this repository, referencing only the packed ConvexKit packages by
/// id and version, runs its own Convex query in emulator mode under Aspire.Hosting.Testing and its service gets the
/// answer through the client.
/// </summary>
public sealed class ThirdPartyAppTests(PackedLibraries packages)
{
    // Restore (mostly from the local caches), build of three small projects, npm install of convex, the run itself.
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task AServiceOutsideTheRepositoryGetsItsQueryAnswerThroughThePackages()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var app = await ThirdPartyApp.CreateAsync(packages.Feed, packages.Version, cancellationToken);

        var run = await ToolCommand.RunDotnetAsync(
            ["test", "--project", Path.Combine("AppHost.Tests", "AppHost.Tests.csproj")], s_timeout, cancellationToken, app.Directory, app.Environment);

        Assert.True(run.ExitCode == 0, $"The third-party app's test failed ({(run.TimedOut ? "timed out" : $"exit {run.ExitCode}")}):\n{run.Output}");
        Assert.Equal("Hello, third party!", await File.ReadAllTextAsync(app.AnswerFile, cancellationToken));
        // The AppHost side resolves the hosting package, the service the client packages (an AppHost's project
        // references to its services don't carry their packages).
        Assert.Equal(
            new Dictionary<string, string> { ["ConvexKit.Aspire.Hosting"] = "package", ["ConvexKit.Client"] = "package", ["ConvexKit.Client.Hosting"] = "package" },
            new[] { "AppHost.Tests", "Service" }
                .SelectMany(project => ConvexKitLibraries(Path.Combine(app.Directory, project, "obj", "project.assets.json"), packages.Version))
                .Distinct()
                .ToDictionary());
    }

    /// <summary>The ConvexKit libraries the restore resolved (id → package or project), all of them at <paramref name="version"/>.</summary>
    private static Dictionary<string, string> ConvexKitLibraries(string assetsFile, string version)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        return assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Name.StartsWith("ConvexKit.", StringComparison.Ordinal))
            .ToDictionary(
                library => library.Name.Split('/')[0],
                library => library.Name.EndsWith($"/{version}", StringComparison.Ordinal) ? library.Value.GetProperty("type").GetString()! : $"version {library.Name}");
    }
}
