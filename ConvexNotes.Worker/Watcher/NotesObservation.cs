using ConvexNotes.Worker.Notes;

namespace ConvexNotes.Worker.Watcher;

/// <summary>How the watcher handled one result of the watched query.</summary>
internal enum NotesObservationKind
{
    /// <summary>The first list: reported as a count, not as a creation per note.</summary>
    Baseline,

    /// <summary>A list that differs from the previous one: every change reported.</summary>
    Changes,

    /// <summary>A list equal to the previous one (nothing reported).</summary>
    Unchanged,

    /// <summary>The query failed or returned something that is not a notes list; the previous list stays the baseline.</summary>
    Failed,
}

/// <summary>What the watcher made of one result of the watched query.</summary>
/// <param name="Kind">Baseline, changes, unchanged or failed.</param>
/// <param name="NoteCount">How many notes the list holds (for a failure: the last good list).</param>
/// <param name="Changes">The changes since the previous list; empty unless <paramref name="Kind"/> is Changes.</param>
internal sealed record NotesObservation(NotesObservationKind Kind, int NoteCount, NoteChangeSet Changes);
