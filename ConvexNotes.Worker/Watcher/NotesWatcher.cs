using ConvexKit.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Worker.Watcher;

/// <summary>
/// Follows the notes through one live subscription and reports every change: a log line per note, a span per
/// change set, metrics. The first list is the baseline. The Convex client reconnects by itself and keeps the
/// subscription, so a backend restart needs nothing here: the first list after it is compared with the last one
/// before it, which reports what changed meanwhile exactly once.
/// </summary>
internal sealed partial class NotesWatcher : BackgroundService
{
    private readonly ConvexClient _convex;
    private readonly NotesWatcherOptions _options;
    private readonly NotesWatcherTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<NotesWatcher> _logger;
    private readonly Lock _stateGate = new();
    private WatcherState _state;

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
}
