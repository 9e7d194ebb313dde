using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>A Convex byte sequence, sent as <c>{"$bytes": "&lt;base64&gt;"}</c>.</summary>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
public sealed class ConvexBytes : ConvexValue
{
    private readonly byte[] _bytes;

    /// <summary>Creates a bytes value from a copy of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    public ConvexBytes(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    private ConvexBytes(byte[] owned, bool _) => _bytes = owned;

    /// <summary>Gets the bytes.</summary>
    public ReadOnlyMemory<byte> Value => _bytes;

    /// <summary>Gets the number of bytes.</summary>
    public int Length => _bytes.Length;

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.Bytes;

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other) => other is ConvexBytes b && b._bytes.AsSpan().SequenceEqual(_bytes);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    // The decoder hands over a freshly decoded array, so the copy can be skipped.
    internal static ConvexBytes Own(byte[] bytes) => new(bytes, true);
}
