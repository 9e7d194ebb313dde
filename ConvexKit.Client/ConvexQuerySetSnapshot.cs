using ConvexKit.Client.Sync;

namespace ConvexKit.Client;

/// <summary>
/// The results of every live subscription, all from one server state (one Transition, at <see cref="Timestamp"/>),
/// so they are consistent with each other, as <see cref="ConvexClient.WatchAll"/> delivers them.
/// </summary>
public sealed class ConvexQuerySetSnapshot
{
    private readonly ConvexClient _owner;
    private readonly QueryResults _results;

    internal ConvexQuerySetSnapshot(ConvexClient owner, QueryResults results)
    {
        _owner = owner;
        _results = results;
    }

    /// <summary>Gets the database timestamp of the state (nanoseconds since the Unix epoch).</summary>
    public long Timestamp => (long)_results.Timestamp;

    /// <summary>Gets how many queries have a result in this snapshot.</summary>
    public int Count => _results.ByQueryId.Count;

    /// <summary>Looks up the result of <paramref name="subscription"/> in this snapshot.</summary>
    /// <param name="subscription">A subscription of the same client.</param>
    /// <param name="result">Its result at <see cref="Timestamp"/>.</param>
    /// <returns><see langword="false"/> when the subscription has no result in this state (yet, or any more).</returns>
    /// <exception cref="ArgumentException"><paramref name="subscription"/> belongs to another client, whose query ids mean something else.</exception>
    public bool TryGetResult(ConvexSubscription subscription, out FunctionResult result)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.Owner != _owner)
        {
            throw new ArgumentException("The subscription belongs to another ConvexClient; a snapshot holds only its own client's results.", nameof(subscription));
        }

        result = null!;
        return subscription.Token is not null && _results.ByQueryId.TryGetValue(subscription.QueryId, out result!);
    }

    /// <summary>Describes the snapshot without its data.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexQuerySetSnapshot({Count} results at {Timestamp})";
}
