using ConvexNotes.Notes;
using ConvexNotes.Worker.Notes;

namespace ConvexNotes.Worker.Tests;

public sealed class NotesDiffUnitTests
{
    private static NotesDocument Note(string id, string title = "t", string content = "c", double updatedAt = 1) =>
        new() { Id = new NotesId(id), CreationTime = 1, Title = title, Content = content, CreatedAt = 1, UpdatedAt = updatedAt };

    [Fact]
    public void EqualListsHaveNoChanges()
    {
        NotesDocument[] notes = [Note("a"), Note("b")];

        Assert.True(NotesDiff.Compute(notes, [.. notes]).IsEmpty);
        Assert.True(NotesDiff.Compute([], []).IsEmpty);
    }

    [Fact]
    public void NotesAreMatchedByIdWhateverTheirPosition()
    {
        Assert.True(NotesDiff.Compute([Note("a"), Note("b")], [Note("b"), Note("a")]).IsEmpty);
    }

    [Fact]
    public void CreationsUpdatesAndDeletionsAreReportedInThatOrderEachInListOrder()
    {
        NotesDocument[] before = [Note("kept"), Note("edited", title: "old"), Note("gone1"), Note("gone2")];
        NotesDocument[] after = [Note("new1"), Note("edited", title: "new", updatedAt: 2), Note("kept"), Note("new2")];

        var changes = NotesDiff.Compute(before, after);

        Assert.Equal(
            [
                (NoteChangeKind.Created, "new1"), (NoteChangeKind.Created, "new2"),
                (NoteChangeKind.Updated, "edited"),
                (NoteChangeKind.Deleted, "gone1"), (NoteChangeKind.Deleted, "gone2"),
            ],
            changes.Changes.Select(c => (c.Kind, c.NoteId)));
        Assert.Equal((2, 1, 2), (changes.Count(NoteChangeKind.Created), changes.Count(NoteChangeKind.Updated), changes.Count(NoteChangeKind.Deleted)));
    }

    [Theory]
    [InlineData("t", "c", NoteFieldsCase.None)]
    [InlineData("T", "c", NoteFieldsCase.Title)]
    [InlineData("t", "C", NoteFieldsCase.Content)]
    [InlineData("T", "C", NoteFieldsCase.All)]
    public void AnUpdateNamesTheFieldsWhoseValueChanged(string title, string content, NoteFieldsCase expected)
    {
        var change = Assert.Single(NotesDiff.Compute([Note("a")], [Note("a", title, content, updatedAt: 2)]).Changes);

        Assert.Equal(NoteChangeKind.Updated, change.Kind);
        Assert.Equal((int)expected, (int)change.ChangedFields);
    }

    [Fact]
    public void AFieldChangeWithoutANewUpdatedAtIsStillAnUpdate()
    {
        var change = Assert.Single(NotesDiff.Compute([Note("a")], [Note("a", title: "T")]).Changes);

        Assert.Equal((NoteChangeKind.Updated, NoteFields.Title), (change.Kind, change.ChangedFields));
    }

    [Fact]
    public void ADeletionCarriesTheNoteAsLastSeen()
    {
        var change = Assert.Single(NotesDiff.Compute([Note("a", title: "Last title")], []).Changes);

        Assert.Equal((NoteChangeKind.Deleted, "Last title", NoteFields.All), (change.Kind, change.Note.Title, change.ChangedFields));
    }

    [Fact]
    public void ANoteNeverPrintsItsContent()
    {
        var text = Note("a", content: "private words").ToString();

        Assert.DoesNotContain("private words", text, StringComparison.Ordinal);
        Assert.Contains("a", text, StringComparison.Ordinal);
    }

    /// <summary><see cref="NoteFields"/> is internal; theory data of a public test must be public.</summary>
    public enum NoteFieldsCase
    {
        None = NoteFields.None,
        Title = NoteFields.Title,
        Content = NoteFields.Content,
        All = NoteFields.All,
    }
}
