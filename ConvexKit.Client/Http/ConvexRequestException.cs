using System.Net;

namespace ConvexKit.Client.Http;

/// <summary>
/// An HTTP call to a Convex deployment failed as a request, before or around running the function: the deployment
/// answered non-200 with <c>{"code", "message"}</c> (a bad function path, a bad admin key or token, an unsupported
/// client, overload), answered something that is not a Convex response at all (a proxy's HTML error page), or could
/// not be reached. A function that ran and failed is a <see cref="ConvexFunctionException"/> instead.
/// </summary>
public sealed class ConvexRequestException : ConvexException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ConvexRequestException()
        : this("A request to the Convex deployment failed.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public ConvexRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a failed request.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status the deployment answered with; <see langword="null"/> when it never answered.</param>
    /// <param name="code">The deployment's short error code, such as <c>BadConvexFunctionIdentifier</c>.</param>
    /// <param name="serverMessage">The deployment's error message.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexRequestException(string message, HttpStatusCode? statusCode, string? code, string? serverMessage, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
        ServerMessage = serverMessage;
    }

    /// <summary>Gets the HTTP status the deployment answered with; <see langword="null"/> when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// Gets the deployment's short error code from a <c>{"code", "message"}</c> body, such as
    /// <c>BadConvexFunctionIdentifier</c>, <c>BadAdminKey</c> or <c>InvalidAuthHeader</c>; <see langword="null"/> when the
    /// answer had no such body.
    /// </summary>
    public string? Code { get; }

    /// <summary>Gets the deployment's error message from a <c>{"code", "message"}</c> body, when there was one.</summary>
    public string? ServerMessage { get; }
}
