using System.Buffers;
using System.Text;

namespace Convex.Client.Values.Serialization;

/// <summary>
/// Writes a JSON string literal exactly as <c>JSON.stringify</c> does: only <c>"</c>, <c>\</c>, control characters
/// and lone surrogates are escaped; everything else (including non-ASCII and <c>&lt;&gt;&amp;'</c>) is written as UTF-8.
/// </summary>
internal static class JsStringEscaper
{
    private static readonly SearchValues<char> s_needsEscaping = SearchValues.Create(BuildNeedsEscaping());

    public static byte[] ToQuotedUtf8(string value)
    {
        if (value.AsSpan().IndexOfAny(s_needsEscaping) < 0)
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 2];
            bytes[0] = (byte)'"';
            Encoding.UTF8.GetBytes(value, bytes.AsSpan(1));
            bytes[^1] = (byte)'"';
            return bytes;
        }

        return Encoding.UTF8.GetBytes(Escape(value));
    }

    private static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    private static string BuildNeedsEscaping()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        chars.Append('"').Append('\\');
        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }
}
