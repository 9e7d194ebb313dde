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
[JsonSerializable(typeof(NotesPageResponse))]
internal sealed partial class NotesJsonContext : JsonSerializerContext;
