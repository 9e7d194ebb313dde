namespace ConvexKit.Client;

/// <summary>
/// Settings of a <see cref="ConvexClient"/>; every property has a sensible default. Plain data: configuration binds it
/// directly, and the client's constructor checks the ranges (the logger factory is a constructor argument).
/// </summary>
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

    /// <summary>Gets or sets a multiplier for the initial reconnect delays; tests shrink it to reconnect quickly.</summary>
    internal double ReconnectDelayScale { get; set; } = 1.0;

    /// <summary>A copy for a client to keep, so that changing these options later cannot bypass its range check.</summary>
    internal ConvexClientOptions Copy() => (ConvexClientOptions)MemberwiseClone();
}
