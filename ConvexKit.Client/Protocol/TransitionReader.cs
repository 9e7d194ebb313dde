using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Protocol;

/// <summary>
/// Reads a <c>Transition</c> straight off the frame's bytes instead of through a <see cref="JsonDocument"/>, as
/// <see cref="MutationResponseReader"/> does for responses: only the shape servers send (<c>type</c> first in the
/// message and in each modification, names unescaped, each field once and of its expected kind, modifications
/// <c>QueryUpdated</c> or <c>QueryRemoved</c>). Anything else returns <see langword="null"/> for the general reader.
/// </summary>
internal static class TransitionReader
{
    private const int StartField = 1;
    private const int EndField = 2;
    private const int ModificationsField = 4;
    private const int SkewField = 8;
    private const int ServerTsField = 16;

    public static TransitionMessage? TryRead(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, Utf8Fields.ReaderOptions);
        try
        {
            return Utf8Fields.StartsMessage(ref reader, "Transition"u8) ? ReadFields(ref reader, frame) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TransitionMessage? ReadFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        StateVersion start = default, end = default;
        ImmutableArray<StateModification> modifications = default;
        long? skew = null, serverTs = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped || reader.ValueTextEquals("type"u8))
            {
                return null;
            }

            var field = reader.ValueTextEquals("startVersion"u8) ? StartField
                : reader.ValueTextEquals("endVersion"u8) ? EndField
                : reader.ValueTextEquals("modifications"u8) ? ModificationsField
                : reader.ValueTextEquals("clientClockSkew"u8) ? SkewField
                : reader.ValueTextEquals("serverTs"u8) ? ServerTsField
                : 0;
            if ((seen & field) != 0)
            {
                return null;
            }

            seen |= field;
            reader.Read();
            var ok = field switch
            {
                StartField => TryReadVersion(ref reader, out start),
                EndField => TryReadVersion(ref reader, out end),
                ModificationsField => TryReadModifications(ref reader, frame, out modifications),
                SkewField => TryReadNullableInt64(ref reader, out skew),
                ServerTsField => TryReadNullableInt64(ref reader, out serverTs),
                _ => Skip(ref reader),
            };
            if (!ok)
            {
                return null;
            }
        }

        const int required = StartField | EndField | ModificationsField;
        return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && (seen & required) == required
            ? new TransitionMessage(start, end, modifications, skew, serverTs)
            : null;
    }

    private static bool Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    private static bool TryReadVersion(ref Utf8JsonReader reader, out StateVersion version)
    {
        version = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        uint? querySet = null, identity = null;
        ulong? ts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            if (reader.ValueTextEquals("querySet"u8))
            {
                if (querySet is not null || !reader.Read() || !TryReadUInt32(ref reader, out var value))
                {
                    return false;
                }

                querySet = value;
            }
            else if (reader.ValueTextEquals("identity"u8))
            {
                if (identity is not null || !reader.Read() || !TryReadUInt32(ref reader, out var value))
                {
                    return false;
                }

                identity = value;
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                if (ts is not null || !reader.Read() || reader.TokenType != JsonTokenType.String || !Utf8Fields.TryReadTimestamp(ref reader, out var value))
                {
                    return false;
                }

                ts = value;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (querySet is null || identity is null || ts is null)
        {
            return false;
        }

        version = new StateVersion(querySet.Value, identity.Value, ts.Value);
        return true;
    }

    private static bool TryReadModifications(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, out ImmutableArray<StateModification> modifications)
    {
        modifications = default;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        // Counted on a copy of the reader first, so the array is allocated once at its size.
        var counter = reader;
        var count = 0;
        while (counter.Read() && counter.TokenType != JsonTokenType.EndArray)
        {
            counter.Skip();
            count++;
        }

        var items = new StateModification[count];
        for (var i = 0; i < count; i++)
        {
            if (!reader.Read() || TryReadModification(ref reader, frame) is not { } modification)
            {
                return false;
            }

            items[i] = modification;
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        modifications = ImmutableCollectionsMarshal.AsImmutableArray(items);
        return true;
    }

    private static StateModification? TryReadModification(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var updated = reader.ValueTextEquals("QueryUpdated"u8);
        if (!updated && !reader.ValueTextEquals("QueryRemoved"u8))
        {
            return null;
        }

        uint? queryId = null;
        ConvexJsonPayload? value = null;
        ImmutableArray<string>? logLines = null;
        var journalSeen = false;
        string? journal = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped || reader.ValueTextEquals("type"u8))
            {
                return null;
            }

            if (reader.ValueTextEquals("queryId"u8))
            {
                if (queryId is not null || !reader.Read() || !TryReadUInt32(ref reader, out var id))
                {
                    return null;
                }

                queryId = id;
            }
            else if (updated && reader.ValueTextEquals("value"u8))
            {
                if (value is not null || !reader.Read())
                {
                    return null;
                }

                value = Utf8Fields.ToPayload(frame[Utf8Fields.RawValue(ref reader)]);
            }
            else if (updated && reader.ValueTextEquals("logLines"u8))
            {
                if (logLines is not null || !reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.Null)
                {
                    logLines = [];
                }
                else if (reader.TokenType == JsonTokenType.StartArray && Utf8Fields.TryReadLines(ref reader, out var lines))
                {
                    logLines = lines;
                }
                else
                {
                    return null;
                }
            }
            else if (updated && reader.ValueTextEquals("journal"u8))
            {
                if (journalSeen || !reader.Read() || reader.TokenType is not (JsonTokenType.Null or JsonTokenType.String))
                {
                    return null;
                }

                journalSeen = true;
                journal = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (queryId is not { } queryIdValue)
        {
            return null;
        }

        return updated
            ? new QueryUpdated(queryIdValue, value ?? ConvexJsonPayload.Null, logLines ?? [], journal)
            : new QueryRemoved(queryIdValue);
    }

    private static bool TryReadUInt32(ref Utf8JsonReader reader, out uint value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out value);
    }

    private static bool TryReadNullableInt64(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt64(out var l))
        {
            value = l;
            return true;
        }

        if (reader.TryGetDouble(out var d) && double.IsFinite(d))
        {
            value = (long)d;
            return true;
        }

        return false;
    }
}
