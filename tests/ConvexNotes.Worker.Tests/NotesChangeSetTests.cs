using ConvexNotes.Testing;
using ConvexNotes.Worker.Notes;
using ConvexNotes.Worker.Tests.Infrastructure;
using ConvexNotes.Worker.Watcher;

namespace ConvexNotes.Worker.Tests;

/// <summary>Creations, updates and deletions made by another program reach the watcher as exactly the right change sets.</summary>
public sealed class NotesChangeSetTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task TheFirstListIsTheBaselineAndReportsNoChanges()
    {
        using var writer = new NotesWriter(fixture.Emulator.Url);
        await writer.CreateAsync("Existing one");
        await writer.CreateAsync("Existing two");
        var existing = await writer.CountAsync();
        await using var worker = new WorkerFactory(fixture.Emulator.Url);

        var baseline = await worker.StartAndWaitForBaselineAsync();

        Assert.Equal(existing, baseline.NoteCount);
        Assert.True(baseline.Changes.IsEmpty);
        var line = Assert.Single(worker.Logs.GetSnapshot(), record => record.Id.Name == "Baseline");
        Assert.Contains($"{existing} notes at start", line.Message, StringComparison.Ordinal);
    }

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

    [Theory]
    [InlineData("New title", null, "title")]
    [InlineData(null, "New content", "content")]
    [InlineData("New title", "New content", "title, content")]
    [InlineData("Same title", "Same content", "none")]
    public async Task UpdatingANoteReportsWhichFieldsChanged(string? title, string? content, string expectedFields)
    {
        using var writer = new NotesWriter(fixture.Emulator.Url);
        var id = await writer.CreateAsync("Same title", "Same content");
        await using var worker = new WorkerFactory(fixture.Emulator.Url);
        var baseline = await worker.StartAndWaitForBaselineAsync();

        await writer.UpdateAsync(id, title, content);

        var observation = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        var change = Assert.Single(observation.Changes.Changes);
        Assert.Equal(NoteChangeKind.Updated, change.Kind);
        Assert.Equal(id, change.NoteId);
        Assert.Equal(expectedFields, NotesWatcherTelemetry.FieldNames(change.ChangedFields));
        Assert.Equal(title ?? "Same title", change.Note.Title);
        Assert.Equal(baseline.NoteCount, observation.NoteCount);
    }

    [Fact]
    public async Task DeletingANoteReportsExactlyOneDeletion()
    {
        using var writer = new NotesWriter(fixture.Emulator.Url);
        var id = await writer.CreateAsync("Short-lived");
        await using var worker = new WorkerFactory(fixture.Emulator.Url);
        var baseline = await worker.StartAndWaitForBaselineAsync();

        await writer.RemoveAsync(id);

        var observation = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        var change = Assert.Single(observation.Changes.Changes);
        Assert.Equal(NoteChangeKind.Deleted, change.Kind);
        Assert.Equal(id, change.NoteId);
        Assert.Equal("Short-lived", change.Note.Title);
        Assert.Equal(baseline.NoteCount - 1, observation.NoteCount);
    }

    [Fact]
    public async Task EachMutationIsItsOwnChangeSetInOrder()
    {
        await using var worker = new WorkerFactory(fixture.Emulator.Url);
        using var writer = new NotesWriter(fixture.Emulator.Url);
        await worker.StartAndWaitForBaselineAsync();

        var id = await writer.CreateAsync("Draft");
        var created = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.UpdateAsync(id, title: "Final");
        var updated = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.RemoveAsync(id);
        var deleted = await worker.Observations.NextAsync(NotesObservationKind.Changes);

        Assert.Equal([(NoteChangeKind.Created, id)], Summarise(created));
        Assert.Equal([(NoteChangeKind.Updated, id)], Summarise(updated));
        Assert.Equal([(NoteChangeKind.Deleted, id)], Summarise(deleted));
        Assert.DoesNotContain(worker.Observations.All, o => o.Kind is NotesObservationKind.Failed);
    }

    private static (NoteChangeKind, string)[] Summarise(NotesObservation observation) =>
        [.. observation.Changes.Changes.Select(change => (change.Kind, change.NoteId))];
}
