using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexNotes.Worker.Notes;

/// <summary>
/// Source-generated JSON for the documents the worker reads from Convex. Strict, so a list of something else (a
/// misconfigured FunctionPath) is a decode failure rather than notes with null titles.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(NoteDocument[]))]
internal sealed partial class NotesJsonContext : JsonSerializerContext;
