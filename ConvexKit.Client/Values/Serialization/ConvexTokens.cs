using System.Text.Json;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>Helpers for converters that read the special single-key objects of Convex-JSON.</summary>
internal static class ConvexTokens
{
    /// <summary>Reads <c>{"$key": "payload"}</c> at the reader's <see cref="JsonTokenType.StartObject"/>.</summary>
    public static (string Key, string Payload) ReadSpecialObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException("Expected a Convex special object such as {\"$integer\": …}.");
        }

        var key = reader.GetString()!;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"The {key} payload must be a string.");
        }

        var payload = reader.GetString()!;
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException($"An object with the field '{key}' must have no other fields.");
        }

        return (key, payload);
    }

    /// <summary>Reads a Convex number (plain number, <c>$float</c> or <c>$integer</c>) as a double.</summary>
    public static double ReadNumberAsDouble(ref Utf8JsonReader reader, Type target)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out var d) ? d : throw new JsonException("The number is outside the range of a double.");
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var (key, payload) = ReadSpecialObject(ref reader);
            if (key == "$float" && ConvexBase64.TryDecodeDouble(payload, out var f))
            {
                return f;
            }

            if (key == "$integer" && ConvexBase64.TryDecodeInt64(payload, out var i))
            {
                return i;
            }
        }

        throw new JsonException($"Expected a Convex number for {target.Name} but found {reader.TokenType}.");
    }
}
