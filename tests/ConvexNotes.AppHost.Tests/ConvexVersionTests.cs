using System.Text.Json;
using ConvexKit.Aspire.Hosting;

namespace ConvexNotes.AppHost.Tests;

/// <summary>The version guard: every pin of the Convex CLI agrees with the one place that records it.</summary>
public sealed class ConvexVersionTests
{
    private static readonly string s_repositoryRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    [Theory]
    [InlineData("package.json", "dependencies")]
    [InlineData("tools/convex-emulator/package.json", "dependencies")]
    public void EveryPackageJsonPinsTheRecordedCli(string file, string section)
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_repositoryRoot, file)));

        Assert.Equal(ConvexContainerImageTags.CliVersion, package.RootElement.GetProperty(section).GetProperty("convex").GetString());
    }

    [Theory]
    [InlineData("package-lock.json")]
    [InlineData("tools/convex-emulator/package-lock.json")]
    public void EveryLockFileResolvesTheRecordedCli(string file)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_repositoryRoot, file)));

        Assert.Equal(ConvexContainerImageTags.CliVersion, lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/convex").GetProperty("version").GetString());
    }

    [Fact]
    public void TheImageTagIsOneCommitAndItsOwnCliIsRecorded()
    {
        Assert.Matches("^[0-9a-f]{40}$", ConvexContainerImageTags.Tag);
        Assert.Matches(@"^\d+\.\d+\.\d+$", ConvexContainerImageTags.TagCliVersion);
    }

    [Theory]
    [InlineData("1.48.0", "1.48.0", true)]
    [InlineData("convex-backend 1.48.0", "1.48.0", true)]
    [InlineData("unknown", "1.48.0", false)]
    [InlineData("1.45.0", "1.48.0", false)]
    [InlineData("1.48.01", "1.48.0", false)]
    public void TheBackendsVersionMatchesTheCliOnlyWhenItNamesIt(string reported, string cli, bool expected)
    {
        Assert.Equal(expected, ConvexVersionCheck.Matches(reported, cli));
    }
}
