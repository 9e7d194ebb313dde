using System.Collections.Immutable;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Protocol;

/// <summary><c>ModifyQuerySet</c>: adds and removes queries; <see cref="NewVersion"/> is always <see cref="BaseVersion"/> + 1.</summary>
internal sealed record ModifyQuerySetMessage(uint BaseVersion, uint NewVersion, ImmutableArray<QuerySetModification> Modifications) : ClientMessage
{
    public override string Type => "ModifyQuerySet";
}

/// <summary>One change to the query set.</summary>
internal abstract record QuerySetModification(uint QueryId)
{
    public abstract string Type { get; }
}

/// <summary>
/// <c>Add</c>: subscribe <see cref="QuerySetModification.QueryId"/> to <see cref="UdfPath"/> with <see cref="Args"/>. <see cref="Journal"/>
/// is <see langword="null"/> when the field is omitted (no journal known yet) and a <see cref="QueryJournal"/>
/// (possibly holding <c>null</c>) when it is sent, as the JavaScript client distinguishes the two.
/// </summary>
internal sealed record AddQuery(uint QueryId, string UdfPath, ConvexObject Args, QueryJournal? Journal) : QuerySetModification(QueryId)
{
    public override string Type => "Add";
}

/// <summary><c>Remove</c>: unsubscribe <see cref="QuerySetModification.QueryId"/>.</summary>
internal sealed record RemoveQuery(uint QueryId) : QuerySetModification(QueryId)
{
    public override string Type => "Remove";
}

/// <summary>An opaque query journal from the server; <see cref="Value"/> <see langword="null"/> is the empty journal.</summary>
internal readonly record struct QueryJournal(string? Value);
