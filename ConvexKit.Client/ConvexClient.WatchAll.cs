using ConvexKit.Client.Sync;

namespace ConvexKit.Client;

public sealed partial class ConvexClient
{
    /// <summary>
    /// Streams a consistent snapshot of every live subscription's result after each server Transition (the Rust
    /// client's <c>watch_all</c>); a slow reader skips to the latest snapshot. The stream ends when the client closes.
    /// </summary>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The snapshots, starting with the next Transition.</returns>
    // Not ConnectionState: the engine ends the snapshots a moment before it reports Closed, and a stream started in
    // between would never end; the broadcast's own end covers that.
    public IAsyncEnumerable<ConvexQuerySetSnapshot> WatchAll(CancellationToken cancellationToken = default) => _snapshots.Read(cancellationToken);

    /// <summary>Called by the pump after every applied Transition, and with <see langword="null"/> when the client closes.</summary>
    private void OnSnapshot(QueryResults? results)
    {
        if (results is null)
        {
            _snapshots.End();
        }
        else
        {
            _snapshots.Publish(new ConvexQuerySetSnapshot(this, results));
        }
    }
}
