namespace ConvexKit.Client.Http;

/// <summary>
/// Settings of a <see cref="ConvexHttpClient"/>; every property has a sensible default. Plain data: configuration binds
/// it directly, and the client's constructor checks the ranges (the logger factory is a constructor argument).
/// </summary>
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
}
