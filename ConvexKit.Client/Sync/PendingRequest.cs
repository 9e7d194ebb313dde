using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

/// <summary>A mutation or action between enqueue and resolution (JavaScript <c>RequestManager</c> states).</summary>
internal sealed class PendingRequest(RequestMessage message, RequestStatus status)
{
    public RequestMessage Message { get; } = message;

    public ConvexFunctionKind Kind => Message is MutationMessage ? ConvexFunctionKind.Mutation : ConvexFunctionKind.Action;

    public RequestStatus Status { get; set; } = status;

    /// <summary>Gets or sets the result of a successful mutation waiting for a Transition at <see cref="CommitTs"/>.</summary>
    public FunctionResult? Result { get; set; }

    public ulong CommitTs { get; set; }
}

internal enum RequestStatus
{
    /// <summary>Not sent yet (socket down or paused); sent on the next open or resume.</summary>
    NotSent,

    /// <summary>Sent; waiting for the response.</summary>
    Requested,

    /// <summary>A successful mutation whose commit the client has not yet observed in a Transition.</summary>
    Completed,
}
