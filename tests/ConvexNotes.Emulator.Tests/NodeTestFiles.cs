using ConvexNotes.Testing;

namespace ConvexNotes.Emulator.Tests;

/// <summary>The node:test suites that `dotnet test` runs: the Convex function tests and the emulator conformance suite.</summary>
public static class NodeTestFiles
{
    public const string FunctionTestsFolder = "convex";
    public const string ConformanceTestsFolder = "tests/conformance";

    /// <summary>Repository-relative paths with forward slashes, so the test case names read like the files.</summary>
    public static IReadOnlyList<string> In(string folder)
    {
        var directory = Path.Combine(RepositoryPaths.Root, folder);
        return Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.test.ts")
                .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];
    }

    public static TheoryData<string> All => [.. In(FunctionTestsFolder), .. In(ConformanceTestsFolder)];
}
