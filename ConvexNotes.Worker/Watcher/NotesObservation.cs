using ConvexNotes.Worker.Notes;

namespace ConvexNotes.Worker.Watcher;

/// <summary>What the watcher reported for one result of the watched query.</summary>
/// <param name="IsBaseline">The first list: reported as a count, not as a creation per note.</param>
/// <param name="NoteCount">How many notes the list holds.</param>
/// <param name="Changes">The changes since the previous list; empty for the baseline.</param>
internal sealed record NotesObservation(bool IsBaseline, int NoteCount, NoteChangeSet Changes);
