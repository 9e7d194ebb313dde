namespace ConvexKit.Client;

/// <summary>The state of a <see cref="ConvexClient"/>'s WebSocket.</summary>
public enum ConvexConnectionState
{
    /// <summary>Opening the first connection; calls wait for it.</summary>
    Connecting,

    /// <summary>Connected and synced with the deployment.</summary>
    Connected,

    /// <summary>The connection was lost; the client is reconnecting (it never gives up). Subscriptions keep their last values.</summary>
    Reconnecting,

    /// <summary>The client was disposed, or the server reported a fatal protocol error; it will not reconnect.</summary>
    Closed,
}
