using ConvexKit.Client;
using ConvexNotes.Notes;
using ConvexNotes.Worker.Notes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Worker.Watcher;

/// <summary>
/// Follows the notes through one live subscription and reports every change: a log line per note, a span per
/// change set, metrics. The first list is the baseline. The Convex client reconnects by itself and keeps the
/// subscription, so a backend restart needs nothing here: the first list after it is compared with the last one
/// before it, which reports what changed meanwhile exactly once.
/// </summary>
internal sealed class NotesWatcher : BackgroundService
{
    private readonly ConvexClient _convex;
    private readonly NotesWatcherOptions _options;
    private readonly NotesWatcherTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<NotesWatcher> _logger;
    private readonly Lock _stateGate = new();
    private WatcherState _state;
    private IReadOnlyList<NotesDocument>? _previous;
    private bool _queryFailing;

    public NotesWatcher(
        ConvexClient convex,
        IOptions<NotesWatcherOptions> options,
        NotesWatcherTelemetry telemetry,
        TimeProvider time,
        ILogger<NotesWatcher> logger)
    {
        _convex = convex;
        _options = options.Value;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        _state = WatcherState.Starting(time.GetUtcNow());
    }

    /// <summary>
    /// Raised on the watcher's loop once each result of the query has been handled (and reported, if it changed
    /// anything); a hook for tests, so handlers must return quickly and not throw.
    /// </summary>
    internal event Action<NotesObservation>? Observed;

    /// <summary>Reads the subscription's health: see <see cref="WatcherState.Evaluate"/>; a stopped watcher is Unhealthy.</summary>
    public HealthCheckResult CheckHealth()
    {
        switch (ExecuteTask)
        {
            case { IsFaulted: true } task:
                return HealthCheckResult.Unhealthy("The notes watcher failed.", task.Exception?.GetBaseException());
            case { IsCompleted: true }:
                return HealthCheckResult.Unhealthy("The notes watcher has stopped.");
        }

        WatcherState state;
        lock (_stateGate)
        {
            state = _state;
        }

        return state.Evaluate(_time.GetUtcNow(), _options.DegradedAfter, _options.UnhealthyAfter);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Two loops, one per stream the client offers; when either ends (the client closed, or a failure), so does the other.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task[] loops = [FollowConnectionAsync(stopping.Token), FollowNotesAsync(stopping.Token)];
        var first = await Task.WhenAny(loops);
        await stopping.CancelAsync();
        await first;
        await Task.WhenAll(loops);
    }

    private void UpdateState(Func<WatcherState, DateTimeOffset, WatcherState> change)
    {
        lock (_stateGate)
        {
            _state = change(_state, _time.GetUtcNow());
        }
    }

    /// <summary>
    /// One log line per connection state change, however many retries the client makes meanwhile: a backend that is
    /// down for an hour costs two lines, not thousands.
    /// </summary>
    private async Task FollowConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var connection in _convex.WatchConnectionState(cancellationToken))
            {
                UpdateState((state, now) => state.WithConnection(connection, now));
                switch (connection)
                {
                    case ConvexConnectionState.Connecting:
                        _logger.Connecting();
                        break;
                    case ConvexConnectionState.Connected:
                        _logger.Connected();
                        break;
                    case ConvexConnectionState.Reconnecting:
                        _logger.Reconnecting();
                        break;
                    case ConvexConnectionState.Closed:
                        _logger.ClientClosed();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    // The last list that decoded; a failing result leaves it in place, so recovery reports only real changes.

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
