using ConvexNotes.Testing;
using ConvexNotes.Worker.Notes;
using ConvexNotes.Worker.Tests.Infrastructure;
using ConvexNotes.Worker.Watcher;
using Microsoft.Extensions.Logging;

namespace ConvexNotes.Worker.Tests;

/// <summary>The worker rides out a backend restart in the same process, quietly.</summary>
public sealed class WorkerRecoveryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string WatcherCategory = "ConvexNotes.Worker.Watcher.NotesWatcher";
    private const string ClientCategory = "ConvexKit.Client.ConvexClient";

    [Fact]
    public async Task AfterAnEmulatorRestartItReportsWhatChangedMeanwhileAndKeepsWatching()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        using var writer = new NotesWriter(emulator.Url);
        var id = await writer.CreateAsync("Before the restart");
        await using var worker = new WorkerFactory(emulator.Url);
        await worker.StartAndWaitForBaselineAsync();

        await emulator.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await worker.WaitForConnectionStateAsync("Reconnecting");
        await EmulatorData.EditNoteAsync(emulator, id, note =>
        {
            note["title"] = "Renamed while the worker was cut off";
            note["updatedAt"] = note["updatedAt"]!.GetValue<double>() + 1;
        });
        await emulator.StartAgainAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);

        var meanwhile = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        var renamed = Assert.Single(meanwhile.Changes.Changes);
        Assert.Equal((NoteChangeKind.Updated, id, NoteFields.Title), (renamed.Kind, renamed.NoteId, renamed.ChangedFields));

        var laterId = await writer.CreateAsync("After the restart");
        var later = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        var created = Assert.Single(later.Changes.Changes);
        Assert.Equal((NoteChangeKind.Created, laterId), (created.Kind, created.NoteId));

        Assert.False(worker.Watcher.ExecuteTask!.IsCompleted, "The watcher must keep running: no restart of the process or the service.");
        Assert.Single(worker.Observations.All, o => o.Kind == NotesObservationKind.Baseline);
        await worker.WaitForHealthAsync("Healthy");
    }

    [Fact]
    public async Task WhileTheBackendIsDownItLogsOneLinePerStateChangeHoweverOftenTheClientRetries()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        await using var worker = new WorkerFactory(emulator.Url, new Dictionary<string, string?>
        {
            // The client's per-attempt lines are Debug: visible here only to count the retries.
            ["Logging:LogLevel:ConvexKit.Client"] = "Debug",
        });
        await worker.StartAndWaitForBaselineAsync();
        worker.Logs.Clear();

        await emulator.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(
            () => worker.Logs.GetSnapshot().Count(r => r.Category == ClientCategory && r.Id.Id == 1004) >= 3,
            "the Convex client to fail to reconnect three times");
        var whileDown = worker.Logs.GetSnapshot();
        await emulator.StartAgainAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => WatcherEvents(worker.Logs.GetSnapshot()).Contains("Connected"), "the watcher to log that it is connected again");

        Assert.Equal(["Reconnecting"], WatcherEvents(whileDown));
        Assert.Equal(["Reconnecting", "Connected"], WatcherEvents(worker.Logs.GetSnapshot()));
        var repeated = whileDown
            .Where(r => r.Level >= LogLevel.Information)
            .GroupBy(r => (r.Category, r.Id.Id))
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key.Category} {group.Key.Id} x{group.Count()}");
        Assert.Empty(repeated);
    }

    private static string[] WatcherEvents(IEnumerable<Microsoft.Extensions.Logging.Testing.FakeLogRecord> records) =>
        [.. records.Where(r => r.Category == WatcherCategory).Select(r => r.Id.Name ?? r.Id.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
