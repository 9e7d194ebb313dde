namespace ConvexNotes.Api.Notes;

/// <summary>
/// The one live subscription to <c>notes:list</c> that the whole API shares: it keeps the newest consistent list for
/// fast reads and fans it out to every event-stream listener.
/// </summary>
internal sealed partial class NotesFeed : BackgroundService
{
    private readonly ILogger<NotesFeed> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<NotesListener> _listeners = [];
    private NotesSnapshot? _current;
    private TaskCompletionSource _changed = NewSignal();
    private bool _stopped;

    public NotesFeed(IHostApplicationLifetime lifetime, ILogger<NotesFeed> logger)
    {
        _logger = logger;

        // Kestrel drains requests before hosted services stop, so open streams must end as soon as stopping begins.
        lifetime.ApplicationStopping.Register(EndAllStreams);
    }

    /// <summary>Gets the newest list, or null before the first result arrived.</summary>
    public NotesSnapshot? Current => Volatile.Read(ref _current);

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
            if (_current is { } current)
            {
                listener.Offer(current);
            }
        }

        _logger.StreamOpened(count);
        return listener;
    }

    /// <summary>
    /// Waits until the live list satisfies <paramref name="condition"/>, e.g. shows a write that just completed.
    /// Returns false when it does not within <paramref name="timeout"/>, or when there is no live list at all.
    /// </summary>
    public async Task<bool> WaitUntilAsync(Func<NotesSnapshot, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_current is not { } current || _stopped)
                {
                    return false;
                }

                if (condition(current))
                {
                    return true;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
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

    private void Publish(NotesSnapshot snapshot)
    {
        TaskCompletionSource changed;
        int count;
        lock (_gate)
        {
            Volatile.Write(ref _current, snapshot);
            foreach (var listener in _listeners)
            {
                listener.Offer(snapshot);
            }

            count = _listeners.Count;
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
        _logger.FeedUpdated(snapshot.Notes.Length, count);
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
