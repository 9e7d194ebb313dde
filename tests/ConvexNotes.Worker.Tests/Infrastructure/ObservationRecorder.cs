using System.Threading.Channels;
using ConvexNotes.Testing;
using ConvexNotes.Worker.Watcher;

namespace ConvexNotes.Worker.Tests.Infrastructure;

/// <summary>Everything the watcher observed, in order, to await one by one or inspect as a whole.</summary>
internal sealed class ObservationRecorder
{
    private readonly Channel<NotesObservation> _pending = Channel.CreateUnbounded<NotesObservation>();
    private readonly List<NotesObservation> _all = [];

    public IReadOnlyList<NotesObservation> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public void Add(NotesObservation observation)
    {
        lock (_all)
        {
            _all.Add(observation);
        }

        _pending.Writer.TryWrite(observation);
    }

    /// <summary>The next observation, whatever its kind.</summary>
    public async Task<NotesObservation> NextAsync() =>
        await _pending.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);

    /// <summary>The next observation of <paramref name="kind"/>, skipping lists equal to the previous one (reconnects resend them).</summary>
    public async Task<NotesObservation> NextAsync(NotesObservationKind kind)
    {
        while (true)
        {
            var observation = await NextAsync();
            if (observation.Kind == kind)
            {
                return observation;
            }

            Assert.True(
                observation.Kind == NotesObservationKind.Unchanged,
                $"Expected {kind} but the watcher observed {observation.Kind} ({Describe(observation)}).");
        }
    }

    public static string Describe(NotesObservation observation) =>
        string.Join(", ", observation.Changes.Changes.Select(c => $"{c.Kind} {c.NoteId} [{c.ChangedFields}]"));
}
