using System.Collections.Immutable;

namespace ConvexKit.Client.Sync;

/// <summary>
/// An immutable snapshot of every live query's latest result, all from one Transition (so they are consistent with
/// each other, at <see cref="Timestamp"/>). Queries the server has not answered yet on this connection are absent.
/// </summary>
internal sealed class QueryResults(ImmutableDictionary<uint, FunctionResult> byQueryId, ulong timestamp)
{
    public static QueryResults Empty { get; } = new(ImmutableDictionary<uint, FunctionResult>.Empty, 0);

    public ImmutableDictionary<uint, FunctionResult> ByQueryId { get; } = byQueryId;

    /// <summary>Gets the database timestamp of the Transition these results come from.</summary>
    public ulong Timestamp { get; } = timestamp;

    public FunctionResult? Get(uint queryId) => ByQueryId.GetValueOrDefault(queryId);
}
