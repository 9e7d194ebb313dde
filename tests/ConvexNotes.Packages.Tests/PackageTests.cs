using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace ConvexNotes.Packages.Tests;

/// <summary>
/// The libraries as a user gets them from a feed: `dotnet pack` on the solution makes one package per ConvexKit library
/// and nothing else, each with its licence, README, XML docs, symbols package and the dependencies it declares, no more.
/// </summary>
public sealed partial class PackageTests(PackedLibraries packages)
{
    public static TheoryData<string> Ids => [.. SolutionLibraries.Names];

    // Apps, tests, benchmarks and the notes contract are not for a feed.
    [Fact]
    public void EveryLibraryAndNothingElseIsPacked()
    {
        Assert.Equal(SolutionLibraries.Names, packages.Ids);
        Assert.Subset(packages.Ids.ToHashSet(), new HashSet<string> { "ConvexKit.Aspire.Hosting", "ConvexKit.Client", "ConvexKit.Client.Hosting" });
    }

    // The Convex-Client header says dotnet-<assembly informational version>; the package must carry the same version.
    [Fact]
    public void ClientAssemblyInThePackageNamesThePackageVersion()
    {
        var client = packages["ConvexKit.Client"];
        var context = new AssemblyLoadContext("packed-client", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(client.Files["lib/net10.0/ConvexKit.Client.dll"]));
            var informational = assembly.GetCustomAttributesData()
                .Single(a => a.AttributeType.FullName == typeof(AssemblyInformationalVersionAttribute).FullName)
                .ConstructorArguments[0].Value as string;

            Assert.Equal(client["version"], informational?.Split('+')[0]);
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachPackageCarriesItsAssemblyDocsAndReadme(string id)
    {
        var package = packages[id];

        Assert.Contains($"lib/net10.0/{id}.dll", package.Files.Keys);
        Assert.Contains($"lib/net10.0/{id}.xml", package.Files.Keys);
        Assert.Equal("README.md", package["readme"]);
        Assert.StartsWith($"# {id}", package.Text("README.md"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(package["description"]));
        Assert.Contains("convex", package["tags"].Split(' '));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachPackageIsMitLicensed(string id)
    {
        var package = packages[id];

        var license = package.Element("license");
        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.StartsWith("MIT License", package.Text("LICENSE"), StringComparison.Ordinal);
        Assert.Contains("Copyright (c) 2026 ConvexNotes contributors", package.Text("LICENSE"), StringComparison.Ordinal);
        Assert.Equal("Copyright (c) 2026 ConvexNotes contributors", package["copyright"]);
        Assert.Equal("ConvexNotes contributors", package["authors"]);
    }

    // Only what is known: the commit the package was built from; no repository or project URL is invented.
    [Theory]
    [MemberData(nameof(Ids))]
    public void EachPackageNamesItsCommit(string id)
    {
        var repository = packages[id].Element("repository");

        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit"));
        Assert.All(
            new[] { (string?)repository.Attribute("url"), packages[id]["projectUrl"] }.Where(url => !string.IsNullOrEmpty(url)),
            url => Assert.StartsWith("https://", url, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachPackageHasASymbolsPackageWithItsPortablePdb(string id)
    {
        var symbols = packages.Symbols(id);

        Assert.Equal(packages[id]["version"], symbols["version"]);
        var pdb = symbols.Files[$"lib/net10.0/{id}.pdb"];
        // A portable PDB is an ECMA-335 metadata blob: it starts with the signature "BSJB".
        Assert.Equal("BSJB"u8.ToArray(), pdb[..4]);
        Assert.DoesNotContain(packages[id].Files.Keys, path => path.EndsWith(".pdb", StringComparison.Ordinal));
    }

    // nuget.org renders a package README on its own: a link relative to the repository would lead nowhere.
    [Theory]
    [MemberData(nameof(Ids))]
    public void ReadmeLinksAreAbsolute(string id)
    {
        var links = MarkdownLink().Matches(packages[id].Text("README.md")).Select(m => m.Groups["target"].Value).ToList();

        Assert.All(links, link => Assert.StartsWith("https://", link, StringComparison.Ordinal));
    }

    [Fact]
    public void XmlDocsDescribeThePublicApi()
    {
        var docs = packages["ConvexKit.Client"].Text("lib/net10.0/ConvexKit.Client.xml");

        Assert.Contains("<member name=\"T:ConvexKit.Client.ConvexClient\">", docs, StringComparison.Ordinal);
        Assert.Contains("<member name=\"T:ConvexKit.Client.Http.ConvexHttpClient\">", docs, StringComparison.Ordinal);
    }

    // A package depends on what its project references, not on every package the build pins (Polly, gRPC tools, ...).
    [Theory]
    [MemberData(nameof(Ids))]
    public void EachPackageDependsOnWhatItsProjectReferences(string id)
    {
        Assert.Equal(SolutionLibraries.DeclaredDependencies(id).Order(StringComparer.Ordinal), packages[id].Dependencies.Keys.Order(StringComparer.Ordinal));
    }

    // The client is meant to go anywhere: anything beyond logging abstractions belongs in the hosting package.
    [Fact]
    public void ClientDependsOnLoggingAbstractionsOnly()
    {
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"], packages["ConvexKit.Client"].Dependencies.Keys);
    }

    [Fact]
    public void HostingDependsOnTheClientOfTheSameVersion()
    {
        var hosting = packages["ConvexKit.Client.Hosting"];

        Assert.Equal(packages["ConvexKit.Client"]["version"], hosting.Dependencies["ConvexKit.Client"]);
        Assert.Equal(hosting["version"], packages["ConvexKit.Client"]["version"]);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
