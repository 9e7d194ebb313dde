using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Packaging;

/// <summary>
/// Runs the real <c>dotnet pack</c> on the solution once, from the binaries these tests were built with
/// (<c>--no-build</c>), into a temporary folder, and reads every package it made.
/// </summary>
public sealed class PackedLibraries : IAsyncLifetime
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(3);

    private readonly string _output = Path.Combine(Path.GetTempPath(), $"convex-client-packages-{Guid.NewGuid():N}");
    private Dictionary<string, PackedPackage> _packages = [];

    /// <summary>Gets the ids of the packages made, sorted.</summary>
    public IReadOnlyList<string> Ids => [.. _packages.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Gets the package with the id <paramref name="id"/>.</summary>
    public PackedPackage this[string id] => _packages[id];

    public async ValueTask InitializeAsync()
    {
        var configuration = typeof(ConvexClient).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var result = await ToolCommand.RunDotnetAsync(
            ["pack", "ConvexNotes.sln", "--no-build", "-c", configuration, "-o", _output, "-nologo"], s_packTimeout, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}):\n{result.Output}");
        }

        _packages = Directory.GetFiles(_output, "*.nupkg").Select(PackedPackage.Read).ToDictionary(p => p["id"]);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>What a .nupkg holds: its nuspec metadata and the paths and text of its files.</summary>
public sealed class PackedPackage
{
    private static readonly XNamespace s_nuspec = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    private PackedPackage(XElement metadata, IReadOnlyDictionary<string, byte[]> files)
    {
        Metadata = metadata;
        Files = files;
    }

    public XElement Metadata { get; }

    public IReadOnlyDictionary<string, byte[]> Files { get; }

    public string this[string element] => Metadata.Element(s_nuspec + element)?.Value ?? "";

    /// <summary>Gets the package's dependencies (id → version range) for its one target framework.</summary>
    public IReadOnlyDictionary<string, string> Dependencies =>
        Metadata.Descendants(s_nuspec + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);

    public string Text(string path) => System.Text.Encoding.UTF8.GetString(Files[path]);

    public static PackedPackage Read(string file)
    {
        using var zip = ZipFile.OpenRead(file);
        var files = zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        var nuspec = files.Single(f => f.Key.EndsWith(".nuspec", StringComparison.Ordinal) && !f.Key.Contains('/', StringComparison.Ordinal));
        using var reader = new MemoryStream(nuspec.Value);
        return new PackedPackage(XDocument.Load(reader).Root!.Element(s_nuspec + "metadata")!, files);
    }
}
