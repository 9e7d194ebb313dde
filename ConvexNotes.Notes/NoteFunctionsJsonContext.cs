using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexNotes.Notes;

/// <summary>
/// Source-generated JSON for the notes functions' arguments, results and error data. Strict, so that a result of
/// another shape (a misconfigured function path, a document without its content) fails to decode rather than turning
/// into notes with null titles; null arguments are left out, which Convex reads as "unchanged".
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(NoteDocument))]
[JsonSerializable(typeof(NoteDocument[]))]
[JsonSerializable(typeof(NoteIdArgs))]
[JsonSerializable(typeof(CreateNoteArgs))]
[JsonSerializable(typeof(UpdateNoteArgs))]
[JsonSerializable(typeof(NoteErrorData))]
[JsonSerializable(typeof(string))]
public sealed partial class NoteFunctionsJsonContext : JsonSerializerContext;
