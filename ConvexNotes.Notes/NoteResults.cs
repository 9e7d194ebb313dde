using ConvexKit.Client;
using ConvexKit.Client.Pagination;
using ConvexKit.Client.Values;

namespace ConvexNotes.Notes;

/// <summary>
/// The one place where the results of the notes functions become notes, for the Api, the Worker and the Web app
/// alike: strict (a result of another shape is a failure, not notes with empty titles), and with failure texts that
/// never quote the server's message.
/// </summary>
public static class NoteResults
{
    /// <summary>Decodes a <see cref="ConvexApi.Notes.List"/> result.</summary>
    /// <param name="result">A result of the query (from a subscription or a call).</param>
    /// <returns>The notes, newest <c>updatedAt</c> first, or why there are none.</returns>
    public static NotesDecoded<IReadOnlyList<NotesDocument>> DecodeList(FunctionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsSuccess)
        {
            return NotesDecoded<IReadOnlyList<NotesDocument>>.Failed(FailureOf(result));
        }

        try
        {
            return NotesDecoded<IReadOnlyList<NotesDocument>>.Success(result.GetValue(ConvexApi.Notes.List.ResultTypeInfo) ?? []);
        }
        catch (ConvexValueException exception)
        {
            return NotesDecoded<IReadOnlyList<NotesDocument>>.Failed(UnexpectedShape("a notes list", exception));
        }
    }

    /// <summary>Decodes a <see cref="ConvexApi.Notes.Page"/> value (what <c>paginate()</c> returns).</summary>
    /// <param name="value">The query's value.</param>
    /// <returns>The page, or why there is none.</returns>
    public static NotesDecoded<NotesPage> DecodePage(ConvexValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not ConvexObject page
            || !page.TryGetValue("page", out var items)
            || !page.TryGetValue("continueCursor", out var cursor) || cursor is not ConvexString continueCursor
            || !page.TryGetValue("isDone", out var isDone) || isDone is not ConvexBoolean done)
        {
            return NotesDecoded<NotesPage>.Failed("not a notes page: page, continueCursor and isDone are required");
        }

        var notes = DecodeItems(items);
        return notes.IsSuccess
            ? NotesDecoded<NotesPage>.Success(new NotesPage(notes.Value, continueCursor.Value, done.Value))
            : NotesDecoded<NotesPage>.Failed(notes.Failure);
    }

    /// <summary>Decodes what a paginated subscription to <see cref="ConvexApi.Notes.Page"/> shows: the notes of every loaded page.</summary>
    /// <param name="result">The paginated query's current result.</param>
    /// <returns>The notes, or why there are none.</returns>
    public static NotesDecoded<IReadOnlyList<NotesDocument>> DecodePages(ConvexPaginatedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Failure is { } failure
            ? NotesDecoded<IReadOnlyList<NotesDocument>>.Failed(FailureOf(failure))
            : DecodeItems(new ConvexArray(result.Items));
    }

    private static NotesDecoded<IReadOnlyList<NotesDocument>> DecodeItems(ConvexValue items)
    {
        try
        {
            return NotesDecoded<IReadOnlyList<NotesDocument>>.Success(items.ToObject(ConvexApi.Notes.List.ResultTypeInfo) ?? []);
        }
        catch (ConvexValueException exception)
        {
            return NotesDecoded<IReadOnlyList<NotesDocument>>.Failed(UnexpectedShape("a notes list", exception));
        }
    }

    // Not the message itself: Convex's error text may quote documents, contents included.
    private static string FailureOf(FunctionResult result) => result.IsConvexError ? "ConvexError" : "function error";

    private static string UnexpectedShape(string what, ConvexValueException exception) =>
        $"not {what}: unexpected value at {exception.Path ?? "the top level"}";
}
