using System.Text.Json.Serialization;

namespace ConvexNotes.Worker.Notes;

/// <summary>A document of the Convex <c>notes</c> table, as <c>notes:list</c> returns it.</summary>
/// <param name="Id">The Convex document id (<c>_id</c>), an opaque string.</param>
/// <param name="CreationTime">Convex's <c>_creationTime</c>, milliseconds since the Unix epoch.</param>
/// <param name="Title">The title.</param>
/// <param name="Content">The content: user data that the worker compares but never logs.</param>
/// <param name="CreatedAt">Milliseconds since the Unix epoch.</param>
/// <param name="UpdatedAt">Milliseconds since the Unix epoch; it increases on every update.</param>
internal sealed record NoteDocument(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_creationTime")] double CreationTime,
    string Title,
    string Content,
    double CreatedAt,
    double UpdatedAt)
{
    // Records print every property; a note's content must never reach a log or a test report by accident.
    public override string ToString() => $"NoteDocument {{ Id = {Id}, UpdatedAt = {UpdatedAt} }}";
}
