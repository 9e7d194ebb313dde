namespace ConvexNotes.Notes;

/// <summary>The paths of the public functions of <c>convex/notes.ts</c>.</summary>
public static class NoteFunctions
{
    /// <summary>Query, no arguments: every note, newest <c>updatedAt</c> first (<see cref="NoteDocument"/>[]).</summary>
    public const string List = "notes:list";

    /// <summary>
    /// Query, <c>{ paginationOpts }</c>: one page of notes, newest <c>updatedAt</c> first (<see cref="NotesPage"/> through
    /// <see cref="NoteResults.DecodePage"/>); subscribe with <c>SubscribePaginated</c> for live pages.
    /// </summary>
    public const string Page = "notes:page";

    /// <summary>Query, <see cref="NoteIdArgs"/>: the note, or null for an unknown or malformed id.</summary>
    public const string Get = "notes:get";

    /// <summary>Mutation, <see cref="CreateNoteArgs"/>: the new note's id.</summary>
    public const string Create = "notes:create";

    /// <summary>Mutation, <see cref="UpdateNoteArgs"/>: the updated <see cref="NoteDocument"/>.</summary>
    public const string Update = "notes:update";

    /// <summary>Mutation, <see cref="NoteIdArgs"/>: null.</summary>
    public const string Remove = "notes:remove";
}

/// <summary>The arguments of <see cref="NoteFunctions.Get"/> and <see cref="NoteFunctions.Remove"/>.</summary>
/// <param name="Id">The note's id.</param>
public sealed record NoteIdArgs(string Id);

/// <summary>The arguments of <see cref="NoteFunctions.Create"/>.</summary>
/// <param name="Title">1–200 characters after trimming.</param>
/// <param name="Content">At most 100,000 characters.</param>
public sealed record CreateNoteArgs(string Title, string Content);

/// <summary>The arguments of <see cref="NoteFunctions.Update"/>. Null fields are left out, which Convex reads as "unchanged" (<c>v.optional</c>).</summary>
/// <param name="Id">The note's id.</param>
/// <param name="Title">The new title, or null to keep it.</param>
/// <param name="Content">The new content, or null to keep it.</param>
public sealed record UpdateNoteArgs(string Id, string? Title, string? Content);

/// <summary>The <c>data</c> of the ConvexErrors that <c>convex/notes.ts</c> throws.</summary>
/// <param name="Code"><c>NOT_FOUND</c> or <c>INVALID_ARGUMENT</c>.</param>
/// <param name="Message">What is wrong, for people.</param>
/// <param name="Field">For <c>INVALID_ARGUMENT</c>: the field it concerns (<c>title</c> or <c>content</c>), when it concerns one.</param>
public sealed record NoteErrorData(string Code, string Message, string? Field = null);
