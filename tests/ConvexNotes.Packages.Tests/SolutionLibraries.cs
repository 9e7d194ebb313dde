using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvexNotes.Testing;

namespace ConvexNotes.Packages.Tests;

/// <summary>The library projects of ConvexNotes.sln (ConvexKit.*, not their tests or benchmarks): what should be packed.</summary>
internal static partial class SolutionLibraries
{
    /// <summary>Gets the project names, sorted; each is also its package id.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. SolutionProject().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "ConvexNotes.sln")))
            .Select(m => m.Groups["name"].Value)
            .Where(name => name.StartsWith("ConvexKit.", StringComparison.Ordinal)
                && !name.EndsWith(".Tests", StringComparison.Ordinal)
                && !name.EndsWith(".Benchmarks", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The ids a package's nuspec should name as dependencies: its project's package references (less the private ones) and project references.</summary>
    public static IReadOnlySet<string> DeclaredDependencies(string name)
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, name, $"{name}.csproj"));
        var packages = project.Descendants("PackageReference")
            .Where(reference => (string?)reference.Attribute("PrivateAssets") != "all")
            .Select(reference => (string)reference.Attribute("Include")!);
        var projects = project.Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(((string)reference.Attribute("Include")!).Replace('\\', '/')));
        return packages.Concat(projects).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""(?<name>[^""]+)"", ""[^""]+\.csproj""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();
}
