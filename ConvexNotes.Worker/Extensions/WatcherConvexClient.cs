using Convex.Client;
using Convex.Client.Hosting;

namespace ConvexNotes.Worker.Extensions;

/// <summary>How the worker adjusts the standard Convex client integration (<c>AddConvexClient</c>).</summary>
internal static class WatcherConvexClient
{
    /// <summary>
    /// The section with the client's reconnect tuning, e.g.
    /// <c>{ "Convex": { "Client": { "MaxReconnectDelay": "00:00:05", "ServerInactivityTimeout": "00:01:00" } } }</c>.
    /// </summary>
    public const string OptionsSectionName = "Convex:Client";

    /// <summary>
    /// The integration's own health check is left out: it turns Unhealthy the moment the backend stops answering,
    /// while the worker's health is its subscription's, which goes Degraded first and Unhealthy only after
    /// <c>NotesWatcher:UnhealthyAfter</c> (see <see cref="Watcher.NotesWatcherHealthCheck"/>).
    /// </summary>
    public static void Settings(ConvexClientSettings settings) => settings.DisableHealthChecks = true;

    /// <summary>The reconnect ceiling and the dead-connection timeout from <see cref="OptionsSectionName"/>; the client's defaults otherwise.</summary>
    public static Action<ConvexClientOptions> Options(IConfiguration configuration) => options =>
    {
        // Read key by key: the options also hold a logger factory, which configuration cannot bind.
        var section = configuration.GetSection(OptionsSectionName);
        options.MaxReconnectDelay = section.GetValue(nameof(options.MaxReconnectDelay), options.MaxReconnectDelay);
        options.ServerInactivityTimeout = section.GetValue(nameof(options.ServerInactivityTimeout), options.ServerInactivityTimeout);
    };
}
