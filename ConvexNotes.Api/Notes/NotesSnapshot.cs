using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using ConvexNotes.Notes;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// One consistent list of every note (newest <c>updatedAt</c> first), with its JSON encoded once, so that reads and
/// event streams serve the same bytes without serializing per request.
/// </summary>
internal sealed class NotesSnapshot
{
    private readonly FrozenDictionary<string, NoteResponse> _byId;

    private NotesSnapshot(ImmutableArray<NoteResponse> notes)
    {
        Notes = notes;
        _byId = notes.ToFrozenDictionary(note => note.Id, StringComparer.Ordinal);
        Utf8Json = JsonSerializer.SerializeToUtf8Bytes(notes, NotesJsonContext.Default.IReadOnlyListNoteResponse);
    }

    public ImmutableArray<NoteResponse> Notes { get; }

    /// <summary>Gets the notes as the JSON array that <c>GET /notes</c> returns.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    public static NotesSnapshot From(IEnumerable<NotesDocument> documents) =>
        new([.. documents.Select(document => document.AsNoteResponse())]);

    public NoteResponse? Find(string id) => _byId.GetValueOrDefault(id);
}
