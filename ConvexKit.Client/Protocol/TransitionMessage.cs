using System.Collections.Immutable;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Protocol;

/// <summary><c>Transition</c>: moves the client from <see cref="StartVersion"/> to <see cref="EndVersion"/>, carrying changed results only.</summary>
internal sealed record TransitionMessage(
    StateVersion StartVersion,
    StateVersion EndVersion,
    ImmutableArray<StateModification> Modifications,
    long? ClientClockSkew,
    long? ServerTs) : ServerMessage
{
    public override string Type => "Transition";
}

/// <summary>One query's change within a <see cref="TransitionMessage"/>.</summary>
internal abstract record StateModification(uint QueryId)
{
    public abstract string Type { get; }
}

/// <summary><c>QueryUpdated</c>: a new successful result.</summary>
internal sealed record QueryUpdated(uint QueryId, ConvexJsonPayload Value, ImmutableArray<string> LogLines, string? Journal) : StateModification(QueryId)
{
    public override string Type => "QueryUpdated";
}

/// <summary><c>QueryFailed</c>: the query threw; <see cref="ErrorData"/> is set for a <c>ConvexError</c>.</summary>
internal sealed record QueryFailed(uint QueryId, string ErrorMessage, ImmutableArray<string> LogLines, string? Journal, ConvexJsonPayload? ErrorData)
    : StateModification(QueryId)
{
    public override string Type => "QueryFailed";
}

/// <summary><c>QueryRemoved</c>: the server dropped the query (after a <c>Remove</c>).</summary>
internal sealed record QueryRemoved(uint QueryId) : StateModification(QueryId)
{
    public override string Type => "QueryRemoved";
}
