namespace ConvexNotes.Api;

/// <summary>
/// Every log message of the API, with stable event ids (frozen once shipped). Notes are identified by id only:
/// titles and contents are user data and never logged.
/// </summary>
internal static partial class Log
{
    #region Notes (1xx)

    [LoggerMessage(100, LogLevel.Information, "Created note {NoteId}")]
    public static partial void NoteCreated(this ILogger logger, string noteId);

    [LoggerMessage(101, LogLevel.Information, "Updated note {NoteId}")]
    public static partial void NoteUpdated(this ILogger logger, string noteId);

    [LoggerMessage(102, LogLevel.Information, "Deleted note {NoteId}")]
    public static partial void NoteDeleted(this ILogger logger, string noteId);

    #endregion

    #region Live feed (2xx)

    [LoggerMessage(200, LogLevel.Debug, "Subscribing to {FunctionPath}")]
    public static partial void FeedSubscribing(this ILogger logger, string functionPath);

    [LoggerMessage(201, LogLevel.Debug, "The live list changed: {NoteCount} notes, {ListenerCount} stream listeners")]
    public static partial void FeedUpdated(this ILogger logger, int noteCount, int listenerCount);

    [LoggerMessage(202, LogLevel.Warning, "{FunctionPath} failed ({Failure}); keeping the last list")]
    public static partial void FeedQueryFailed(this ILogger logger, string functionPath, string failure);

    [LoggerMessage(203, LogLevel.Error, "The subscription to {FunctionPath} ended (Convex client {ConnectionState}); the list is no longer live")]
    public static partial void FeedSubscriptionEnded(this ILogger logger, string functionPath, string connectionState);

    [LoggerMessage(204, LogLevel.Debug, "Event stream opened ({ListenerCount} listeners)")]
    public static partial void StreamOpened(this ILogger logger, int listenerCount);

    [LoggerMessage(205, LogLevel.Debug, "Event stream closed ({ListenerCount} listeners left)")]
    public static partial void StreamClosed(this ILogger logger, int listenerCount);

    #endregion

    #region Errors (3xx)

    [LoggerMessage(300, LogLevel.Warning, "The notes backend is unavailable ({Reason}: {Message}); answering 503")]
    public static partial void BackendUnavailable(this ILogger logger, string reason, string message);

    // Not the exception: Convex's messages may quote the arguments, which hold note contents.
    [LoggerMessage(301, LogLevel.Error, "The Convex function {FunctionPath} failed ({ExceptionType})")]
    public static partial void ConvexFunctionFailed(this ILogger logger, string functionPath, string exceptionType);

    [LoggerMessage(302, LogLevel.Error, "{FunctionPath} threw a ConvexError with an unknown code {Code}")]
    public static partial void UnknownConvexErrorCode(this ILogger logger, string functionPath, string code);

    #endregion
}
