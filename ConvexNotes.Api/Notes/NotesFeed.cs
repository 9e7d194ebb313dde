using ConvexKit.Client;
using ConvexNotes.Notes;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// The one live subscription to <c>notes:list</c> that the whole API shares: it keeps the newest consistent list for
/// fast reads and fans it out to every event-stream listener. While Convex is away the last list stays in place, and
/// the client brings the subscription back by itself.
/// </summary>
internal sealed class NotesFeed : BackgroundService
{
    private readonly ConvexClient _convex;
    private readonly ILogger<NotesFeed> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<NotesListener> _listeners = [];
    private readonly TaskCompletionSource<NotesSnapshot> _firstSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopped;
    private ConvexSubscription? _subscription;
    private FeedState _state = new(null, null);
    private DecodedResult? _lastDecoded;

    public NotesFeed(ConvexClient convex, IHostApplicationLifetime lifetime, ILogger<NotesFeed> logger)
    {
        _convex = convex;
        _logger = logger;

        // Kestrel drains requests before hosted services stop, so open streams must end as soon as stopping begins.
        lifetime.ApplicationStopping.Register(EndAllStreams);
    }

    /// <summary>Gets whether the list is live: Convex is connected, so it reflects every change as it happens.</summary>
    public bool IsLive => _convex.ConnectionState == ConvexConnectionState.Connected && Current is not null;

    /// <summary>Gets the number of open event streams.</summary>
    public int ListenerCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>Starts listening: the listener gets the current list at once (if there is one), then every change.</summary>
    public NotesListener Listen()
    {
        Refresh(); // Catch up with the subscription first, so the listener starts from the newest list.
        var listener = new NotesListener(Remove);
        int count;
        lock (_gate)
        {
            if (_stopped)
            {
                listener.Complete();
                return listener;
            }

            _listeners.Add(listener);
            count = _listeners.Count;

            // Under the lock, so a change published meanwhile is not overtaken by this older list.
            if (_state.Snapshot is { } latest)
            {
                listener.Offer(latest);
            }
        }

        _logger.StreamOpened(count);
        return listener;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        EndAllStreams();
        await base.StopAsync(cancellationToken);
    }

    private void EndAllStreams()
    {
        NotesListener[] listeners;
        lock (_gate)
        {
            _stopped = true;
            listeners = [.. _listeners];
            _listeners.Clear();
        }

        foreach (var listener in listeners)
        {
            listener.Complete();
        }
    }

    private void Remove(NotesListener listener)
    {
        int count;
        lock (_gate)
        {
            if (!_listeners.Remove(listener))
            {
                return;
            }

            count = _listeners.Count;
        }

        _logger.StreamClosed(count);
    }

    /// <summary>
    /// Gets the newest list, or null before the first result arrived. It is read from the subscription's latest result
    /// directly, which the client updates before it completes the mutations that result reflects; so a read after an
    /// awaited mutation sees that mutation even if the feed loop below has not woken up yet. Reading it changes
    /// nothing: listeners, the first-list task and the log are the feed loop's business (<see cref="Refresh"/>).
    /// </summary>
    public NotesSnapshot? Current
    {
        get
        {
            var state = Volatile.Read(ref _state);
            var latest = Volatile.Read(ref _subscription)?.Latest;
            if (latest is null || ReferenceEquals(latest, state.Source))
            {
                return state.Snapshot;
            }

            // Decoded once per result, whoever asks first; a result that does not decode leaves the last list in place.
            var decoded = Volatile.Read(ref _lastDecoded);
            if (!ReferenceEquals(decoded?.Source, latest))
            {
                decoded = new DecodedResult(latest, NoteResults.DecodeList(latest));
                Volatile.Write(ref _lastDecoded, decoded);
            }

            return decoded.Notes.IsSuccess ? decoded.Snapshot : state.Snapshot;
        }
    }

    /// <summary>Waits for the first list, for requests that arrive before it (at start-up or while Convex is away).</summary>
    public Task<NotesSnapshot> FirstSnapshotAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _firstSnapshot.Task.WaitAsync(timeout, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.FeedSubscribing(ConvexApi.Notes.List.Path);
        await using var subscription = _convex.Subscribe(ConvexApi.Notes.List.Path);
        Volatile.Write(ref _subscription, subscription);
        try
        {
            // Each item only says "something changed": Refresh reads the subscription's latest result itself, so two
            // threads refreshing at once can never move the list backwards.
            await foreach (var _ in subscription.WithCancellation(stoppingToken))
            {
                Refresh();
            }

            _logger.FeedSubscriptionEnded(ConvexApi.Notes.List.Path, _convex.ConnectionState.ToString());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Turns the subscription's latest result into the current snapshot and hands it to every listener.</summary>
    private NotesSnapshot? Refresh()
    {
        NotesSnapshot snapshot;
        int listenerCount;
        lock (_gate)
        {
            var latest = _subscription?.Latest;
            if (latest is null || ReferenceEquals(latest, _state.Source))
            {
                return _state.Snapshot;
            }

            // A result equal to the list already held (say, re-sent after a reconnect) is not news to anyone.
            if (!TryDecode(latest, out snapshot) || _state.Snapshot?.Utf8Json.Span.SequenceEqual(snapshot.Utf8Json.Span) == true)
            {
                Volatile.Write(ref _state, _state with { Source = latest });
                return _state.Snapshot;
            }

            // Source and snapshot change together: a reader that sees this result also sees its list.
            Volatile.Write(ref _state, new FeedState(latest, snapshot));

            // Under the lock, so concurrent refreshes reach every listener in order (offering never blocks).
            foreach (var listener in _listeners)
            {
                listener.Offer(snapshot);
            }

            listenerCount = _listeners.Count;
        }

        _firstSnapshot.TrySetResult(snapshot);
        _logger.FeedUpdated(snapshot.Notes.Length, listenerCount);
        return snapshot;
    }

    private bool TryDecode(FunctionResult result, out NotesSnapshot snapshot)
    {
        snapshot = null!;
        var decoded = Volatile.Read(ref _lastDecoded);
        var notes = ReferenceEquals(decoded?.Source, result) ? decoded.Notes : NoteResults.DecodeList(result);
        if (!notes.IsSuccess)
        {
            // The last good list stays in place.
            _logger.FeedQueryFailed(ConvexApi.Notes.List.Path, notes.Failure);
            return false;
        }

        snapshot = ReferenceEquals(decoded?.Source, result) ? decoded.Snapshot : NotesSnapshot.From(notes.Value);
        return true;
    }

    /// <summary>The subscription result last looked at, and the newest list decoded from a successful one.</summary>
    private sealed record FeedState(FunctionResult? Source, NotesSnapshot? Snapshot);

    /// <summary>One result decoded (by <see cref="Current"/> or the loop, whichever came first), so it is decoded once.</summary>
    private sealed class DecodedResult(FunctionResult source, NotesDecoded<IReadOnlyList<NotesDocument>> notes)
    {
        private NotesSnapshot? _snapshot;

        public FunctionResult Source { get; } = source;

        public NotesDecoded<IReadOnlyList<NotesDocument>> Notes { get; } = notes;

        /// <summary>Gets the list as served (only for a result that decoded); built on first use.</summary>
        public NotesSnapshot Snapshot => _snapshot ??= NotesSnapshot.From(Notes.Value!);
    }
}
