using System.Collections.Concurrent;

namespace ConvexKit.Client.Engine;

/// <summary>
/// The engine's inbox: items are handled one at a time and in order, by whichever thread posts to an idle engine (an
/// API caller, a socket's receive loop, a timer), instead of by a loop of its own that every post would wake. A wake-up
/// is a thread-pool work item, and on an idle machine each one costs a worker's spin before it sleeps again: with a
/// dedicated loop that was most of the client's CPU per round trip (docs/client-engine.md, "Threads").
/// A post to a busy engine only queues; the thread that is handling takes the item next. That thread hands the rest
/// over to the thread pool after its turn: one item for an API caller (a UI thread handles its own command and never
/// others' frames), <see cref="MaxItemsPerTurn"/> for the client's own threads. When an item's handling goes
/// asynchronous (closing the socket) the drain resumes where it completes, so items are still handled one at a time.
/// </summary>
internal sealed class EngineInbox(Func<EngineItem, Task> handle, Action<EngineItem, Exception> failed)
{
    /// <summary>How many items one of the client's own threads (a receive loop, a timer) handles before it hands the rest to the thread pool.</summary>
    internal const int MaxItemsPerTurn = 64;

    /// <summary>An API caller handles only its own item.</summary>
    internal const int CallerTurn = 1;

    private readonly ConcurrentQueue<EngineItem> _items = new();
    private int _draining;
    private volatile bool _closed;

    /// <summary>Gets a value indicating whether the inbox refuses new items (the engine stopped).</summary>
    public bool IsClosed => _closed;

    /// <summary>Queues <paramref name="item"/> and, when the engine is idle, handles it on this thread, and up to <paramref name="turn"/> items in all.</summary>
    /// <param name="item">The item.</param>
    /// <param name="turn">How many items this thread may handle before it hands the rest to the thread pool.</param>
    /// <returns><see langword="false"/> once the inbox is closed.</returns>
    public bool TryPost(EngineItem item, int turn = MaxItemsPerTurn)
    {
        if (_closed)
        {
            return false;
        }

        // An item that slips in while the engine closes is still handled: the engine rejects it with its terminal error.
        _items.Enqueue(item);
        Drain(turn);
        return true;
    }

    /// <summary>Refuses items from now on; those already queued are still handled.</summary>
    public void Close() => _closed = true;

    private void Drain(int turn)
    {
        while (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            if (!HandleQueued(turn))
            {
                return;
            }

            // Released, then checked again: an item queued just before the release has no other thread to handle it.
            Volatile.Write(ref _draining, 0);
            if (_items.IsEmpty)
            {
                return;
            }
        }
    }

    /// <summary>Handles up to <paramref name="turn"/> queued items while this thread owns the drain.</summary>
    /// <returns><see langword="false"/> when the drain passed to another thread (a continuation or the thread pool).</returns>
    private bool HandleQueued(int turn)
    {
        for (var handled = 0; _items.TryDequeue(out var item);)
        {
            Task pending;
            try
            {
                pending = handle(item);
            }
            catch (Exception ex)
            {
                failed(item, ex);
                continue;
            }

            if (!pending.IsCompleted)
            {
                _ = ResumeAfterAsync(pending, item);
                return false;
            }

            if (pending.IsFaulted)
            {
                failed(item, pending.Exception.InnerException ?? pending.Exception);
            }

            if (++handled >= turn && !_items.IsEmpty)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static inbox => inbox.Resume(), this, preferLocal: false);
                return false;
            }
        }

        return true;
    }

    private async Task ResumeAfterAsync(Task pending, EngineItem item)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failed(item, ex);
        }

        Resume();
    }

    /// <summary>Continues a drain this thread inherited.</summary>
    private void Resume()
    {
        if (HandleQueued(MaxItemsPerTurn))
        {
            Volatile.Write(ref _draining, 0);
            if (!_items.IsEmpty)
            {
                Drain(MaxItemsPerTurn);
            }
        }
    }
}
