using ConvexKit.Client;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// The one live subscription to <c>notes:list</c> that the whole API shares: it keeps the newest consistent list for
/// fast reads and fans it out to every event-stream listener. While Convex is away the last list stays in place, and
/// the client brings the subscription back by itself.
/// </summary>
internal sealed partial class NotesFeed : BackgroundService
{
    private readonly ConvexClient _convex;
    private readonly ILogger<NotesFeed> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<NotesListener> _listeners = [];
    private readonly TaskCompletionSource<NotesSnapshot> _firstSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopped;

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
}
