using Microsoft.Extensions.Logging;

namespace ConvexKit.Client;

/// <summary>Settings of a <see cref="ConvexClient"/>; every property has a sensible default.</summary>
public sealed class ConvexClientOptions
{
    /// <summary>
    /// Gets or sets how long an awaited query or mutation may take, including any time spent reconnecting.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it (the caller's token still applies).
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long an awaited action may take (Convex stops actions at 10 minutes).</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how long opening the WebSocket (TCP, TLS and upgrade) may take before the attempt is retried.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long the server may stay silent before the client assumes the connection is dead and reconnects.
    /// The server sends a <c>Ping</c> after 15 s of silence, so this only fires on a broken connection.
    /// </summary>
    /// <value>The default value is 60 seconds, as in the JavaScript client.</value>
    public TimeSpan ServerInactivityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the longest delay between reconnect attempts (before ±50 % jitter). Reconnects never give up.</summary>
    /// <value>The default value is 16 seconds, as in the JavaScript client.</value>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>Gets or sets how long before a JWT's <c>exp</c> the token provider is asked for a fresh token.</summary>
    /// <value>The default value is 10 seconds, as in the JavaScript client.</value>
    public TimeSpan AuthRefreshLeeway { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the logger factory for the client's logs (category <c>ConvexKit.Client.ConvexClient</c>) and the
    /// functions' <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>). Arguments, results, tokens
    /// and keys are never logged.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (no logging).</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets a multiplier for the initial reconnect delays; tests shrink it to reconnect quickly.</summary>
    internal double ReconnectDelayScale { get; set; } = 1.0;

    internal ConvexClientOptions Validated()
    {
        CheckPositive(Timeout, nameof(Timeout), allowInfinite: true);
        CheckPositive(ActionTimeout, nameof(ActionTimeout), allowInfinite: true);
        CheckPositive(ConnectTimeout, nameof(ConnectTimeout), allowInfinite: false);
        CheckPositive(ServerInactivityTimeout, nameof(ServerInactivityTimeout), allowInfinite: false);
        CheckPositive(MaxReconnectDelay, nameof(MaxReconnectDelay), allowInfinite: false);
        if (AuthRefreshLeeway < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AuthRefreshLeeway), AuthRefreshLeeway, "AuthRefreshLeeway must not be negative.");
        }

        return this;
    }

    private static void CheckPositive(TimeSpan value, string name, bool allowInfinite)
    {
        if (!((allowInfinite && value == System.Threading.Timeout.InfiniteTimeSpan) || (value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive (at most {int.MaxValue} ms){(allowInfinite ? " or Timeout.InfiniteTimeSpan" : "")}.");
        }
    }
}
