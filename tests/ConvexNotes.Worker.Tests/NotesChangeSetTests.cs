using ConvexNotes.Worker.Notes;
using ConvexNotes.Worker.Tests.Infrastructure;
using ConvexNotes.Worker.Watcher;

namespace ConvexNotes.Worker.Tests;

/// <summary>Creations, updates and deletions made by another program reach the watcher as exactly the right change sets.</summary>
public sealed class NotesChangeSetTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task CreatingANoteReportsExactlyOneCreation()
    {
        await using var worker = new WorkerFactory(fixture.Emulator.Url);
        using var writer = new NotesWriter(fixture.Emulator.Url);
        var baseline = await worker.StartAndWaitForBaselineAsync();

        var id = await writer.CreateAsync("Groceries", "milk, eggs");

        var observation = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        var change = Assert.Single(observation.Changes.Changes);
        Assert.Equal(NoteChangeKind.Created, change.Kind);
        Assert.Equal(id, change.NoteId);
        Assert.Equal("Groceries", change.Note.Title);
        Assert.Equal(NoteFields.All, change.ChangedFields);
        Assert.Equal(baseline.NoteCount + 1, observation.NoteCount);
    }
}
