namespace ConvexKit.Client.Protocol;

/// <summary>A frame broke the sync protocol (malformed JSON, a missing field, a Transition from the wrong version).
/// The connection's state can no longer be trusted, so the client reconnects.</summary>
internal sealed class ConvexProtocolException : ConvexException
{
    public ConvexProtocolException(string message)
        : base(message)
    {
    }

    public ConvexProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
