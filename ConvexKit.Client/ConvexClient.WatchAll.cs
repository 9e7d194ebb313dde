using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ConvexKit.Client.Sync;

namespace ConvexKit.Client;

public sealed partial class ConvexClient
{
    private readonly Lock _snapshotGate = new();
    private readonly List<Channel<ConvexQuerySetSnapshot>> _snapshotWatchers = [];
    private bool _snapshotsEnded;

    /// <summary>
    /// Streams a consistent snapshot of every live subscription's result after each server Transition (the Rust
    /// client's <c>watch_all</c>); a slow reader skips to the latest snapshot. The stream ends when the client closes.
    /// </summary>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The snapshots, starting with the next Transition.</returns>
    public IAsyncEnumerable<ConvexQuerySetSnapshot> WatchAll(CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<ConvexQuerySetSnapshot>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            AllowSynchronousContinuations = false,
        });
        lock (_snapshotGate)
        {
            // Not ConnectionState: the engine ends the snapshots a moment before it reports Closed, and a stream started
            // in between would never end.
            if (_snapshotsEnded)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _snapshotWatchers.Add(channel);
            }
        }

        return ReadSnapshots(channel, cancellationToken);
    }

    /// <summary>Called by the pump after every applied Transition, and with <see langword="null"/> when the client closes.</summary>
    private void OnSnapshot(QueryResults? results)
    {
        lock (_snapshotGate)
        {
            foreach (var watcher in _snapshotWatchers)
            {
                if (results is null)
                {
                    watcher.Writer.TryComplete();
                }
                else
                {
                    watcher.Writer.TryWrite(new ConvexQuerySetSnapshot(this, results));
                }
            }

            if (results is null)
            {
                _snapshotWatchers.Clear();
                _snapshotsEnded = true;
            }
        }
    }

    private async IAsyncEnumerable<ConvexQuerySetSnapshot> ReadSnapshots(
        Channel<ConvexQuerySetSnapshot> channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_snapshotGate)
            {
                _snapshotWatchers.Remove(channel);
            }
        }
    }
}
