using System.Text.Json;
using System.Xml.Linq;
using ConvexNotes.Testing;

namespace ConvexNotes.Packages.Tests;

/// <summary>
/// A copy of ThirdPartyApp/ in a temporary folder outside the repository: an AppHost, a service, their test and a
/// convex/ folder, referencing the ConvexKit packages by id and version from a local feed (plus the machine's own
/// NuGet sources), with the versions of Aspire and xunit the repository uses filled in.
/// </summary>
internal sealed class ThirdPartyApp : IDisposable
{
    private const string TemplateFolder = "ThirdPartyApp";

    private ThirdPartyApp(string directory) => Directory = directory;

    /// <summary>Gets the app's root folder (beside its nuget.config and global.json).</summary>
    public string Directory { get; }

    /// <summary>Gets the file the app's test writes the service's answer to.</summary>
    public string AnswerFile => Path.Combine(Directory, "answer.txt");

    /// <summary>
    /// Gets the environment for the dotnet commands run in the app: where its test writes the answer, and none of the
    /// MSBuild or test-platform variables this test process inherited from the repository's own build and test run.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment =>
        System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(name => name, string? (_) => null)
            .Append(new KeyValuePair<string, string?>("GREETING_ANSWER_FILE", AnswerFile))
            .ToDictionary();

    /// <summary>Writes the app for the packages of version <paramref name="convexKitVersion"/> in <paramref name="feed"/>.</summary>
    public static async Task<ThirdPartyApp> CreateAsync(string feed, string convexKitVersion, CancellationToken cancellationToken)
    {
        var app = new ThirdPartyApp(Path.Combine(Path.GetTempPath(), $"convexkit-third-party-{Guid.NewGuid():N}"));
        var values = await TemplateValuesAsync(convexKitVersion, cancellationToken);
        var templates = Path.Combine(AppContext.BaseDirectory, TemplateFolder);
        foreach (var source in System.IO.Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(app.Directory, Path.GetRelativePath(templates, source));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = await File.ReadAllTextAsync(source, cancellationToken);
            foreach (var (name, value) in values)
            {
                text = text.Replace($"{{{{{name}}}}}", value, StringComparison.Ordinal);
            }

            await File.WriteAllTextAsync(target, text, cancellationToken);
        }

        // The repository's SDK choice and test runner (Microsoft.Testing.Platform for dotnet test), nothing else of it.
        File.Copy(Path.Combine(RepositoryPaths.Root, "global.json"), Path.Combine(app.Directory, "global.json"));
        await File.WriteAllTextAsync(Path.Combine(app.Directory, "nuget.config"), await NuGetConfigAsync(app.Directory, feed, cancellationToken), cancellationToken);
        return app;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>The versions a team on the same stack would pick: those the repository builds and tests with.</summary>
    private static async Task<Dictionary<string, string>> TemplateValuesAsync(string convexKitVersion, CancellationToken cancellationToken)
    {
        var packages = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"));
        string Property(string name) => packages.Descendants(name).Single().Value;
        string PackageVersion(string id) => (string)packages.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!;

        using var globalJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "global.json"), cancellationToken));
        return new()
        {
            ["ConvexKitVersion"] = convexKitVersion,
            ["AspireVersion"] = Property("AspireVersion"),
            ["AspireSdkVersion"] = globalJson.RootElement.GetProperty("msbuild-sdks").GetProperty("Aspire.AppHost.Sdk").GetString()!,
            ["XunitVersion"] = PackageVersion("xunit.v3"),
        };
    }

    /// <summary>
    /// The local feed beside the sources the machine's own NuGet configuration names (a package mirror here), which
    /// stay in force because this file does not clear them. Packages are extracted into the app's own folder, so the
    /// ConvexKit packages never land in (or come stale from) the user's global packages folder; that folder serves as a
    /// read-only fallback for everything else, so nothing already downloaded is downloaded again.
    /// </summary>
    private static async Task<string> NuGetConfigAsync(string appDirectory, string feed, CancellationToken cancellationToken)
    {
        var locals = await ToolCommand.RunDotnetAsync(["nuget", "locals", "global-packages", "--list"], TimeSpan.FromMinutes(1), cancellationToken);
        var globalPackages = locals.Output.Split('\n').Select(line => line.Trim())
            .Single(line => line.StartsWith("global-packages:", StringComparison.Ordinal))["global-packages:".Length..].Trim();
        return new XDocument(new XElement("configuration",
            new XElement("config", Add("globalPackagesFolder", Path.Combine(appDirectory, "packages"))),
            new XElement("packageSources", Add("convexkit-local", feed)),
            new XElement("fallbackPackageFolders", Add("user-global-packages", globalPackages)))).ToString();

        static XElement Add(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));
    }
}
