using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// Readiness from the live list: healthy while it is live, degraded while Convex is away and reads come from the last
/// list (writes answer 503), unhealthy before there has been any list.
/// </summary>
internal sealed class NotesFeedHealthCheck(NotesFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed switch
        {
            { IsLive: true } => HealthCheckResult.Healthy("The notes list is live."),
            { Current: not null } => HealthCheckResult.Degraded("Convex is unreachable: reads serve the last list, writes are refused."),
            _ => HealthCheckResult.Unhealthy("No notes list yet: Convex has not answered since start-up."),
        });
}
