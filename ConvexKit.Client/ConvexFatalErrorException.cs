namespace ConvexKit.Client;

/// <summary>
/// The deployment reported a fatal protocol error (<c>FatalError</c>) and the client shut down, as the JavaScript
/// client does: such an error means the client sent something the server deterministically rejects, so reconnecting
/// would repeat it. A rejected admin key stops the client the same way: the key will not change, and continuing
/// anonymously would hide the misconfiguration. Every pending and later call throws this exception.
/// </summary>
public sealed class ConvexFatalErrorException : ConvexException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ConvexFatalErrorException()
        : this("The Convex client stopped after a fatal error.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public ConvexFatalErrorException(string message)
        : base(message)
    {
        ServerMessage = message;
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexFatalErrorException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
    }

    /// <summary>Gets the server's error text, such as <c>BaseVersionMismatch</c>.</summary>
    public string ServerMessage { get; private init; }

    internal static ConvexFatalErrorException AdminKeyRejected(string serverMessage) =>
        new($"[CONVEX AUTH] The deployment rejected the admin key; the client stopped: {serverMessage}") { ServerMessage = serverMessage };

    internal static ConvexFatalErrorException FromServer(string serverMessage) =>
        new($"[CONVEX FATAL ERROR] {serverMessage}") { ServerMessage = serverMessage };
}
