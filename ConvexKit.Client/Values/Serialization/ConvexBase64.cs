using System.Buffers.Binary;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>The 8-byte little-endian base64 encodings of <c>$integer</c>, <c>$float</c> and protocol timestamps.</summary>
internal static class ConvexBase64
{
    public static string EncodeInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    public static string EncodeUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    public static string EncodeDouble(double value)
    {
        // .NET's double.NaN has the sign bit set; JavaScript and Rust write the canonical quiet NaN 0x7FF8000000000000.
        if (double.IsNaN(value))
        {
            value = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    public static bool TryDecodeInt64(string base64, out long value)
    {
        var ok = TryDecodeUInt64(base64, out var bits);
        value = (long)bits;
        return ok;
    }

    public static bool TryDecodeDouble(string base64, out double value)
    {
        var ok = TryDecodeUInt64(base64, out var bits);
        value = BitConverter.UInt64BitsToDouble(bits);
        return ok;
    }

    /// <summary>Decodes standard base64, and also the URL-safe alphabet and missing padding as the JavaScript client does.</summary>
    public static byte[]? TryDecode(string base64)
    {
        var normalized = Normalize(base64);
        var buffer = new byte[normalized.Length / 4 * 3];
        return Convert.TryFromBase64String(normalized, buffer, out var written) ? buffer.AsSpan(0, written).ToArray() : null;
    }

    /// <summary>Decodes 8 little-endian bytes (a timestamp, or the bits of <c>$integer</c> and <c>$float</c>) from their base64 characters, without allocating.</summary>
    public static bool TryDecodeUInt64(ReadOnlySpan<char> base64, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (TryDecodeExactly8(base64, bytes))
        {
            value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            return true;
        }

        value = 0;
        return false;
    }

    // The rules of Normalize (URL-safe alphabet and missing padding accepted), on the stack: 8 bytes are 12 characters.
    private static bool TryDecodeExactly8(ReadOnlySpan<char> base64, Span<byte> destination)
    {
        var padding = (base64.Length % 4) switch { 2 => 2, 3 => 1, _ => 0 };
        if (base64.Length + padding != 12)
        {
            return false;
        }

        Span<char> normalized = stackalloc char[12];
        for (var i = 0; i < base64.Length; i++)
        {
            normalized[i] = base64[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        normalized[base64.Length..].Fill('=');
        Span<byte> buffer = stackalloc byte[9];
        return Convert.TryFromBase64Chars(normalized, buffer, out var written) && written == 8 && buffer[..8].TryCopyTo(destination);
    }

    private static string Normalize(string base64)
    {
        var s = base64.AsSpan().IndexOfAny('-', '_') >= 0 ? base64.Replace('-', '+').Replace('_', '/') : base64;
        return (s.Length % 4) switch
        {
            2 => s + "==",
            3 => s + "=",
            _ => s,
        };
    }
}
