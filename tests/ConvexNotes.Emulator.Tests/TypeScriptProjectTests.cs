using ConvexNotes.Testing;

namespace ConvexNotes.Emulator.Tests;

/// <summary>
/// Type-checks the TypeScript projects with the repository's pinned compiler. tsx runs the sources without checking
/// types, so without these cases a type error in the emulator, the functions or the conformance suite would pass.
/// </summary>
public sealed class TypeScriptProjectTests
{
    private const string Compiler = "node_modules/typescript/bin/tsc";

    // A cold compiler on a busy machine takes seconds; this only bounds a hang.
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    /// <summary>Folders (repository-relative) holding a tsconfig.json that `dotnet test` type-checks.</summary>
    public static TheoryData<string> Projects => ["convex", "tests/conformance", "tests/differential", "tools/convex-emulator"];

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task TypeChecks(string project)
    {
        var result = await ToolCommand.RunNodeAsync(
            [Compiler, "-p", project, "--noEmit", "--pretty", "false"],
            s_timeout,
            TestContext.Current.CancellationToken);

        Assert.False(result.TimedOut, $"tsc -p {project} was killed after {s_timeout}:{Environment.NewLine}{result.Output}");
        Assert.True(result.ExitCode == 0, $"tsc -p {project} exited with {result.ExitCode}:{Environment.NewLine}{result.Output}");
    }

    [Fact]
    public void EveryTypeScriptProjectIsChecked()
    {
        // Guards the list above: a new tsconfig.json that nobody adds there would never be type-checked.
        var projects = FoldersWithTsconfig(new DirectoryInfo(RepositoryPaths.Root))
            .Select(folder => Path.GetRelativePath(RepositoryPaths.Root, folder).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Projects.Select(row => row.Data).Order(StringComparer.Ordinal), projects);
    }

    private static IEnumerable<string> FoldersWithTsconfig(DirectoryInfo folder)
    {
        if (File.Exists(Path.Combine(folder.FullName, "tsconfig.json")))
        {
            yield return folder.FullName;
        }

        foreach (var child in folder.EnumerateDirectories().Where(child => !IsGeneratedOrInstalled(child.Name)))
        {
            foreach (var found in FoldersWithTsconfig(child))
            {
                yield return found;
            }
        }
    }

    private static bool IsGeneratedOrInstalled(string folderName) =>
        folderName is "node_modules" or "bin" or "obj" || folderName.StartsWith('.');
}
