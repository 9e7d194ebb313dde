using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexNotes.Notes;

/// <summary>The <c>data</c> of the ConvexErrors that <c>convex/notes.ts</c> throws (not part of the function spec: errors have no validator).</summary>
/// <param name="Code"><c>NOT_FOUND</c> or <c>INVALID_ARGUMENT</c>.</param>
/// <param name="Message">What is wrong, for people.</param>
/// <param name="Field">For <c>INVALID_ARGUMENT</c>: the field it concerns (<c>title</c> or <c>content</c>), when it concerns one.</param>
public sealed record NoteErrorData(string Code, string Message, string? Field = null);

/// <summary>Source-generated JSON for <see cref="NoteErrorData"/>; strict, so data of another shape fails to decode.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(NoteErrorData))]
public sealed partial class NoteErrorDataJsonContext : JsonSerializerContext;
