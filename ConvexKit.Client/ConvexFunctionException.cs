using System.Collections.Immutable;

namespace ConvexKit.Client;

/// <summary>
/// A Convex function ran (or was looked up) and failed: it threw, its arguments failed validation, it does not exist,
/// or it is not the kind that was called. The server's own text is in <see cref="ServerMessage"/>. When the function
/// threw a <c>ConvexError</c>, the derived <see cref="ConvexErrorException"/> is thrown instead, carrying its data.
/// </summary>
/// <remarks>
/// This is a function-level failure (HTTP 200 with <c>status: "error"</c>, or a failed result over the WebSocket); the
/// request itself reached the deployment. The message follows the JavaScript client: <c>[CONVEX Q(notes:get)] …</c>.
/// </remarks>
public class ConvexFunctionException : ConvexException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ConvexFunctionException()
        : this("A Convex function failed.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public ConvexFunctionException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexFunctionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FunctionPath = "";
        ServerMessage = message;
        LogLines = [];
    }

    /// <summary>Creates an exception for a failed call of <paramref name="functionPath"/>.</summary>
    /// <param name="kind">The kind of function that was called.</param>
    /// <param name="functionPath">The canonical function path, such as <c>notes:get</c>.</param>
    /// <param name="serverMessage">The error message the server sent.</param>
    /// <param name="logLines">The function's log lines, if any.</param>
    public ConvexFunctionException(ConvexFunctionKind kind, string functionPath, string serverMessage, ImmutableArray<string> logLines = default)
        : base(FormatMessage(kind, functionPath, serverMessage))
    {
        ArgumentNullException.ThrowIfNull(functionPath);
        ArgumentNullException.ThrowIfNull(serverMessage);
        Kind = kind;
        FunctionPath = functionPath;
        ServerMessage = serverMessage;
        LogLines = logLines.IsDefault ? [] : logLines;
    }

    /// <summary>Gets the kind of function that was called.</summary>
    public ConvexFunctionKind Kind { get; }

    /// <summary>Gets the canonical path of the function that failed, such as <c>notes:get</c>.</summary>
    public string FunctionPath { get; }

    /// <summary>
    /// Gets the error message exactly as the server sent it, e.g.
    /// <c>[Request ID: …] Server Error\nUncaught Error: boom\n    at …</c>.
    /// </summary>
    public string ServerMessage { get; }

    /// <summary>Gets the function's log lines (<c>console.log</c> output such as <c>[LOG] 'hi'</c>).</summary>
    public ImmutableArray<string> LogLines { get; }

    /// <summary>
    /// Creates the exception that mirrors a failed <paramref name="result"/>: a <see cref="ConvexErrorException"/> when
    /// the function threw a <c>ConvexError</c>, otherwise a <see cref="ConvexFunctionException"/>.
    /// </summary>
    internal static ConvexFunctionException FromResult(ConvexFunctionKind kind, string functionPath, FunctionResult result)
    {
        if (result.IsSuccess)
        {
            throw new ArgumentException("The result is a success; there is nothing to throw.", nameof(result));
        }

        return result.ErrorDataPayload is { } data
            ? new ConvexErrorException(kind, functionPath, result.ErrorMessage, data, result.LogLines)
            : new ConvexFunctionException(kind, functionPath, result.ErrorMessage, result.LogLines);
    }

    private static string FormatMessage(ConvexFunctionKind kind, string functionPath, string serverMessage)
    {
        var letter = kind switch
        {
            ConvexFunctionKind.Query => 'Q',
            ConvexFunctionKind.Mutation => 'M',
            _ => 'A',
        };
        return $"[CONVEX {letter}({functionPath})] {serverMessage}";
    }
}
