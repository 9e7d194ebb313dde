namespace ConvexNotes.Worker;

/// <summary>
/// Every log message of the worker, with stable event ids (frozen once shipped, since log filters depend on them).
/// Titles appear only shortened (<see cref="Watcher.TitleText"/>); contents and error messages never appear: they
/// are user data, and Convex's error messages can quote documents.
/// </summary>
internal static partial class Log
{
    #region Notes (1xx)

    [LoggerMessage(100, LogLevel.Information, "Watching {FunctionPath}: {NoteCount} notes at start")]
    public static partial void Baseline(this ILogger logger, string functionPath, int noteCount);

    [LoggerMessage(101, LogLevel.Information, "Note {NoteId} {ChangeKind} ({ChangedFields}): {Title}")]
    public static partial void NoteChanged(this ILogger logger, string noteId, string changeKind, string changedFields, string title);

    [LoggerMessage(102, LogLevel.Warning, "Saw {ChangeCount} changes up to {LagMilliseconds} ms after they were made (threshold {ThresholdMilliseconds} ms)")]
    public static partial void ChangesLate(this ILogger logger, int changeCount, long lagMilliseconds, long thresholdMilliseconds);

    #endregion

    #region Connection (2xx)

    [LoggerMessage(200, LogLevel.Information, "Connecting to Convex")]
    public static partial void Connecting(this ILogger logger);

    [LoggerMessage(201, LogLevel.Information, "Connected to Convex: the notes are live")]
    public static partial void Connected(this ILogger logger);

    [LoggerMessage(202, LogLevel.Warning, "Lost the connection to Convex; reconnecting (the last list stays the baseline)")]
    public static partial void Reconnecting(this ILogger logger);

    [LoggerMessage(203, LogLevel.Error, "The Convex client closed: the watcher stops")]
    public static partial void ClientClosed(this ILogger logger);

    #endregion

    #region Query (3xx)

    [LoggerMessage(300, LogLevel.Warning, "{FunctionPath} failed ({Failure}); keeping the last list until it answers again")]
    public static partial void QueryFailed(this ILogger logger, string functionPath, string failure);

    [LoggerMessage(301, LogLevel.Information, "{FunctionPath} answers again")]
    public static partial void QueryRecovered(this ILogger logger, string functionPath);

    [LoggerMessage(302, LogLevel.Error, "The subscription to {FunctionPath} ended (Convex client {ConnectionState}): the watcher stops")]
    public static partial void SubscriptionEnded(this ILogger logger, string functionPath, string connectionState);

    #endregion
}
