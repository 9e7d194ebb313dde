using System.Diagnostics;

namespace ConvexNotes.AppHost.Tests;

/// <summary>The two Node scripts the AppHost's executables run, exercised as real processes.</summary>
public sealed class NodeScriptsTests : IDisposable
{
    private static readonly string s_scripts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "ConvexKit.Aspire.Hosting", "scripts"));
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("convexnotes-apphost-");

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 3)]
    public async Task WatcherWrapperNeverReportsSuccess(int childExitCode, int expectedExitCode)
    {
        var child = Write("child.mjs", $"console.log('child ran'); process.exit({childExitCode});");

        var (exitCode, output) = await RunNodeAsync(Path.Combine(s_scripts, "fail-on-exit.mjs"), child);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains("child ran", output, StringComparison.Ordinal);
        if (childExitCode == 0)
        {
            Assert.Contains("should run until stopped", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InstallIsSkippedWhenNodeModulesIsNewerThanTheLockFile()
    {
        Write("package.json", "{}");
        Write("package-lock.json", "{}");
        var marker = Write(Path.Combine("node_modules", ".package-lock.json"), "{}");
        File.SetLastWriteTimeUtc(marker, DateTime.UtcNow.AddMinutes(1));

        var (exitCode, output) = await RunNodeAsync(Path.Combine(s_scripts, "ensure-node-modules.mjs"));

        Assert.Equal(0, exitCode);
        Assert.Contains("up to date", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallRunsNpmCiWhenNodeModulesIsMissing()
    {
        // A project with no dependencies: npm ci needs no registry and runs in a moment.
        Write("package.json", """{ "name": "empty", "version": "1.0.0" }""");
        Write("package-lock.json", """{ "name": "empty", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "empty", "version": "1.0.0" } } }""");

        var (exitCode, output) = await RunNodeAsync(Path.Combine(s_scripts, "ensure-node-modules.mjs"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Installing npm packages: npm ci", output, StringComparison.Ordinal);
        Assert.Contains("up to date", output, StringComparison.Ordinal); // npm's own summary line
        Assert.DoesNotContain("nothing to install", output, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private string Write(string relativePath, string content)
    {
        var path = Path.Combine(_temp.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int ExitCode, string Output)> RunNodeAsync(params string[] args)
    {
        var startInfo = new ProcessStartInfo("node") { WorkingDirectory = _temp.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var cancellationToken = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
