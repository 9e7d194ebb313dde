namespace ConvexKit.Client;

/// <summary>
/// The connection dropped while an action was in flight. Actions are not idempotent, so the client does not resend
/// it: the action may or may not have run (the JavaScript client's <c>Connection lost while action was in flight</c>).
/// </summary>
public sealed class ConvexConnectionLostException : ConvexException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ConvexConnectionLostException()
        : this("Connection lost while action was in flight")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public ConvexConnectionLostException(string message)
        : base(message)
    {
        FunctionPath = "";
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexConnectionLostException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FunctionPath = "";
    }

    internal ConvexConnectionLostException(string functionPath, string serverMessage)
        : base($"[CONVEX A({functionPath})] {serverMessage}")
    {
        FunctionPath = functionPath;
    }

    /// <summary>Gets the canonical path of the action, such as <c>notes:summarize</c>.</summary>
    public string FunctionPath { get; }
}
