using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace ConvexKit.Client.Transport;

/// <summary>A sync connection over a <see cref="ClientWebSocket"/>: reassembles fragmented text messages into frames.</summary>
internal sealed class WebSocketSyncConnection(ClientWebSocket socket) : ISyncConnection
{
    private const int ReceiveChunkSize = 16 * 1024;

    // One receive buffer per connection, reused for every message (ISyncConnection: ReceiveAsync is never called
    // concurrently with itself; each frame is copied out): a fresh 16 KB buffer per frame was most of the client's
    // garbage under load, and the collections it caused showed in the fan-out benchmark's tail.
    private readonly ArrayBufferWriter<byte> _buffer = new(ReceiveChunkSize);

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    // Pooled: a receive that waits for the network (most do) would otherwise allocate its state machine every frame.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<SyncReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = _buffer;
        buffer.ResetWrittenCount();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(ReceiveChunkSize), cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The peer vanished without a close frame (a crash, a dropped network): browsers report 1006.
                return SyncReceiveResult.Closed(1006, ex.WebSocketErrorCode.ToString());
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return SyncReceiveResult.Closed((int?)socket.CloseStatus ?? 1005, socket.CloseStatusDescription);
            }

            buffer.Advance(result.Count);
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                throw new WebSocketException(WebSocketError.InvalidMessageType, "The server sent a binary frame; the sync protocol uses text frames only.");
            }

            if (result.EndOfMessage)
            {
                // On a pooled array: the engine gives it back once the frame is parsed.
                var frame = ArrayPool<byte>.Shared.Rent(buffer.WrittenCount);
                buffer.WrittenSpan.CopyTo(frame);
                return SyncReceiveResult.Pooled(frame, buffer.WrittenCount);
            }
        }
    }

    public async Task CloseAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort: the connection is being abandoned either way.
        }
        finally
        {
            socket.Abort();
        }
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
