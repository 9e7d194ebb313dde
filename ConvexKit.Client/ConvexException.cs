namespace ConvexKit.Client;

/// <summary>The base class of every exception the Convex client throws on purpose.</summary>
public class ConvexException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public ConvexException()
        : this("A Convex client operation failed.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public ConvexException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
