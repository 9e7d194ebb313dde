using System.Collections.Immutable;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Protocol;

/// <summary>
/// A mutation or action outcome. On success <see cref="Result"/> holds the value; on failure the wire's
/// <c>result</c> is the error message, kept in <see cref="ErrorMessage"/>, and <see cref="ErrorData"/> is set for a <c>ConvexError</c>.
/// </summary>
internal abstract record ResponseMessage(
    uint RequestId,
    bool Success,
    ConvexJsonPayload? Result,
    string? ErrorMessage,
    ImmutableArray<string> LogLines,
    ConvexJsonPayload? ErrorData) : ServerMessage
{
    public FunctionResult ToFunctionResult() => Success
        ? FunctionResult.Success(Result ?? ConvexJsonPayload.Null, LogLines)
        : FunctionResult.Failure(ErrorMessage ?? "", ErrorData, LogLines);
}

/// <summary><c>MutationResponse</c>; <see cref="Ts"/> is the commit timestamp of a successful mutation.</summary>
internal sealed record MutationResponseMessage(
    uint RequestId,
    bool Success,
    ConvexJsonPayload? Result,
    string? ErrorMessage,
    ulong? Ts,
    ImmutableArray<string> LogLines,
    ConvexJsonPayload? ErrorData) : ResponseMessage(RequestId, Success, Result, ErrorMessage, LogLines, ErrorData)
{
    public override string Type => "MutationResponse";
}

/// <summary><c>ActionResponse</c> (no timestamp: actions are not part of the read-your-writes ordering).</summary>
internal sealed record ActionResponseMessage(
    uint RequestId,
    bool Success,
    ConvexJsonPayload? Result,
    string? ErrorMessage,
    ImmutableArray<string> LogLines,
    ConvexJsonPayload? ErrorData) : ResponseMessage(RequestId, Success, Result, ErrorMessage, LogLines, ErrorData)
{
    public override string Type => "ActionResponse";
}
