using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// Source-generated JSON for everything the notes API reads and writes (the strictness settings live on the HTTP
/// serializer options, see NotesExtensions; unknown fields are rejected by the request records themselves).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateNoteRequest))]
[JsonSerializable(typeof(UpdateNoteRequest))]
[JsonSerializable(typeof(NoteResponse))]
[JsonSerializable(typeof(IReadOnlyList<NoteResponse>))]
internal sealed partial class NotesJsonContext : JsonSerializerContext;

/// <summary>The Convex side: documents and function arguments, kept apart from the HTTP contracts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NoteDocument))]
[JsonSerializable(typeof(NoteDocument[]))]
[JsonSerializable(typeof(NoteIdArgs))]
[JsonSerializable(typeof(CreateNoteArgs))]
[JsonSerializable(typeof(UpdateNoteArgs))]
[JsonSerializable(typeof(NoteErrorData))]
[JsonSerializable(typeof(string))]
internal sealed partial class ConvexNotesJsonContext : JsonSerializerContext;
