using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Hosting;

/// <summary>The integration's log messages (event ids 6000–6099). The admin key is never logged, only whether one is set.</summary>
internal static partial class ConvexHostingLog
{
    /// <summary>The log category of the integration.</summary>
    public const string Category = "ConvexKit.Client.Hosting";

    [LoggerMessage(6001, LogLevel.Debug, "Convex {ClientKind} for connection '{ConnectionName}' created for {Endpoint} ({Authentication})")]
    public static partial void ClientCreated(this ILogger logger, string clientKind, string connectionName, Uri endpoint, string authentication);
}
