using System.Text.Json.Serialization;

namespace ConvexKit.Client.Tests.Http;

/// <summary>A note as convex/notes.ts returns it; the system fields need explicit names.</summary>
public sealed record NoteDocument(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_creationTime")] double CreationTime,
    string Title,
    string Content,
    double CreatedAt,
    double UpdatedAt);

public sealed record CreateNoteArgs(string Title, string Content);

public sealed record NoteIdArgs(string Id);

public sealed record UpdateNoteArgs(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);

/// <summary>The <c>data</c> of the notes functions' ConvexError.</summary>
public sealed record NoteError(string Code, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NoteDocument))]
[JsonSerializable(typeof(List<NoteDocument>))]
[JsonSerializable(typeof(CreateNoteArgs))]
[JsonSerializable(typeof(NoteIdArgs))]
[JsonSerializable(typeof(UpdateNoteArgs))]
[JsonSerializable(typeof(NoteError))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Guid))]
internal sealed partial class HttpTestJsonContext : JsonSerializerContext;
