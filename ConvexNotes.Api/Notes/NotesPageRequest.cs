using System.Globalization;

namespace ConvexNotes.Api.Notes;

/// <summary>The paging parameters of <c>GET /notes</c>: <c>limit</c> and <c>cursor</c>, checked before anything is asked of Convex.</summary>
internal sealed record NotesPageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    // Convex's cursors are a few hundred characters; anything far longer is not one.
    public const int MaxCursorLength = 4096;

    /// <summary>
    /// Reads the query string: null when neither parameter is there (the whole list is wanted), otherwise the request
    /// or the errors per parameter (for a validation problem).
    /// </summary>
    public static NotesPageRequest? TryRead(string? limit, string? cursor, out Dictionary<string, string[]>? errors)
    {
        errors = null;
        if (limit is null && cursor is null)
        {
            return null;
        }

        var parsedLimit = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsedLimit) || parsedLimit is < 1 or > MaxLimit))
        {
            (errors ??= [])["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        if (cursor is not null && cursor.Length is 0 or > MaxCursorLength)
        {
            (errors ??= [])["cursor"] = ["cursor must be the nextCursor of a previous page."];
        }

        return errors is null ? new NotesPageRequest(parsedLimit, cursor) : null;
    }
}

/// <summary>One page of <c>GET /notes?limit=&amp;cursor=</c>: notes newest updated first, and the cursor of the next page (null on the last).</summary>
public sealed record NotesPageResponse(IReadOnlyList<NoteResponse> Notes, string? NextCursor);
