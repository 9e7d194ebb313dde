using ConvexKit.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexNotes.Worker.Watcher;

/// <summary>
/// What the watcher knows about its subscription, as an immutable value: the connection, whether a list has arrived,
/// whether the query currently fails, and since when the watcher has not been live. Health is a pure function of it.
/// </summary>
/// <remarks>
/// Live means connected, with a list, and the query not failing. The clock for Degraded and Unhealthy starts when the
/// watcher stops being live (or at start), whatever the reason, so a query that keeps failing also ends up Unhealthy.
/// </remarks>
internal sealed record WatcherState(ConvexConnectionState Connection, bool HasList, bool QueryFailing, DateTimeOffset? NotLiveSince)
{
    public static WatcherState Starting(DateTimeOffset now) => new(ConvexConnectionState.Connecting, false, false, now);

    public bool IsLive => Connection == ConvexConnectionState.Connected && HasList && !QueryFailing;

    public WatcherState WithConnection(ConvexConnectionState connection, DateTimeOffset now) =>
        (this with { Connection = connection }).Settled(now);

    public WatcherState WithResult(bool succeeded, DateTimeOffset now) =>
        (this with { HasList = HasList || succeeded, QueryFailing = !succeeded }).Settled(now);

    public HealthCheckResult Evaluate(DateTimeOffset now, TimeSpan degradedAfter, TimeSpan unhealthyAfter)
    {
        if (Connection == ConvexConnectionState.Closed)
        {
            return HealthCheckResult.Unhealthy("The Convex client is closed: the watcher will not reconnect.");
        }

        if (IsLive)
        {
            return HealthCheckResult.Healthy("Watching the notes live.");
        }

        var notLiveFor = now - (NotLiveSince ?? now);
        var description = $"Not live for {notLiveFor.TotalSeconds:0.#} s: {Reason}.";
        var data = new Dictionary<string, object>
        {
            ["connectionState"] = Connection.ToString(),
            ["notLiveSeconds"] = Math.Round(notLiveFor.TotalSeconds, 1),
        };
        return notLiveFor >= unhealthyAfter ? HealthCheckResult.Unhealthy(description, data: data)
            : notLiveFor >= degradedAfter ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy($"{description} (within the {degradedAfter.TotalSeconds:0.#} s grace period)", data);
    }

    private string Reason => Connection switch
    {
        ConvexConnectionState.Connecting => "connecting to Convex",
        ConvexConnectionState.Reconnecting => "reconnecting to Convex",
        _ when QueryFailing => "the watched query fails",
        _ => "waiting for the first list",
    };

    private WatcherState Settled(DateTimeOffset now) =>
        IsLive ? this with { NotLiveSince = null } : this with { NotLiveSince = NotLiveSince ?? now };
}
