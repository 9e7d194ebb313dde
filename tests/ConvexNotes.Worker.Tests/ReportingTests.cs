using System.Diagnostics;
using ConvexNotes.Testing;
using ConvexNotes.Worker.Tests.Infrastructure;
using ConvexNotes.Worker.Watcher;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ConvexNotes.Worker.Tests;

/// <summary>What the watcher reports for each change: a log line, metrics and a span, never a note's content.</summary>
public sealed class ReportingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string WatcherCategory = "ConvexNotes.Worker.Watcher.NotesWatcher";
    private const string Content = "CONTENT-SENTINEL: private words";
    private const string LongTitle = "A title far longer than the ten characters the log keeps";

    [Fact]
    public async Task EachChangeIsOneLogLineWithATruncatedTitleAndNoContentAnywhere()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        await using var worker = new WorkerFactory(emulator.Url, new Dictionary<string, string?>
        {
            ["NotesWatcher:TitleLogLength"] = "10",
            // Every level of every category, the Convex client's included: content must not appear in any of them.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        using var writer = new NotesWriter(emulator.Url);
        await worker.StartAndWaitForBaselineAsync();

        var id = await writer.CreateAsync(LongTitle, Content);
        await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.UpdateAsync(id, content: Content + " (edited)");
        await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.RemoveAsync(id);
        await worker.Observations.NextAsync(NotesObservationKind.Changes);

        var logs = worker.Logs.GetSnapshot();
        var lines = logs.Where(r => r.Category == WatcherCategory && r.Id.Name == "NoteChanged").ToList();
        Assert.Equal(
            [("created", "title, content"), ("updated", "content"), ("deleted", "title, content")],
            lines.Select(r => (r.GetStructuredStateValue("ChangeKind"), r.GetStructuredStateValue("ChangedFields"))));
        Assert.All(lines, line =>
        {
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.Equal(id, line.GetStructuredStateValue("NoteId"));
            Assert.Equal("A title f…", line.GetStructuredStateValue("Title"));
        });
        Assert.Contains(logs, record => record.Level == LogLevel.Trace && record.Category?.StartsWith("ConvexKit.Client", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(logs, record => Mentions(record, "CONTENT-SENTINEL") || Mentions(record, LongTitle));
    }

    [Fact]
    public async Task MetricsCountNotesAndChangesByKindAndMeasureTheLag()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        // The watcher's clock runs a minute ahead of the server, so every lag is about a minute and exactly computable.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        await using var worker = new WorkerFactory(emulator.Url, time: clock);
        using var writer = new NotesWriter(emulator.Url);
        var baseline = await worker.StartAndWaitForBaselineAsync();
        var meters = worker.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var notes = new MetricCollector<int>(meters, NotesWatcherTelemetry.MeterName, NotesWatcherTelemetry.NotesInstrument);
        using var changes = new MetricCollector<long>(meters, NotesWatcherTelemetry.MeterName, NotesWatcherTelemetry.ChangesInstrument);
        using var lag = new MetricCollector<double>(meters, NotesWatcherTelemetry.MeterName, NotesWatcherTelemetry.LagInstrument);

        var first = await writer.CreateAsync("First");
        var created = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.CreateAsync("Second");
        await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.UpdateAsync(first, title: "First, renamed");
        var updated = await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.RemoveAsync(first);
        await worker.Observations.NextAsync(NotesObservationKind.Changes);

        Assert.Equal(
            [baseline.NoteCount + 1, baseline.NoteCount + 2, baseline.NoteCount + 2, baseline.NoteCount + 1],
            notes.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(
            ["created", "created", "updated", "deleted"],
            changes.GetMeasurementSnapshot().Select(m => (string?)m.Tags[NotesWatcherTelemetry.KindTag]));
        Assert.All(changes.GetMeasurementSnapshot(), m => Assert.Equal(1, m.Value));
        var lags = lag.GetMeasurementSnapshot();
        Assert.Equal(["created", "created", "updated"], lags.Select(m => (string?)m.Tags[NotesWatcherTelemetry.KindTag]));
        Assert.Equal(ExpectedLag(clock, created), lags[0].Value);
        Assert.Equal(ExpectedLag(clock, updated), lags[2].Value);
    }

    [Fact]
    public async Task ChangesSeenLaterThanTheThresholdAreWarnedAboutOnce()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        await using var worker = new WorkerFactory(emulator.Url, new Dictionary<string, string?> { ["NotesWatcher:LagWarningThreshold"] = "00:00:30" }, clock);
        using var writer = new NotesWriter(emulator.Url);
        await worker.StartAndWaitForBaselineAsync();

        await writer.CreateAsync("Seen late");
        await worker.Observations.NextAsync(NotesObservationKind.Changes);

        var warning = Assert.Single(worker.Logs.GetSnapshot(), r => r.Category == WatcherCategory && r.Id.Name == "ChangesLate");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("30000", warning.GetStructuredStateValue("ThresholdMilliseconds"));
    }

    [Fact]
    public async Task EachChangeSetIsOneSpanWithItsChangesAsEvents()
    {
        var emulator = await fixture.RunningEmulatorAsync();
        using var spans = new SpanRecorder(NotesWatcherTelemetry.ActivitySourceName);
        // The worker starts under this test's own trace, so its spans are told apart from other tests' by trace id.
        using var root = new Activity(nameof(EachChangeSetIsOneSpanWithItsChangesAsEvents)).Start();
        await using var worker = new WorkerFactory(emulator.Url);
        using var writer = new NotesWriter(emulator.Url);
        var baseline = await worker.StartAndWaitForBaselineAsync();

        var id = await writer.CreateAsync(LongTitle, Content);
        await worker.Observations.NextAsync(NotesObservationKind.Changes);
        await writer.UpdateAsync(id, title: "Renamed");
        await worker.Observations.NextAsync(NotesObservationKind.Changes);

        var mine = spans.InTrace(root.TraceId);
        Assert.Equal(3, mine.Count);
        Assert.All(mine, span => Assert.Equal("notes.changes", span.OperationName));
        Assert.Equal([true, false, false], mine.Select(span => (bool?)span.GetTagItem("convexnotes.baseline")));
        Assert.Equal(baseline.NoteCount, mine[0].GetTagItem("convexnotes.notes.count"));
        Assert.Equal((1, 0, 0), Counts(mine[1]));
        Assert.Equal((0, 1, 0), Counts(mine[2]));
        var createdEvent = Assert.Single(mine[1].Events);
        Assert.Equal("note.created", createdEvent.Name);
        Assert.Equal(id, createdEvent.Tags.Single(t => t.Key == "convexnotes.note.id").Value);
        var updatedEvent = Assert.Single(mine[2].Events);
        Assert.Equal(("note.updated", "title"), (updatedEvent.Name, updatedEvent.Tags.Single(t => t.Key == "convexnotes.note.changed_fields").Value));
        Assert.All(mine, span => Assert.Equal("notes:list", span.GetTagItem("convex.function.path")));
        Assert.DoesNotContain(mine.SelectMany(AllTagValues), value => value.Contains("CONTENT-SENTINEL", StringComparison.Ordinal) || value.Contains("title far", StringComparison.Ordinal));
    }

    private static double ExpectedLag(FakeTimeProvider clock, NotesObservation observation) =>
        (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds - observation.Changes.Changes.Single().Note.UpdatedAt;

    private static (object?, object?, object?) Counts(Activity span) =>
        (span.GetTagItem("convexnotes.changes.created"), span.GetTagItem("convexnotes.changes.updated"), span.GetTagItem("convexnotes.changes.deleted"));

    private static IEnumerable<string> AllTagValues(Activity span) =>
        span.TagObjects.Select(t => t.Value?.ToString() ?? "")
            .Concat(span.Events.SelectMany(e => e.Tags).Select(t => t.Value?.ToString() ?? ""));

    private static bool Mentions(FakeLogRecord record, string text) =>
        record.Message.Contains(text, StringComparison.Ordinal)
        || (record.StructuredState ?? []).Any(pair => pair.Value?.Contains(text, StringComparison.Ordinal) == true)
        || record.Exception?.ToString().Contains(text, StringComparison.Ordinal) == true;
}
