namespace ConvexNotes.Notes;

/// <summary>One page of <see cref="ConvexApi.Notes.Page"/>: notes newest <c>updatedAt</c> first, and where the next page starts.</summary>
/// <param name="Notes">The notes of this page.</param>
/// <param name="ContinueCursor">The opaque cursor of the next page.</param>
/// <param name="IsDone">Whether this page reached the end of the notes (then there is no next page).</param>
public sealed record NotesPage(IReadOnlyList<NotesDocument> Notes, string ContinueCursor, bool IsDone)
{
    /// <summary>Gets the cursor of the next page, or null when this page is the last.</summary>
    public string? NextCursor => IsDone ? null : ContinueCursor;

    /// <summary>Names the page without its notes.</summary>
    /// <returns>The count and whether it is the last.</returns>
    public override string ToString() => $"NotesPage {{ Count = {Notes.Count}, IsDone = {IsDone} }}";
}
