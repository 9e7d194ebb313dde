using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace ConvexNotes.Packages.Tests;

/// <summary>What a .nupkg (or .snupkg) holds: its nuspec metadata and the paths and bytes of its files.</summary>
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

    /// <summary>Gets the text of the nuspec metadata element <paramref name="element"/>, or "" when it is absent.</summary>
    public string this[string element] => Metadata.Element(s_nuspec + element)?.Value ?? "";

    /// <summary>Gets the nuspec metadata element <paramref name="element"/>, or null.</summary>
    public XElement? Element(string element) => Metadata.Element(s_nuspec + element);

    /// <summary>Gets the package's dependencies (id → version range) for its one target framework.</summary>
    public IReadOnlyDictionary<string, string> Dependencies =>
        Metadata.Descendants(s_nuspec + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);

    public string Text(string path) => Encoding.UTF8.GetString(Files[path]);

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
