using System.Buffers;

namespace ConvexKit.Client.Engine;

/// <summary>A serialized client message on an <see cref="ArrayPool{T}"/> array, on its way to the socket.</summary>
internal readonly record struct OutgoingFrame(byte[] Array, int Length)
{
    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    public static OutgoingFrame CopyOf(ReadOnlySpan<byte> utf8)
    {
        var array = ArrayPool<byte>.Shared.Rent(utf8.Length);
        utf8.CopyTo(array);
        return new OutgoingFrame(array, utf8.Length);
    }

    /// <summary>Gives the array back once the frame is sent; a frame dropped with its socket is left to the GC.</summary>
    public void Return() => ArrayPool<byte>.Shared.Return(Array);
}
