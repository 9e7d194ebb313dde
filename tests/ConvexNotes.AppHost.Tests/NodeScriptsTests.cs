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

    [Fact]
    public async Task EmulatorInstallCopiesTheSourcesRunsNpmCiAndMarksTheFolderComplete()
    {
        // A package with no dependencies: npm ci needs no registry and runs in a moment.
        Write(Path.Combine("packaged", "package.json"), """{ "name": "emulator", "version": "1.0.0", "type": "module" }""");
        Write(Path.Combine("packaged", "package-lock.json"), """{ "name": "emulator", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "emulator", "version": "1.0.0" } } }""");
        Write(Path.Combine("packaged", "src", "main.ts"), "export {};");
        var target = Path.Combine(_temp.FullName, "cache", "0.1.0-abc");

        var (exitCode, output) = await RunNodeAsync(Path.Combine(s_scripts, "install-emulator.mjs"), Path.Combine(_temp.FullName, "packaged"), target);

        Assert.True(exitCode == 0, output);
        Assert.Contains("a test double, not Convex", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, ".convexkit-installed")));
        Assert.True(File.Exists(Path.Combine(target, "src", "main.ts")));
        Assert.Contains("up to date", output, StringComparison.Ordinal); // npm ci's own summary line
        Assert.Empty(Directory.GetDirectories(Path.Combine(_temp.FullName, "cache"), "*.partial-*"));
    }

    [Fact]
    public async Task EmulatorInstallLeavesACompleteFolderAlone()
    {
        var target = Path.Combine(_temp.FullName, "cache", "0.1.0-abc");
        Write(Path.Combine("cache", "0.1.0-abc", ".convexkit-installed"), "earlier");

        // The packaged folder doesn't even exist: nothing is read from it.
        var (exitCode, output) = await RunNodeAsync(Path.Combine(s_scripts, "install-emulator.mjs"), Path.Combine(_temp.FullName, "missing"), target);

        Assert.Equal(0, exitCode);
        Assert.Contains("nothing to install", output, StringComparison.Ordinal);
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(target, ".convexkit-installed")));
    }

    [Fact]
    public async Task AFailedEmulatorInstallLeavesNoFolderBehind()
    {
        // A lock file that doesn't match package.json: npm ci refuses it.
        Write(Path.Combine("packaged", "package.json"), """{ "name": "emulator", "version": "1.0.0", "dependencies": { "left-pad": "1.3.0" } }""");
        Write(Path.Combine("packaged", "package-lock.json"), """{ "name": "emulator", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "emulator", "version": "1.0.0" } } }""");
        var target = Path.Combine(_temp.FullName, "cache", "0.1.0-abc");

        var (exitCode, output) = await RunNodeAsync(Path.Combine(s_scripts, "install-emulator.mjs"), Path.Combine(_temp.FullName, "packaged"), target);

        Assert.NotEqual(0, exitCode);
        Assert.False(Directory.Exists(target), output);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_temp.FullName, "cache")));
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
