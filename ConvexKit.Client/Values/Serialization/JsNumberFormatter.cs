using System.Globalization;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// Formats a finite double exactly as JavaScript's <c>Number.prototype.toString</c> (and so <c>JSON.stringify</c>)
/// does, so that the frames this client sends are byte-for-byte those of the JavaScript client: .NET writes
/// <c>1E+15</c> where JavaScript writes <c>1000000000000000</c>.
/// </summary>
internal static class JsNumberFormatter
{
    /// <summary>The longest output: sign, 17 digits, point, 20 zeros of padding or an exponent.</summary>
    public const int MaxLength = 32;

    private const double MaxSafeInteger = 9007199254740992; // 2^53

    public static int Format(double value, Span<byte> destination)
    {
        if (value == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        // Fast paths for the common cases (timestamps, counts, ordinary fractions), where .NET and JavaScript agree.
        // Below 2^53 an integral double is printed as its exact integer by both.
        if (Math.Abs(value) < MaxSafeInteger && value == Math.Truncate(value))
        {
            ((long)value).TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
            return written;
        }

        // .NET switches to an exponent for magnitudes >= 1e15 or < 1e-5, JavaScript only beyond 1e21 or below 1e-6;
        // without an 'E' both print the same shortest round-trip digits the same way.
        if (value.TryFormat(destination, out var length, "R", CultureInfo.InvariantCulture) && destination[..length].IndexOf((byte)'E') < 0)
        {
            return length;
        }

        return FormatWithJavaScriptLayout(value, destination);
    }

    private static int FormatWithJavaScriptLayout(double value, Span<byte> destination)
    {
        // "R" yields the shortest digits that round-trip; only the layout differs from JavaScript.
        Span<char> text = stackalloc char[MaxLength];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];

        var pos = 0;
        if (text[0] == '-')
        {
            destination[pos++] = (byte)'-';
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        var digitCount = 0;
        var pointPosition = text.IndexOf('.') is var dot and >= 0 ? dot : text.Length;
        foreach (var c in text)
        {
            if (c != '.')
            {
                digits[digitCount++] = (byte)c;
            }
        }

        // n is where the decimal point falls relative to the first significant digit (JavaScript spec's "n").
        var leadingZeros = 0;
        while (leadingZeros < digitCount - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        var significant = digits[leadingZeros..digitCount];
        var k = significant.Length;
        while (k > 1 && significant[k - 1] == '0')
        {
            k--;
        }

        significant = significant[..k];
        var n = pointPosition + exponent - leadingZeros;

        if (k <= n && n <= 21)
        {
            significant.CopyTo(destination[pos..]);
            pos += k;
            destination.Slice(pos, n - k).Fill((byte)'0');
            pos += n - k;
        }
        else if (0 < n && n <= 21)
        {
            significant[..n].CopyTo(destination[pos..]);
            pos += n;
            destination[pos++] = (byte)'.';
            significant[n..].CopyTo(destination[pos..]);
            pos += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            destination.Slice(pos, -n).Fill((byte)'0');
            pos += -n;
            significant.CopyTo(destination[pos..]);
            pos += k;
        }
        else
        {
            destination[pos++] = significant[0];
            if (k > 1)
            {
                destination[pos++] = (byte)'.';
                significant[1..].CopyTo(destination[pos..]);
                pos += k - 1;
            }

            destination[pos++] = (byte)'e';
            destination[pos++] = n - 1 >= 0 ? (byte)'+' : (byte)'-';
            ((uint)Math.Abs(n - 1)).TryFormat(destination[pos..], out var written, default, CultureInfo.InvariantCulture);
            pos += written;
        }

        return pos;
    }
}
