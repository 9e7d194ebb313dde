using System.Reflection;
using ConvexNotes.Testing;

[assembly: AssemblyFixture(typeof(ConvexNotes.Packages.Tests.PackedLibraries))]

namespace ConvexNotes.Packages.Tests;

/// <summary>
/// Runs the real <c>dotnet pack</c> on the solution once, from the binaries built with these tests (<c>--no-build</c>),
/// into a temporary folder that then serves as a local NuGet feed, and reads every package and symbols package in it.
/// </summary>
public sealed class PackedLibraries : IAsyncLifetime
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(4);

    private Dictionary<string, PackedPackage> _packages = [];
    private Dictionary<string, PackedPackage> _symbols = [];

    /// <summary>Gets the folder holding the .nupkg and .snupkg files: a local feed for a nuget.config.</summary>
    public string Feed { get; } = Path.Combine(Path.GetTempPath(), $"convexkit-feed-{Guid.NewGuid():N}");

    /// <summary>Gets the ids of the packages made, sorted.</summary>
    public IReadOnlyList<string> Ids => [.. _packages.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Gets the package with the id <paramref name="id"/>.</summary>
    public PackedPackage this[string id] => _packages[id];

    /// <summary>Gets the symbols package (.snupkg) of the package with the id <paramref name="id"/>.</summary>
    public PackedPackage Symbols(string id) => _symbols[id];

    /// <summary>Gets the version every package was made with (they share one).</summary>
    public string Version => _packages.Values.Select(p => p["version"]).Distinct().Single();

    public async ValueTask InitializeAsync()
    {
        var configuration = typeof(PackedLibraries).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var result = await ToolCommand.RunDotnetAsync(
            ["pack", "ConvexNotes.sln", "--no-build", "-c", configuration, "-o", Feed, "-nologo"], s_packTimeout, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}):\n{result.Output}");
        }

        _packages = Directory.GetFiles(Feed, "*.nupkg").Select(PackedPackage.Read).ToDictionary(p => p["id"]);
        _symbols = Directory.GetFiles(Feed, "*.snupkg").Select(PackedPackage.Read).ToDictionary(p => p["id"]);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Feed))
        {
            Directory.Delete(Feed, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
