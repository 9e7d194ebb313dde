namespace ConvexNotes.Testing;

/// <summary>Finds the repository checkout the tests were built from, so they can run its Node tools.</summary>
public static class RepositoryPaths
{
    private const string SolutionFileName = "ConvexNotes.sln";

    private static readonly Lazy<string> s_root = new(() => FindRootAbove(AppContext.BaseDirectory));

    /// <summary>The folder that holds ConvexNotes.sln, found by walking up from the test binaries.</summary>
    public static string Root => s_root.Value;

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds ConvexNotes.sln.</summary>
    public static string FindRootAbove(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder at or above '{start}' contains {SolutionFileName}.");
    }
}
