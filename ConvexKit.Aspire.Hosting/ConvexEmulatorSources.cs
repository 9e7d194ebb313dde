using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ConvexKit.Aspire.Hosting;

/// <summary>Where the emulator's sources are, where it runs from, and whether it must be installed first.</summary>
/// <param name="WorkingDirectory">The folder whose node_modules provides the emulator's packages (tsx, convex-test, ws).</param>
/// <param name="MainScript">The entry point, relative to <paramref name="WorkingDirectory"/>.</param>
/// <param name="PackagedDirectory">
/// The emulator as this package carries it, when it runs from the cache: it is installed from there into
/// <paramref name="WorkingDirectory"/> first. Null when it runs from a ConvexNotes checkout.
/// </param>
internal sealed record ConvexEmulatorSources(string WorkingDirectory, string MainScript, string? PackagedDirectory)
{
    /// <summary>Overrides the cache root (the folder under which installed emulators live); tests use a temporary one.</summary>
    public const string CacheDirectoryKey = "Convex:EmulatorCacheDirectory";

    /// <summary>The entry point inside a ConvexNotes checkout.</summary>
    public const string RepositoryMainScript = "tools/convex-emulator/src/main.ts";

    /// <summary>The packaged emulator's folder beside the hosting assembly (in the AppHost's output).</summary>
    public const string PackagedFolder = "convex-emulator";

    private const string PackagedMainScript = "src/main.ts";

    /// <summary>
    /// The emulator sources of the ConvexNotes checkout the AppHost lives in (found by walking up from the AppHost's
    /// directory), so edits to tools/convex-emulator take effect at once; otherwise the copy this package carries, run
    /// from a cache folder keyed by the package version and a hash of the packaged files.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither is there.</exception>
    public static ConvexEmulatorSources Find(string appHostDirectory, IConfiguration configuration)
    {
        for (var directory = new DirectoryInfo(appHostDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, RepositoryMainScript)))
            {
                return new(directory.FullName, RepositoryMainScript, PackagedDirectory: null);
            }
        }

        var packaged = Path.Combine(AppContext.BaseDirectory, PackagedFolder);
        if (!File.Exists(Path.Combine(packaged, PackagedMainScript)))
        {
            throw new InvalidOperationException(
                $"Emulator mode needs the Convex emulator, which ConvexKit.Aspire.Hosting copies to '{packaged}'; it is not there. Rebuild the AppHost.");
        }

        var cacheRoot = configuration[CacheDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(Path.Combine(appHostDirectory, configured))
            : DefaultCacheRoot();
        return new(Path.Combine(cacheRoot, CacheKey(packaged)), PackagedMainScript, packaged);
    }

    /// <summary>The user's cache folder: %LOCALAPPDATA% on Windows, ~/Library/Caches on macOS, $XDG_CACHE_HOME or ~/.cache elsewhere.</summary>
    internal static string DefaultCacheRoot()
    {
        string root;
        if (OperatingSystem.IsWindows())
        {
            root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }
        else
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = OperatingSystem.IsMacOS()
                ? Path.Combine(home, "Library", "Caches")
                : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".cache");
        }

        return Path.Combine(root, "convexkit", "convex-emulator");
    }

    /// <summary>
    /// <c>{package version}-{hash}</c>: the hash covers every packaged file (names and contents), so a rebuilt package
    /// with other sources or another lock file never reuses an installed folder.
    /// </summary>
    internal static string CacheKey(string packagedDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(packagedDirectory, "*", SearchOption.AllDirectories)
                     .Select(file => Path.GetRelativePath(packagedDirectory, file).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{file}\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(packagedDirectory, file)));
        }

        var version = typeof(ConvexEmulatorSources).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return $"{version.Split('+')[0]}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}";
    }
}
