using System.Buffers;
using System.Text.Json;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Protocol;

/// <summary>
/// Serializes client messages into <see cref="OutgoingFrame"/>s, reusing one buffer and one <see cref="Utf8JsonWriter"/>
/// (a new writer, buffer and exact-size copy per message were a quarter of a mutation round trip's garbage). Owned by
/// the engine's loop; not thread-safe.
/// </summary>
internal sealed class ClientFrameWriter
{
    private const int InitialCapacity = 1024;

    // A buffer grown past this by a large message is let go, so one big mutation doesn't pin its size for good.
    private const int MaxKeptCapacity = 64 * 1024;

    private ArrayBufferWriter<byte> _buffer = new(InitialCapacity);
    private readonly Utf8JsonWriter _writer;

    public ClientFrameWriter() => _writer = new Utf8JsonWriter(_buffer, ConvexJsonWriter.WriterOptions);

    /// <summary>Serializes <paramref name="message"/> into a frame on a pooled array (the sender returns it).</summary>
    public OutgoingFrame Write(ClientMessage message)
    {
        if (_buffer.Capacity > MaxKeptCapacity)
        {
            _buffer = new ArrayBufferWriter<byte>(InitialCapacity);
        }

        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        ClientMessageWriter.Write(_writer, message);
        _writer.Flush();
        return OutgoingFrame.CopyOf(_buffer.WrittenSpan);
    }
}
