using ConvexKit.Client;

namespace ConvexNotes.Worker.Watcher;

internal sealed partial class NotesWatcher
{
    /// <summary>
    /// One log line per connection state change, however many retries the client makes meanwhile: a backend that is
    /// down for an hour costs two lines, not thousands.
    /// </summary>
    private async Task FollowConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var connection in _convex.WatchConnectionState(cancellationToken))
            {
                UpdateState((state, now) => state.WithConnection(connection, now));
                switch (connection)
                {
                    case ConvexConnectionState.Connecting:
                        _logger.Connecting();
                        break;
                    case ConvexConnectionState.Connected:
                        _logger.Connected();
                        break;
                    case ConvexConnectionState.Reconnecting:
                        _logger.Reconnecting();
                        break;
                    case ConvexConnectionState.Closed:
                        _logger.ClientClosed();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
