using System.Collections.Immutable;
using System.Text.Json;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Protocol;

/// <summary>Field values read off a <see cref="Utf8JsonReader"/> by the byte-level frame readers; <see langword="false"/> where a value is not of the shape they take.</summary>
internal static class Utf8Fields
{
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = ServerMessageReader.MaxDepth };

    /// <summary>Reads the start of a message whose first field is <c>"type"</c> with the value <paramref name="type"/>.</summary>
    public static bool StartsMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> type) =>
        reader.Read() && reader.TokenType == JsonTokenType.StartObject
        && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("type"u8)
        && reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(type);

    /// <summary>Where in the frame the value at the reader is (as <see cref="System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value"/> gives it); moves past it.</summary>
    public static Range RawValue(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return start..(int)reader.BytesConsumed;
    }

    public static ConvexJsonPayload ToPayload(ReadOnlySpan<byte> raw) =>
        raw.SequenceEqual("null"u8) ? ConvexJsonPayload.Null : new ConvexJsonPayload(raw.ToArray());

    public static bool TryReadTimestamp(ref Utf8JsonReader reader, out ulong ts)
    {
        ts = 0;
        var text = reader.ValueSpan;
        if (reader.ValueIsEscaped || reader.HasValueSequence || text.Length > 12)
        {
            return false;
        }

        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return ConvexBase64.TryDecodeUInt64(chars[..text.Length], out ts);
    }

    public static bool TryReadLines(ref Utf8JsonReader reader, out ImmutableArray<string> lines)
    {
        lines = [];
        ImmutableArray<string>.Builder? builder = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            (builder ??= ImmutableArray.CreateBuilder<string>()).Add(reader.GetString()!);
        }

        if (builder is not null)
        {
            lines = builder.ToImmutable();
        }

        return true;
    }
}
