using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Http;

/// <summary>Settings of a <see cref="ConvexHttpClient"/>; every property has a sensible default.</summary>
public sealed class ConvexHttpClientOptions
{
    /// <summary>
    /// Gets or sets how long a query, mutation, batch or timestamp call may take, from sending the request to reading
    /// the whole answer. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it (the caller's
    /// <see cref="CancellationToken"/> still applies).
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long an action call may take. Actions may legitimately run for minutes (Convex stops them at
    /// 10 minutes), so they have their own, longer limit.
    /// </summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets the logger factory for the client's own debug logs (category <c>ConvexKit.Client.Http.ConvexHttpClient</c>)
    /// and for the functions' <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>). Nothing is logged
    /// when it is <see langword="null"/>. Arguments, results, tokens and keys are never logged.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal static TimeSpan CheckTimeout(TimeSpan value, string name) =>
        value == System.Threading.Timeout.InfiniteTimeSpan || (value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive (at most {int.MaxValue} ms) or Timeout.InfiniteTimeSpan.");
}
