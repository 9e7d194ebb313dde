using ConvexKit.Client;
using ConvexNotes.Notes;
using ConvexNotes.Worker.Notes;

namespace ConvexNotes.Worker.Watcher;

internal sealed partial class NotesWatcher
{
    // The last list that decoded; a failing result leaves it in place, so recovery reports only real changes.
    private IReadOnlyList<NotesDocument>? _previous;
    private bool _queryFailing;

    private async Task FollowNotesAsync(CancellationToken cancellationToken)
    {
        await using var subscription = _convex.Subscribe(_options.FunctionPath);
        try
        {
            // A slow loop skips intermediate results and gets the latest: the diff still covers everything in between.
            await foreach (var result in subscription.WithCancellation(cancellationToken))
            {
                OnResult(result);
            }

            _logger.SubscriptionEnded(_options.FunctionPath, _convex.ConnectionState.ToString());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (ConvexFatalErrorException)
        {
            // The client stopped for good (the connection loop logs why); the watcher stops too, and its health says so.
            _logger.SubscriptionEnded(_options.FunctionPath, _convex.ConnectionState.ToString());
        }
    }

    private void OnResult(FunctionResult result)
    {
        var seenAt = _time.GetUtcNow();
        if (!TryDecode(result, out var notes, out var failure))
        {
            UpdateState((state, now) => state.WithResult(succeeded: false, now));
            if (!_queryFailing)
            {
                _queryFailing = true;
                _logger.QueryFailed(_options.FunctionPath, failure);
            }

            Observed?.Invoke(new NotesObservation(NotesObservationKind.Failed, _previous?.Count ?? 0, NoteChangeSet.Empty));
            return;
        }

        if (_queryFailing)
        {
            _queryFailing = false;
            _logger.QueryRecovered(_options.FunctionPath);
        }

        var previous = _previous;
        _previous = notes;
        UpdateState((state, now) => state.WithResult(succeeded: true, now));
        if (previous is null)
        {
            Report(new NotesObservation(NotesObservationKind.Baseline, notes.Count, NoteChangeSet.Empty), seenAt);
            return;
        }

        var changes = NotesDiff.Compute(previous, notes);
        if (changes.IsEmpty)
        {
            // A reconnect can deliver the same list again: nothing happened, so nothing is reported.
            Observed?.Invoke(new NotesObservation(NotesObservationKind.Unchanged, notes.Count, changes));
            return;
        }

        Report(new NotesObservation(NotesObservationKind.Changes, notes.Count, changes), seenAt);
    }

    private void Report(NotesObservation observation, DateTimeOffset seenAt)
    {
        var isBaseline = observation.Kind == NotesObservationKind.Baseline;
        using var activity = NotesWatcherTelemetry.StartChangeSet(_options.FunctionPath, isBaseline);
        NotesWatcherTelemetry.Describe(activity, observation.NoteCount, observation.Changes);
        _telemetry.RecordNoteCount(observation.NoteCount);
        if (isBaseline)
        {
            _logger.Baseline(_options.FunctionPath, observation.NoteCount);
        }

        double maxLag = 0;
        foreach (var change in observation.Changes.Changes)
        {
            // A deletion leaves no timestamp behind, so only creations and updates have a lag.
            double? lag = change.Kind == NoteChangeKind.Deleted ? null : LagMilliseconds(change.Note, seenAt);
            maxLag = Math.Max(maxLag, lag ?? 0);
            _telemetry.RecordChange(change.Kind, lag);
            _logger.NoteChanged(
                change.NoteId,
                NotesWatcherTelemetry.KindName(change.Kind),
                NotesWatcherTelemetry.FieldNames(change.ChangedFields),
                TitleText.ForLog(change.Note.Title, _options.TitleLogLength));
        }

        if (maxLag > _options.LagWarningThreshold.TotalMilliseconds)
        {
            _logger.ChangesLate(observation.Changes.Changes.Length, (long)maxLag, (long)_options.LagWarningThreshold.TotalMilliseconds);
        }

        Observed?.Invoke(observation);
    }

    private static bool TryDecode(FunctionResult result, out IReadOnlyList<NotesDocument> notes, out string failure)
    {
        var decoded = NoteResults.DecodeList(result);
        notes = decoded.Value ?? [];
        failure = decoded.Failure ?? "";
        return decoded.IsSuccess;
    }

    // The server's clock stamps updatedAt and this machine's clock stamps the sighting; a clock that runs behind
    // must not produce negative lags.
    private static double LagMilliseconds(NotesDocument note, DateTimeOffset seenAt) =>
        Math.Max(0, (seenAt - DateTimeOffset.UnixEpoch).TotalMilliseconds - note.UpdatedAt);
}
