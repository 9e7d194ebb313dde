using Microsoft.Extensions.Logging;

namespace ConvexKit.Client;

/// <summary>
/// The WebSocket client's log messages. Event ids are grouped (1000s connection, 2000s subscriptions, 3000s mutations
/// and actions, 4000s auth) and, like the method names that become <c>EventId.Name</c>, never change once shipped,
/// since log filters depend on them. Only paths, counts, states and server error codes are logged: never arguments,
/// results, tokens or keys. Failures that are also thrown to a caller stay at Debug so they are not reported twice.
/// </summary>
internal static partial class ConvexClientLog
{
    [LoggerMessage(1001, LogLevel.Trace, "Connecting to {SyncUri} (attempt {Attempt})")]
    public static partial void Connecting(this ILogger logger, Uri syncUri, int attempt);

    [LoggerMessage(1002, LogLevel.Debug, "Connected to {SyncUri} (connection {ConnectionCount}, session {SessionId})")]
    public static partial void Connected(this ILogger logger, Uri syncUri, uint connectionCount, Guid sessionId);

    [LoggerMessage(1003, LogLevel.Warning, "Convex connection lost ({CloseStatus} {CloseReason}); reconnecting in {Delay}")]
    public static partial void ConnectionLost(this ILogger logger, int? closeStatus, string? closeReason, TimeSpan delay);

    [LoggerMessage(1004, LogLevel.Debug, "Could not connect to {SyncUri}; retrying in {Delay}")]
    public static partial void ConnectFailed(this ILogger logger, Uri syncUri, TimeSpan delay, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Reconnecting to Convex ({Reason}); retrying in {Delay}")]
    public static partial void ClientReconnect(this ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(1006, LogLevel.Error, "The Convex deployment reported a fatal error; the client stopped: {ServerMessage}")]
    public static partial void FatalError(this ILogger logger, string serverMessage);

    [LoggerMessage(1007, LogLevel.Debug, "Ignored {Description}")]
    public static partial void MessageIgnored(this ILogger logger, string description);

    [LoggerMessage(1008, LogLevel.Error, "A ConnectionStateChanged handler threw")]
    public static partial void StateHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1011, LogLevel.Error, "A user callback ({Callback}) threw; the client ignores it")]
    public static partial void CallbackFailed(this ILogger logger, string callback, Exception exception);

    [LoggerMessage(1009, LogLevel.Debug, "The Convex client closed")]
    public static partial void Closed(this ILogger logger);

    [LoggerMessage(1010, LogLevel.Error, "The Convex client's sync loop failed unexpectedly; reconnecting")]
    public static partial void PumpFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2001, LogLevel.Trace, "Subscribed to {FunctionPath} (query {QueryId}, new server query: {IsNew})")]
    public static partial void Subscribed(this ILogger logger, string functionPath, uint queryId, bool isNew);

    [LoggerMessage(2002, LogLevel.Trace, "Unsubscribed from {FunctionPath} (query {QueryId}, server query removed: {Removed})")]
    public static partial void Unsubscribed(this ILogger logger, string functionPath, uint queryId, bool removed);

    [LoggerMessage(3001, LogLevel.Trace, "{Kind} {FunctionPath} (request {RequestId}) resolved: {Outcome}")]
    public static partial void RequestResolved(this ILogger logger, ConvexFunctionKind kind, string functionPath, uint requestId, string outcome);

    [LoggerMessage(4001, LogLevel.Debug, "The deployment confirmed the identity (version {IdentityVersion})")]
    public static partial void AuthConfirmed(this ILogger logger, uint identityVersion);

    [LoggerMessage(4002, LogLevel.Warning, "The deployment rejected authentication: {ServerMessage}")]
    public static partial void AuthRejected(this ILogger logger, string serverMessage);

    [LoggerMessage(4003, LogLevel.Warning, "The auth token provider failed; continuing without a new token")]
    public static partial void TokenProviderFailed(this ILogger logger, Exception exception);

    [LoggerMessage(4004, LogLevel.Error, "Authentication failed repeatedly; the client is now unauthenticated: {ServerMessage}")]
    public static partial void AuthGivenUp(this ILogger logger, string serverMessage);

    [LoggerMessage(4005, LogLevel.Debug, "Refreshing the auth token in {Delay}")]
    public static partial void TokenRefreshScheduled(this ILogger logger, TimeSpan delay);
}
