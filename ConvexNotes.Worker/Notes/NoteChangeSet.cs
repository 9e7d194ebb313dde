using System.Collections.Immutable;

namespace ConvexNotes.Worker.Notes;

/// <summary>
/// Every change between two consecutive results of the watched query: creations first, then updates, then deletions,
/// each in the order of the list they come from (newest <c>updatedAt</c> first; deletions in the previous list's order).
/// </summary>
internal sealed record NoteChangeSet(ImmutableArray<NoteChange> Changes)
{
    public static NoteChangeSet Empty { get; } = new(ImmutableArray<NoteChange>.Empty);

    public bool IsEmpty => Changes.IsEmpty;

    public IEnumerable<NoteChange> Created => OfKind(NoteChangeKind.Created);

    public IEnumerable<NoteChange> Updated => OfKind(NoteChangeKind.Updated);

    public IEnumerable<NoteChange> Deleted => OfKind(NoteChangeKind.Deleted);

    public int Count(NoteChangeKind kind) => OfKind(kind).Count();

    private IEnumerable<NoteChange> OfKind(NoteChangeKind kind) => Changes.Where(change => change.Kind == kind);
}
