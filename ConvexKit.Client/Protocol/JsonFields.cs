using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Protocol;

/// <summary>Typed access to the fields of a protocol message, with errors that name the message and the field.</summary>
internal readonly struct JsonFields(JsonElement element, string messageType)
{
    public JsonElement Element => element;

    public bool Has(string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Undefined;

    public bool IsNullOrAbsent(string name) => !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    public JsonElement Required(string name) =>
        element.TryGetProperty(name, out var value) ? value : throw Error($"is missing '{name}'");

    public string String(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"'{name}' must be a string");
    }

    public string? NullableString(string name) => IsNullOrAbsent(name) ? null : String(name);

    public bool Boolean(string name)
    {
        var value = Required(name);
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Error($"'{name}' must be a boolean");
    }

    public uint UInt32(string name) => ToUInt32(Required(name), name);

    public uint? NullableUInt32(string name) => IsNullOrAbsent(name) ? null : UInt32(name);

    public int Int32(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : throw Error($"'{name}' must be a 32-bit integer");
    }

    public long? NullableInt64(string name)
    {
        if (IsNullOrAbsent(name))
        {
            return null;
        }

        var value = Required(name);
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var l))
            {
                return l;
            }

            if (value.TryGetDouble(out var d) && double.IsFinite(d))
            {
                return (long)d;
            }
        }

        throw Error($"'{name}' must be a number");
    }

    /// <summary>A database timestamp: base64 of 8 little-endian bytes.</summary>
    public ulong Timestamp(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.String && ConvexBase64.TryDecodeUInt64(value.GetString()!, out var ts)
            ? ts
            : throw Error($"'{name}' must be base64 of 8 bytes");
    }

    public ulong? NullableTimestamp(string name) => IsNullOrAbsent(name) ? null : Timestamp(name);

    public StateVersion Version(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error($"'{name}' must be an object");
        }

        var fields = new JsonFields(value, $"{messageType}.{name}");
        return new StateVersion(fields.UInt32("querySet"), fields.UInt32("identity"), fields.Timestamp("ts"));
    }

    public ImmutableArray<string> LogLines(string name = "logLines")
    {
        if (IsNullOrAbsent(name))
        {
            return [];
        }

        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error($"'{name}' must be an array");
        }

        var builder = ImmutableArray.CreateBuilder<string>(value.GetArrayLength());
        foreach (var line in value.EnumerateArray())
        {
            builder.Add(line.ValueKind == JsonValueKind.String ? line.GetString()! : throw Error($"'{name}' must hold strings"));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The raw Convex-JSON of a value field, copied out of the frame.</summary>
    public ConvexJsonPayload Payload(string name) => new(JsonMarshal.GetRawUtf8Value(Required(name)).ToArray());

    public ConvexJsonPayload? OptionalPayload(string name) => Has(name) ? Payload(name) : null;

    /// <summary>The <c>[argsObject]</c> array every modern client sends.</summary>
    public ConvexObject Args(string name = "args")
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 1)
        {
            throw Error($"'{name}' must be an array holding one arguments object");
        }

        try
        {
            return ConvexValue.Parse(JsonMarshal.GetRawUtf8Value(value[0])) as ConvexObject ?? throw Error($"'{name}[0]' must be an object");
        }
        catch (ConvexValueException ex)
        {
            throw new ConvexProtocolException($"{messageType} has invalid '{name}': {ex.Message}", ex);
        }
    }

    public ImmutableArray<JsonFields> Objects(string name)
    {
        var value = Required(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error($"'{name}' must be an array");
        }

        var builder = ImmutableArray.CreateBuilder<JsonFields>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            builder.Add(item.ValueKind == JsonValueKind.Object ? new JsonFields(item, $"{messageType}.{name}[{i}]") : throw Error($"'{name}' must hold objects"));
            i++;
        }

        return builder.MoveToImmutable();
    }

    public ConvexProtocolException Error(string problem) => new($"{messageType} {problem}.");

    private uint ToUInt32(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out var u) ? u : throw Error($"'{name}' must be an unsigned 32-bit integer");
}
