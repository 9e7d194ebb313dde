using System.Text.Json.Serialization;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Benchmarks.Codec;

/// <summary>
/// The ~1 MB notes payload of bench/fixtures/notes-1mb.json (made by bench/npm/make-notes-payload.mjs), loaded the
/// same way on both sides: the fixture's bytes, the decoded value, and the typed records.
/// </summary>
public sealed class NotesPayload
{
    private NotesPayload(byte[] utf8)
    {
        Utf8 = utf8;
        Value = ConvexValue.Parse(utf8);
        Notes = Value.ToObject(NotesJsonContext.Default.ListNote);
    }

    public static string FixturePath => RepositoryRoot.Combine("bench", "fixtures", "notes-1mb.json");

    public byte[] Utf8 { get; }

    public ConvexValue Value { get; }

    public List<Note> Notes { get; }

    public static NotesPayload Load() => new(File.ReadAllBytes(FixturePath));
}

/// <summary>One note of the payload, as an application would model it.</summary>
public sealed record Note(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_creationTime")] double CreationTime,
    string Title,
    string Content,
    double CreatedAt,
    double UpdatedAt,
    long Version,
    List<string> Tags,
    bool Pinned,
    double Score,
    byte[]? Thumbnail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<Note>))]
internal sealed partial class NotesJsonContext : JsonSerializerContext;
