using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Http;

/// <summary>
/// The HTTP client's log messages (event ids 5000–5099). Only function paths, kinds, status codes and timings are
/// logged: never arguments, results, tokens or keys. Failures that are also thrown stay at Debug, so they are not
/// reported twice.
/// </summary>
internal static partial class ConvexHttpClientLog
{
    /// <summary>The category of functions' <c>console.log</c> lines, shared with the WebSocket client.</summary>
    public const string FunctionLogCategory = "ConvexKit.Client.FunctionLogs";

    [LoggerMessage(5001, LogLevel.Debug, "Convex HTTP {Operation} completed in {ElapsedMilliseconds:0.0} ms: {Outcome}")]
    public static partial void CallCompleted(this ILogger logger, string operation, double elapsedMilliseconds, string outcome);

    [LoggerMessage(5002, LogLevel.Debug, "Convex HTTP {Operation} failed after {ElapsedMilliseconds:0.0} ms with HTTP {StatusCode} {ErrorCode}")]
    public static partial void RequestFailed(this ILogger logger, string operation, double elapsedMilliseconds, int statusCode, string? errorCode);

    [LoggerMessage(5003, LogLevel.Debug, "Convex HTTP {Operation} could not reach the deployment after {ElapsedMilliseconds:0.0} ms")]
    public static partial void Unreachable(this ILogger logger, string operation, double elapsedMilliseconds, Exception exception);

    [LoggerMessage(5004, LogLevel.Debug, "Convex HTTP {Operation} timed out after {Timeout}")]
    public static partial void TimedOut(this ILogger logger, string operation, TimeSpan timeout);

    [LoggerMessage(5010, LogLevel.Information, "[CONVEX {KindLetter}({FunctionPath})] {Line}")]
    public static partial void FunctionLogLine(this ILogger logger, char kindLetter, string functionPath, string line);
}
