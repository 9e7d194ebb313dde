namespace ConvexKit.Client;

/// <summary>Describes a change of <see cref="ConvexClient.ConnectionState"/>.</summary>
public sealed class ConvexConnectionStateChangedEventArgs : EventArgs
{
    internal ConvexConnectionStateChangedEventArgs(ConvexConnectionState previousState, ConvexConnectionState state, string? reason, int retries)
    {
        PreviousState = previousState;
        State = state;
        Reason = reason;
        Retries = retries;
    }

    /// <summary>Gets the state before the change.</summary>
    public ConvexConnectionState PreviousState { get; }

    /// <summary>Gets the new state.</summary>
    public ConvexConnectionState State { get; }

    /// <summary>Gets why the connection was lost or closed (a close reason such as <c>InternalServerError</c>), when known.</summary>
    public string? Reason { get; }

    /// <summary>Gets how many consecutive reconnect attempts have been made.</summary>
    public int Retries { get; }
}
