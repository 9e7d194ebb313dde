using System.Collections.Immutable;
using ConvexNotes.Notes;

namespace ConvexNotes.Worker.Notes;

/// <summary>
/// Computes what changed between two results of the notes list. Notes are matched by id; an updated note is one whose
/// title, content or <c>updatedAt</c> differs. Pure, so the rules are unit-tested without a backend.
/// </summary>
internal static class NotesDiff
{
    public static NoteChangeSet Compute(IReadOnlyList<NotesDocument> previous, IReadOnlyList<NotesDocument> current)
    {
        var before = new Dictionary<NotesId, NotesDocument>(previous.Count);
        foreach (var note in previous)
        {
            before[note.Id] = note;
        }

        var created = ImmutableArray.CreateBuilder<NoteChange>();
        var updated = ImmutableArray.CreateBuilder<NoteChange>();
        var seen = new HashSet<NotesId>(current.Count);
        foreach (var note in current)
        {
            seen.Add(note.Id);
            if (!before.TryGetValue(note.Id, out var old))
            {
                created.Add(new NoteChange(NoteChangeKind.Created, note, NoteFields.All));
            }
            else if (ChangedFields(old, note) is var fields && (fields != NoteFields.None || old.UpdatedAt != note.UpdatedAt))
            {
                updated.Add(new NoteChange(NoteChangeKind.Updated, note, fields));
            }
        }

        var deleted = previous
            .Where(note => !seen.Contains(note.Id))
            .Select(note => new NoteChange(NoteChangeKind.Deleted, note, NoteFields.All));

        ImmutableArray<NoteChange> changes = [.. created, .. updated, .. deleted];
        return changes.IsEmpty ? NoteChangeSet.Empty : new NoteChangeSet(changes);
    }

    private static NoteFields ChangedFields(NotesDocument before, NotesDocument after) =>
        (before.Title == after.Title ? NoteFields.None : NoteFields.Title)
        | (before.Content == after.Content ? NoteFields.None : NoteFields.Content);
}
