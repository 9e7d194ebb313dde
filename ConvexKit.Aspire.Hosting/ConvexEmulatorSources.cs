namespace ConvexKit.Aspire.Hosting;

/// <summary>Where the emulator's sources are and where it runs from.</summary>
/// <param name="WorkingDirectory">The folder whose node_modules provides the emulator's packages (tsx, convex-test, ws).</param>
/// <param name="MainScript">The entry point, relative to <paramref name="WorkingDirectory"/> or absolute.</param>
internal sealed record ConvexEmulatorSources(string WorkingDirectory, string MainScript)
{
    /// <summary>The entry point inside a ConvexNotes checkout.</summary>
    public const string RepositoryMainScript = "tools/convex-emulator/src/main.ts";

    /// <summary>
    /// The emulator sources of the ConvexNotes repository the AppHost lives in (found by walking up from the AppHost's
    /// directory), so edits to tools/convex-emulator take effect at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The AppHost is not inside a ConvexNotes checkout.</exception>
    public static ConvexEmulatorSources Find(string appHostDirectory)
    {
        for (var directory = new DirectoryInfo(appHostDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RepositoryMainScript)))
            {
                return new(directory.FullName, RepositoryMainScript);
            }
        }

        throw new InvalidOperationException(
            $"Emulator mode needs the Convex emulator's sources ({RepositoryMainScript}), and none were found above '{appHostDirectory}'.");
    }
}
