using System.Threading.Channels;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// One event-stream listener's view of the live list: it holds only the newest snapshot, so a slow listener skips
/// intermediate lists instead of buffering them. Dispose it to stop listening.
/// </summary>
internal sealed class NotesListener : IDisposable
{
    private readonly Channel<NotesSnapshot> _channel = Channel.CreateBounded<NotesSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Action<NotesListener> _onDispose;

    public NotesListener(Action<NotesListener> onDispose) => _onDispose = onDispose;

    /// <summary>Gets the snapshots for this listener; it completes when the feed stops.</summary>
    public ChannelReader<NotesSnapshot> Snapshots => _channel.Reader;

    internal void Offer(NotesSnapshot snapshot) => _channel.Writer.TryWrite(snapshot);

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        Complete();
        _onDispose(this);
    }
}
