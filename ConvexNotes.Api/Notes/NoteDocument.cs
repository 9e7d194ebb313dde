using System.Text.Json.Serialization;

namespace ConvexNotes.Api.Notes;

/// <summary>A document of the Convex <c>notes</c> table as <c>notes:list</c> and <c>notes:get</c> return it.</summary>
/// <param name="Id">The Convex document id (<c>_id</c>), an opaque string.</param>
/// <param name="CreationTime">Convex's <c>_creationTime</c>; the API reports <paramref name="CreatedAt"/> instead.</param>
/// <param name="Title">The trimmed title.</param>
/// <param name="Content">The content.</param>
/// <param name="CreatedAt">Milliseconds since the Unix epoch.</param>
/// <param name="UpdatedAt">Milliseconds since the Unix epoch.</param>
internal sealed record NoteDocument(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_creationTime")] double CreationTime,
    string Title,
    string Content,
    double CreatedAt,
    double UpdatedAt);

internal static class NoteDocumentExtensions
{
    public static NoteResponse AsNoteResponse(this NoteDocument document) => new(
        document.Id,
        document.Title,
        document.Content,
        FromUnixMilliseconds(document.CreatedAt),
        FromUnixMilliseconds(document.UpdatedAt));

    // Convex numbers are doubles; Date.now() values are whole milliseconds, but keep any fraction rather than truncate.
    private static DateTime FromUnixMilliseconds(double milliseconds) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
}
