using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexNotes.Worker.Watcher;

/// <summary>The worker's health is its subscription's health (see <see cref="WatcherState"/>).</summary>
internal sealed class NotesWatcherHealthCheck(NotesWatcher watcher) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(watcher.CheckHealth());
}
