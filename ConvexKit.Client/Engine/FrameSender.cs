using System.Collections.Concurrent;
using ConvexKit.Client.Transport;

namespace ConvexKit.Client.Engine;

/// <summary>
/// Sends one socket's frames in order, one at a time. When the socket is idle a frame is sent on the thread that queues
/// it: a small frame usually goes out at once, so there is no thread-pool hop on the way out. A send that does not
/// complete at once (large arguments on a slow link, a long replay) is awaited off that thread, and the frames queued
/// meanwhile follow from there: sending never blocks the engine nor holds up receiving.
/// </summary>
internal sealed class FrameSender(ISyncConnection socket, CancellationToken lifetime, Action failed)
{
    private readonly ConcurrentQueue<OutgoingFrame> _frames = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sending;
    private volatile bool _closed;
    private volatile bool _failed;

    /// <summary>Queues <paramref name="frame"/> and, when no send is under way, sends it on this thread.</summary>
    public void Send(OutgoingFrame frame)
    {
        if (_closed || _failed)
        {
            // The socket is going away: the next one replays what matters.
            return;
        }

        _frames.Enqueue(frame);
        Pump();
    }

    /// <summary>Takes no more frames and completes once those already queued have gone out (or sending stopped).</summary>
    public Task CloseAsync()
    {
        _closed = true;
        Pump();
        return _drained.Task;
    }

    /// <summary>Takes no more frames; those queued are dropped with the socket (their arrays are left to the GC).</summary>
    public void Stop() => _closed = true;

    private void Pump()
    {
        while (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            if (!SendQueued())
            {
                return;
            }

            // Released, then checked again: a frame queued just before the release has no other thread to send it.
            Volatile.Write(ref _sending, 0);
            if (_frames.IsEmpty)
            {
                if (_closed)
                {
                    _drained.TrySetResult();
                }

                return;
            }
        }
    }

    /// <summary>Sends queued frames while this thread owns the socket's sending side.</summary>
    /// <returns><see langword="false"/> when a send went asynchronous (its continuation now owns sending) or sending failed.</returns>
    private bool SendQueued()
    {
        while (!_failed && _frames.TryDequeue(out var frame))
        {
            ValueTask sent;
            try
            {
                sent = socket.SendAsync(frame.Memory, lifetime);
            }
            catch (Exception)
            {
                Fail();
                return false;
            }

            if (!sent.IsCompleted)
            {
                _ = ResumeAfterAsync(sent, frame);
                return false;
            }

            try
            {
                sent.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                Fail();
                return false;
            }

            frame.Return();
        }

        return !_failed;
    }

    private async Task ResumeAfterAsync(ValueTask sent, OutgoingFrame frame)
    {
        try
        {
            await sent.ConfigureAwait(false);
        }
        catch (Exception)
        {
            Fail();
            return;
        }

        frame.Return();
        if (SendQueued())
        {
            Volatile.Write(ref _sending, 0);
            Pump();
        }
    }

    /// <summary>Stops sending for good (the socket is broken or cancelled); the owner reconnects unless it is already leaving.</summary>
    private void Fail()
    {
        _failed = true;
        _drained.TrySetResult();
        if (!lifetime.IsCancellationRequested)
        {
            failed();
        }
    }
}
