using System.Diagnostics;

namespace ConvexKit.Client.Tests.Support;

/// <summary>Runs a script with the repository's Node.js and npm packages (the official <c>convex</c> package is the real peer).</summary>
internal static class NodeScript
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static async Task<string> RunAsync(string moduleSource, string stdin, CancellationToken cancellationToken)
    {
        var scriptPath = Path.Combine(RepoRoot, "node_modules", ".cache", $"convex-client-tests-{Guid.NewGuid():N}.mjs");
        Directory.CreateDirectory(Path.GetDirectoryName(scriptPath)!);
        await File.WriteAllTextAsync(scriptPath, moduleSource, cancellationToken);
        try
        {
            var start = new ProcessStartInfo("node", [scriptPath])
            {
                WorkingDirectory = RepoRoot,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return process.ExitCode == 0
                ? await stdout
                : throw new InvalidOperationException($"node exited with {process.ExitCode}: {await stderr}");
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && Directory.Exists(Path.Combine(dir.FullName, "node_modules", "convex")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (package.json with node_modules/convex) above the test binaries.");
    }
}
