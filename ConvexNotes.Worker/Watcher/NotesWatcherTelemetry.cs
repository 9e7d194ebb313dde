using System.Diagnostics;
using System.Diagnostics.Metrics;
using ConvexNotes.Worker.Notes;

namespace ConvexNotes.Worker.Watcher;

/// <summary>
/// The watcher's traces and metrics. One span per result of the watched query that changed something (and one for
/// the first list), named <c>notes.changes</c>; metrics <c>convexnotes.worker.notes</c> (gauge, current count),
/// <c>convexnotes.worker.note_changes</c> (counter by <c>convexnotes.change.kind</c>) and
/// <c>convexnotes.worker.change_lag</c> (histogram, ms from a note's <c>updatedAt</c> to the moment the worker saw it).
/// Titles and contents are never recorded: they are user data.
/// </summary>
internal sealed class NotesWatcherTelemetry
{
    /// <summary>The name of the watcher's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "ConvexNotes.Worker.NotesWatcher";

    /// <summary>The name of the watcher's <see cref="Meter"/>.</summary>
    public const string MeterName = "ConvexNotes.Worker.NotesWatcher";

    public const string NotesInstrument = "convexnotes.worker.notes";
    public const string ChangesInstrument = "convexnotes.worker.note_changes";
    public const string LagInstrument = "convexnotes.worker.change_lag";
    public const string KindTag = "convexnotes.change.kind";

    private static readonly ActivitySource s_activitySource = new(ActivitySourceName);

    private readonly Gauge<int> _notes;
    private readonly Counter<long> _changes;
    private readonly Histogram<double> _lag;

    public NotesWatcherTelemetry(IMeterFactory meterFactory)
    {
        // From the factory, so each host (and each test's host) owns its meter and disposes it.
        var meter = meterFactory.Create(MeterName);
        _notes = meter.CreateGauge<int>(NotesInstrument, "{note}", "The number of notes the watched query returns.");
        _changes = meter.CreateCounter<long>(ChangesInstrument, "{change}", "Notes created, updated and deleted, by kind.");
        _lag = meter.CreateHistogram<double>(
            LagInstrument,
            "ms",
            "Time from a note's updatedAt to the moment the worker saw the change.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000] });
    }

    public static Activity? StartChangeSet(string functionPath, bool isBaseline)
    {
        var activity = s_activitySource.StartActivity("notes.changes");
        activity?.SetTag("convex.function.path", functionPath);
        activity?.SetTag("convexnotes.baseline", isBaseline);
        return activity;
    }

    public static void Describe(Activity? activity, int noteCount, NoteChangeSet changes)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("convexnotes.notes.count", noteCount);
        activity.SetTag("convexnotes.changes.created", changes.Count(NoteChangeKind.Created));
        activity.SetTag("convexnotes.changes.updated", changes.Count(NoteChangeKind.Updated));
        activity.SetTag("convexnotes.changes.deleted", changes.Count(NoteChangeKind.Deleted));
        foreach (var change in changes.Changes)
        {
            activity.AddEvent(new ActivityEvent("note." + KindName(change.Kind), tags: new ActivityTagsCollection
            {
                ["convexnotes.note.id"] = change.NoteId,
                ["convexnotes.note.changed_fields"] = FieldNames(change.ChangedFields),
            }));
        }
    }

    public void RecordNoteCount(int count) => _notes.Record(count);

    public void RecordChange(NoteChangeKind kind, double? lagMilliseconds)
    {
        var tag = new KeyValuePair<string, object?>(KindTag, KindName(kind));
        _changes.Add(1, tag);
        if (lagMilliseconds is { } lag)
        {
            _lag.Record(lag, tag);
        }
    }

    public static string KindName(NoteChangeKind kind) => kind switch
    {
        NoteChangeKind.Created => "created",
        NoteChangeKind.Updated => "updated",
        NoteChangeKind.Deleted => "deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string FieldNames(NoteFields fields) => fields switch
    {
        NoteFields.All => "title, content",
        NoteFields.Title => "title",
        NoteFields.Content => "content",
        _ => "none",
    };
}
