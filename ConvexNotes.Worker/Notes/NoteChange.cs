using ConvexNotes.Notes;

namespace ConvexNotes.Worker.Notes;

/// <summary>What happened to a note between two results of the watched query.</summary>
internal enum NoteChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>The user-visible fields of a note that a change touched.</summary>
[Flags]
internal enum NoteFields
{
    /// <summary>Only <c>updatedAt</c> moved: an update that wrote the values the note already had.</summary>
    None = 0,
    Title = 1,
    Content = 2,
    All = Title | Content,
}

/// <summary>One change to one note.</summary>
/// <param name="Kind">Created, updated or deleted.</param>
/// <param name="Note">The note after the change; for a deletion, the note as it was last seen.</param>
/// <param name="ChangedFields">
/// The fields whose value differs between before and after. A note that appears or disappears changes all of them.
/// </param>
internal sealed record NoteChange(NoteChangeKind Kind, NotesDocument Note, NoteFields ChangedFields)
{
    public string NoteId => Note.Id.Value;
}
