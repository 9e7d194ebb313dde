namespace ConvexKit.Client.Benchmarks;

/// <summary>Finds the checkout (the folder holding ConvexNotes.sln) from the binaries, to read fixtures and run node.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "ConvexNotes.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the ConvexNotes checkout (no ConvexNotes.sln found above it).");
    }
}
