namespace ConvexNotes.Api.Notes;

/// <summary>The Convex functions of convex/notes.ts and their arguments.</summary>
internal static class NoteFunctions
{
    public const string List = "notes:list";
    public const string Get = "notes:get";
    public const string Create = "notes:create";
    public const string Update = "notes:update";
    public const string Remove = "notes:remove";
}

internal sealed record NoteIdArgs(string Id);

internal sealed record CreateNoteArgs(string Title, string Content);

/// <summary>Null fields are left out, which Convex reads as "unchanged" (<c>v.optional</c>).</summary>
internal sealed record UpdateNoteArgs(string Id, string? Title, string? Content);

/// <summary>The <c>data</c> of the ConvexErrors that convex/notes.ts throws.</summary>
internal sealed record NoteErrorData(string Code, string Message);
