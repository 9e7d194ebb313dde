using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

/// <summary>
/// What one step of the <see cref="SyncState"/> produced: the messages for the socket, in order, and the events for its
/// owner. The parts of the state machine write here; the owner drains both after each call.
/// </summary>
internal sealed class SyncOutput
{
    private readonly Queue<ClientMessage> _outgoing = new();

    // Reused: each step's events leave as an exact-size array, so a step costs one small array, not a list and its growth.
    private readonly List<SyncEvent> _events = [];

    public int OutgoingCount => _outgoing.Count;

    public void Send(ClientMessage message) => _outgoing.Enqueue(message);

    public bool TryDequeue(out ClientMessage message) => _outgoing.TryDequeue(out message!);

    /// <summary>Drops unsent messages: they belonged to a socket that is gone, and the next open re-sends what matters.</summary>
    public void ClearOutgoing() => _outgoing.Clear();

    public void Emit(SyncEvent syncEvent) => _events.Add(syncEvent);

    public IReadOnlyList<SyncEvent> TakeEvents()
    {
        if (_events.Count == 0)
        {
            return [];
        }

        var events = _events.ToArray();
        _events.Clear();
        return events;
    }
}
