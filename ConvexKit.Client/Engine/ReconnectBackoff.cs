namespace ConvexKit.Client.Engine;

/// <summary>
/// The JavaScript client's reconnect delays (npm-packages/convex/src/browser/sync/web_socket_manager.ts): the first delay depends on why the socket closed
/// (100 ms when the client closed it, 1 s or 3 s by the server's close reason, 1 s otherwise), doubles per consecutive
/// failure up to <see cref="MaxDelay"/>, with ±50 % jitter. <see cref="Reset"/> runs once the client has synced past
/// its last reconnect. Reconnects never stop.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan maxDelay, double initialScale = 1.0, Random? random = null)
{
    private static readonly (string Prefix, int Milliseconds)[] s_serverReasons =
    [
        ("InternalServerError", 1000),
        ("SubscriptionsWorkerFullError", 3000),
        ("TooManyConcurrentRequests", 3000),
        ("CommitterFullError", 3000),
        ("AwsTooManyRequestsException", 3000),
        ("ExecuteFullError", 3000),
        ("SystemTimeoutError", 3000),
        ("ExpiredInQueue", 3000),
        ("VectorIndexesUnavailable", 1000),
        ("SearchIndexesUnavailable", 1000),
        ("TableSummariesUnavailable", 1000),
        ("VectorIndexTooLarge", 3000),
        ("SearchIndexTooLarge", 3000),
        ("TooManyWritesInTimePeriod", 3000),
    ];

    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan MaxDelay { get; } = maxDelay;

    /// <summary>Gets the number of consecutive reconnects since the last <see cref="Reset"/>.</summary>
    public int Retries { get; private set; }

    /// <summary>The first delay for a close with <paramref name="serverReason"/>; <see langword="null"/> means the client closed it.</summary>
    public static TimeSpan InitialDelay(string? serverReason, bool clientInitiated)
    {
        if (clientInitiated)
        {
            return TimeSpan.FromMilliseconds(100);
        }

        foreach (var (prefix, milliseconds) in s_serverReasons)
        {
            if (serverReason?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        return TimeSpan.FromSeconds(1);
    }

    public TimeSpan Next(string? serverReason, bool clientInitiated)
    {
        var initial = InitialDelay(serverReason, clientInitiated).TotalMilliseconds * initialScale;
        var capped = Math.Min(initial * Math.Pow(2, Math.Min(Retries, 30)), MaxDelay.TotalMilliseconds);
        Retries++;
        var jitter = capped * (_random.NextDouble() - 0.5);
        return TimeSpan.FromMilliseconds(capped + jitter);
    }

    public void Reset() => Retries = 0;
}
