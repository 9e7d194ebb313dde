using ConvexNotes.Testing;
using ConvexNotes.Worker.Notes;
using ConvexNotes.Worker.Tests.Infrastructure;
using ConvexNotes.Worker.Watcher;
using Microsoft.Extensions.Time.Testing;

namespace ConvexNotes.Worker.Tests;

/// <summary>A failing query is reported once and waited out; the worker keeps running and picks up again.</summary>
public sealed class QueryErrorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string WatcherCategory = "ConvexNotes.Worker.Watcher.NotesWatcher";

    [Fact]
    public async Task AQueryThatStartsFailingIsWaitedOutAndTheFixIsReportedAsAChange()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        using var writer = new NotesWriter(emulator.Url);
        var id = await writer.CreateAsync("Soon broken", "its content goes missing");
        await using var worker = new WorkerFactory(emulator.Url, new Dictionary<string, string?> { ["NotesWatcher:DegradedAfter"] = "00:00:00" });
        var baseline = await worker.StartAndWaitForBaselineAsync();

        // A document without its content breaks notes:list (its return validator, or failing that the watcher's decoding).
        await emulator.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await EmulatorData.EditNoteAsync(emulator, id, note => note.Remove("content"));
        await emulator.StartAgainAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        var failed = await worker.Observations.NextAsync(NotesObservationKind.Failed);
        await worker.WaitForConnectionStateAsync("Connected");
        var healthWhileFailing = await worker.GetHealthAsync();

        await writer.RemoveAsync(id);
        var recovered = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await worker.WaitForHealthAsync("Healthy");

        Assert.Equal(baseline.NoteCount, failed.NoteCount);
        Assert.Equal("Degraded", healthWhileFailing);
        var deleted = Assert.Single(recovered.Changes.Changes);
        Assert.Equal((NoteChangeKind.Deleted, id), (deleted.Kind, deleted.NoteId));
        Assert.False(worker.Watcher.ExecuteTask!.IsCompleted);
        var queryLines = worker.Logs.GetSnapshot().Where(r => r.Category == WatcherCategory && r.Id.Id is 300 or 301).ToList();
        Assert.Equal(["QueryFailed", "QueryRecovered"], queryLines.Select(r => r.Id.Name));
        Assert.DoesNotContain(worker.Logs.GetSnapshot(), r => r.Message.Contains("its content goes missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AQueryThatNeverAnswersLeavesTheWorkerRunningAndUnhealthyAfterTheThreshold()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var worker = new WorkerFactory(
            emulator.Url,
            new Dictionary<string, string?>
            {
                ["NotesWatcher:FunctionPath"] = "notes:doesNotExist",
                ["NotesWatcher:DegradedAfter"] = "00:00:00",
                ["NotesWatcher:UnhealthyAfter"] = "00:00:30",
            },
            clock);
        _ = worker.Services;

        await worker.Observations.NextAsync(NotesObservationKind.Failed);
        await worker.WaitForConnectionStateAsync("Connected");
        var whileFailing = await worker.GetHealthAsync();
        clock.Advance(TimeSpan.FromSeconds(30));
        var afterThreshold = await worker.GetHealthAsync();

        Assert.Equal(("Degraded", "Unhealthy"), (whileFailing, afterThreshold));
        Assert.False(worker.Watcher.ExecuteTask!.IsCompleted);
        Assert.DoesNotContain(worker.Observations.All, o => o.Kind == NotesObservationKind.Baseline);
        var failure = Assert.Single(worker.Logs.GetSnapshot(), r => r.Category == WatcherCategory && r.Id.Name == "QueryFailed");
        Assert.Contains("notes:doesNotExist failed (function error)", failure.Message, StringComparison.Ordinal);
    }
}
