using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// Writes a JSON string literal exactly as <c>JSON.stringify</c> does: only <c>"</c>, <c>\</c>, control characters
/// and lone surrogates are escaped; everything else (including non-ASCII and <c>&lt;&gt;&amp;'</c>) is written as UTF-8.
/// </summary>
/// <remarks>
/// Strings are encoded straight into a stack or pooled buffer and handed to the writer as raw JSON, so writing a
/// string allocates nothing: on a large payload, strings are most of the bytes.
/// </remarks>
internal static class JsStringEscaper
{
    private const int StackBufferBytes = 512;

    // ASCII-only, so the search is vectorized; lone surrogates are found by the UTF-8 transcoder instead.
    private static readonly SearchValues<char> s_asciiNeedsEscaping = SearchValues.Create(BuildAsciiNeedsEscaping());

    public static void Write(Utf8JsonWriter writer, string value)
    {
        // Worst case: every char a six-byte \uXXXX escape (a UTF-16 char is at most 3 bytes of UTF-8), plus quotes.
        var maxBytes = (value.Length * 6) + 2;
        byte[]? rented = null;
        var buffer = maxBytes <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = WriteQuoted(value, buffer);
            writer.WriteRawValue(buffer[..length], skipInputValidation: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int WriteQuoted(ReadOnlySpan<char> text, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        var pos = 1;
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(s_asciiNeedsEscaping);
            var run = special < 0 ? text : text[..special];
            pos += WriteRun(run, destination[pos..]);
            if (special < 0)
            {
                break;
            }

            pos += WriteEscape(text[special], destination[pos..]);
            text = text[(special + 1)..];
        }

        destination[pos++] = (byte)'"';
        return pos;
    }

    /// <summary>Transcodes text without ASCII specials to UTF-8, escaping lone surrogates as JSON.stringify does.</summary>
    private static int WriteRun(ReadOnlySpan<char> run, Span<byte> destination)
    {
        var pos = 0;
        while (true)
        {
            var status = Utf8.FromUtf16(run, destination[pos..], out var read, out var written, replaceInvalidSequences: false);
            pos += written;
            if (status == OperationStatus.Done)
            {
                return pos;
            }

            // InvalidData: run[read] is a lone surrogate (the buffer is sized for the worst case, so never too small).
            pos += WriteUnicodeEscape(run[read], destination[pos..]);
            run = run[(read + 1)..];
        }
    }

    private static int WriteEscape(char c, Span<byte> destination)
    {
        var escaped = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            _ => (byte)0,
        };
        if (escaped == 0)
        {
            return WriteUnicodeEscape(c, destination);
        }

        destination[0] = (byte)'\\';
        destination[1] = escaped;
        return 2;
    }

    /// <summary><c>\u001f</c>-style, lowercase hex like JSON.stringify.</summary>
    private static int WriteUnicodeEscape(char c, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        destination[1] = (byte)'u';
        ((int)c).TryFormat(destination[2..6], out _, "x4", System.Globalization.CultureInfo.InvariantCulture);
        return 6;
    }

    private static string BuildAsciiNeedsEscaping()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        return chars.Append('"').Append('\\').ToString();
    }
}
