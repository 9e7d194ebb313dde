using ConvexNotes.Notes;

namespace ConvexNotes.Api.Notes;

/// <summary>Maps the Convex documents to the API's contract.</summary>
internal static class NoteDocumentExtensions
{
    public static NoteResponse AsNoteResponse(this NotesDocument document) => new(
        document.Id.Value,
        document.Title,
        document.Content,
        FromUnixMilliseconds(document.CreatedAt),
        FromUnixMilliseconds(document.UpdatedAt));

    // Convex numbers are doubles; Date.now() values are whole milliseconds, but keep any fraction rather than truncate.
    private static DateTime FromUnixMilliseconds(double milliseconds) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
}
