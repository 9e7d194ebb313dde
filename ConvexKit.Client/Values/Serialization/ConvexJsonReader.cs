using System.Collections.Immutable;
using System.Text.Json;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// Decodes Convex-JSON into <see cref="ConvexValue"/>s with the rules of the server and the JavaScript client: every
/// plain number is a Float64; a single-key object <c>$integer</c>/<c>$float</c>/<c>$bytes</c> is the special encoding;
/// other <c>$</c> keys, malformed payloads and values over Convex's limits are errors naming the JSON path.
/// </summary>
internal static class ConvexJsonReader
{
    /// <summary>The deepest a Convex value may nest (arrays and objects).</summary>
    public const int MaxNesting = 64;

    // Special encodings add one JSON level below the deepest container, so allow a generous margin at the reader.
    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = 4 * MaxNesting };

    public static ConvexValue Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, s_readerOptions);
        var state = ReaderState.Rent();
        var path = state.Path;
        try
        {
            if (!reader.Read())
            {
                throw path.Error("The Convex-JSON text is empty.");
            }

            var value = ReadValue(ref reader, state, 0);
            if (reader.Read())
            {
                throw path.Error("The Convex-JSON text has content after the value.");
            }

            return value;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escape that is not valid Unicode (a lone surrogate).
            throw new ConvexValueException($"The text is not valid JSON: {ex.Message}", path.ToString(), null, ex);
        }
        finally
        {
            ReaderState.Return(state);
        }
    }

    /// <summary>Reads the value starting at the reader's current token (used by converters).</summary>
    public static ConvexValue ReadValue(ref Utf8JsonReader reader)
    {
        var state = ReaderState.Rent();
        try
        {
            return ReadValue(ref reader, state, 0);
        }
        finally
        {
            ReaderState.Return(state);
        }
    }

    private static ConvexValue ReadValue(ref Utf8JsonReader reader, ReaderState state, int depth)
    {
        var path = state.Path;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return ConvexNull.Instance;
            case JsonTokenType.True:
                return ConvexBoolean.True;
            case JsonTokenType.False:
                return ConvexBoolean.False;
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number)
                    ? new ConvexFloat64(number)
                    : throw path.Error("The number is outside the range of a double.");
            case JsonTokenType.String:
                // Utf8JsonReader refuses lone surrogates (escaped or not), so the text is well-formed.
                return ConvexString.FromWellFormed(reader.GetString()!);
            case JsonTokenType.StartArray:
                return ReadArray(ref reader, state, depth + 1);
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, state, depth + 1);
            default:
                throw path.Error($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static ConvexArray ReadArray(ref Utf8JsonReader reader, ReaderState state, int depth)
    {
        var path = state.Path;
        CheckNesting(path, depth);
        var items = state.ItemsAt(depth);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (items.Count == ConvexArray.MaxLength)
            {
                throw path.Error($"A Convex array may have at most {ConvexArray.MaxLength} elements.");
            }

            path.Push(items.Count);
            items.Add(ReadValue(ref reader, state, depth));
            path.Pop();
        }

        return ConvexArray.FromTrusted(ImmutableArray.CreateRange(items));
    }

    private static ConvexValue ReadObject(ref Utf8JsonReader reader, ReaderState state, int depth)
    {
        var path = state.Path;
        var fields = state.FieldsAt(depth);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (!state.Names.TryGet(ref reader, depth, fields.Count, out var name))
            {
                name = reader.GetString()!;
                if (fields.Count == 0 && name.StartsWith('$'))
                {
                    reader.Read();
                    return ReadSpecial(ref reader, path, name);
                }

                path.Push(name);
                if (ConvexFieldName.Validate(name) is { } error)
                {
                    throw path.Error(error);
                }

                path.Pop();
                state.Names.Add(ref reader, depth, fields.Count, name);
            }

            reader.Read();
            path.Push(name);
            if (fields.Count == ConvexObject.MaxFields)
            {
                throw path.Error($"A Convex object may have at most {ConvexObject.MaxFields} fields.");
            }

            fields.Add(new(name, ReadValue(ref reader, state, depth)));
            path.Pop();
        }

        CheckNesting(path, depth);
        try
        {
            return ConvexObject.FromValidatedNames(ImmutableArray.CreateRange(fields));
        }
        catch (ConvexValueException ex)
        {
            throw path.Error(ex.Message);
        }
    }

    private static ConvexValue ReadSpecial(ref Utf8JsonReader reader, JsonPathTracker path, string key)
    {
        path.Push(key);
        var payload = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        ConvexValue value = key switch
        {
            "$integer" => payload is not null && ConvexBase64.TryDecodeInt64(payload, out var i)
                ? new ConvexInt64(i)
                : throw path.Error("A $integer must be the base64 of exactly 8 bytes."),
            "$float" => payload is not null && ConvexBase64.TryDecodeDouble(payload, out var f)
                ? ConvexFloat64.IsSpecialDouble(f) ? new ConvexFloat64(f) : throw path.Error($"The float {f} should be encoded as a number, not $float.")
                : throw path.Error("A $float must be the base64 of exactly 8 bytes."),
            "$bytes" => payload is not null && ConvexBase64.TryDecode(payload) is { } bytes
                ? ConvexBytes.Own(bytes)
                : throw path.Error("A $bytes must be a base64 string."),
            "$set" or "$map" => throw path.Error($"{key} values are no longer supported by Convex."),
            _ => throw path.Error($"The field name '{key}' starts with '$', which is reserved."),
        };

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw path.Error($"An object with the field '{key}' must have no other fields.");
        }

        path.Pop();
        return value;
    }

    private static void CheckNesting(JsonPathTracker path, int depth)
    {
        if (depth > MaxNesting)
        {
            throw path.Error($"The value nests deeper than Convex's limit of {MaxNesting} levels.");
        }
    }
}
