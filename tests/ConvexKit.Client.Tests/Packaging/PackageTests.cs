using System.Text.RegularExpressions;

namespace ConvexKit.Client.Tests.Packaging;

/// <summary>
/// The libraries as a user gets them from a feed: `dotnet pack` on the solution makes exactly these packages, each
/// with its README, XML docs and the dependencies it needs and no more.
/// </summary>
public sealed partial class PackageTests(PackedLibraries packages) : IClassFixture<PackedLibraries>
{
    // Apps, tests, benchmarks and the notes contract are not for a feed.
    [Fact]
    public void OnlyTheClientLibrariesArePacked()
    {
        Assert.Equal(["ConvexKit.Client", "ConvexKit.Client.Generators", "ConvexKit.Client.Hosting"], packages.Ids);
    }

    // A source generator is an analyzer asset: nothing to reference, nothing to depend on, and the build files that add
    // convex/_generated/functionSpec.json to a consumer's AdditionalFiles.
    [Fact]
    public void GeneratorPackageIsAnAnalyzerWithItsBuildFiles()
    {
        var generators = packages["ConvexKit.Client.Generators"];

        Assert.Contains("analyzers/dotnet/cs/ConvexKit.Client.Generators.dll", generators.Files.Keys);
        Assert.Contains("build/ConvexKit.Client.Generators.props", generators.Files.Keys);
        Assert.Contains("build/ConvexKit.Client.Generators.targets", generators.Files.Keys);
        Assert.Contains("functionSpec.json", generators.Text("build/ConvexKit.Client.Generators.targets"), StringComparison.Ordinal);
        Assert.DoesNotContain(generators.Files.Keys, path => path.StartsWith("lib/", StringComparison.Ordinal));
        Assert.Empty(generators.Dependencies);
        Assert.Equal(packages["ConvexKit.Client"]["version"], generators["version"]);
        Assert.Equal("README.md", generators["readme"]);
    }

    [Fact]
    public void ClientPackageNamesTheVersionTheClientSendsInItsConvexClientHeader()
    {
        var client = packages["ConvexKit.Client"];

        Assert.Equal("ConvexKit.Client", client["id"]);
        Assert.Equal(ClientVersion.Version, client["version"]);
        Assert.Equal($"dotnet-{client["version"]}", ClientVersion.HeaderValue);
    }

    [Theory]
    [InlineData("ConvexKit.Client")]
    [InlineData("ConvexKit.Client.Hosting")]
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

    // nuget.org renders a package README on its own: a link relative to the repository would lead nowhere.
    [Theory]
    [InlineData("ConvexKit.Client")]
    [InlineData("ConvexKit.Client.Generators")]
    [InlineData("ConvexKit.Client.Hosting")]
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
