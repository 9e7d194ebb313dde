using System.Text.Json.Serialization;

namespace ConvexNotes.Notes;

/// <summary>A document of the Convex <c>notes</c> table, as <c>notes:list</c>, <c>notes:get</c> and <c>notes:update</c> return it.</summary>
/// <param name="Id">The Convex document id (<c>_id</c>), an opaque string.</param>
/// <param name="CreationTime">Convex's <c>_creationTime</c>, milliseconds since the Unix epoch.</param>
/// <param name="Title">The title, stored trimmed.</param>
/// <param name="Content">The content: user data, compared and returned but never logged.</param>
/// <param name="CreatedAt">Milliseconds since the Unix epoch.</param>
/// <param name="UpdatedAt">Milliseconds since the Unix epoch; it increases on every update.</param>
public sealed record NoteDocument(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_creationTime")] double CreationTime,
    string Title,
    string Content,
    double CreatedAt,
    double UpdatedAt)
{
    // Records print every property; a note's text must never reach a log or a test report by accident.
    /// <summary>Names the note without its title or content.</summary>
    /// <returns>The id and <see cref="UpdatedAt"/>.</returns>
    public override string ToString() => $"NoteDocument {{ Id = {Id}, UpdatedAt = {UpdatedAt} }}";
}
