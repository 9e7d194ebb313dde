using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Protocol;

/// <summary>Typed access to the fields of a protocol message, with errors that name the message and the field.</summary>
/// <remarks>
/// A nested object's name (<c>Transition.modifications[0]</c>) is kept as its parts and joined only for an error, so
/// reading a well-formed message allocates no names.
/// </remarks>
internal readonly struct JsonFields
{
    private readonly JsonElement _element;
    private readonly string _messageType;
    private readonly string? _field;
    private readonly int _index;

    public JsonFields(JsonElement element, string messageType)
        : this(element, messageType, null, -1)
    {
    }

    private JsonFields(JsonElement element, string messageType, string? field, int index)
    {
        _element = element;
        _messageType = messageType;
        _field = field;
        _index = index;
    }

    public JsonElement Element => _element;

    /// <summary>Gets the name of this object in errors, such as <c>Transition.endVersion</c>.</summary>
    public string Name => _field is null ? _messageType : _index < 0 ? $"{_messageType}.{_field}" : $"{_messageType}.{_field}[{_index}]";

    public bool Has(string name) => _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Undefined;

    public bool IsNullOrAbsent(string name) => !_element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    public JsonElement Required(string name) =>
        _element.TryGetProperty(name, out var value) ? value : throw Error($"is missing '{name}'");

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
        return value.ValueKind == JsonValueKind.String && TryDecodeTimestamp(value, out var ts)
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

        var fields = _field is null ? new JsonFields(value, _messageType, name, -1) : new JsonFields(value, Name, name, -1);
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

        if (value.GetArrayLength() == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>(value.GetArrayLength());
        foreach (var line in value.EnumerateArray())
        {
            builder.Add(line.ValueKind == JsonValueKind.String ? line.GetString()! : throw Error($"'{name}' must hold strings"));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The raw Convex-JSON of a value field, copied out of the frame.</summary>
    public ConvexJsonPayload Payload(string name)
    {
        var value = Required(name);

        // Most mutations return null: share the decoded singleton instead of copying and later parsing "null".
        return value.ValueKind == JsonValueKind.Null ? ConvexJsonPayload.Null : new(JsonMarshal.GetRawUtf8Value(value).ToArray());
    }

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
            throw new ConvexProtocolException($"{Name} has invalid '{name}': {ex.Message}", ex);
        }
    }

    public ImmutableArray<JsonFields> Objects(string name)
    {
        var count = ArrayLength(name);
        var builder = ImmutableArray.CreateBuilder<JsonFields>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(Object(name, i));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The length of the array <paramref name="name"/>.</summary>
    public int ArrayLength(string name)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : throw Error($"'{name}' must be an array");
    }

    /// <summary>The object at <paramref name="index"/> of the array <paramref name="name"/> (see <see cref="ArrayLength"/>).</summary>
    public JsonFields Object(string name, int index)
    {
        var item = Required(name)[index];
        return item.ValueKind == JsonValueKind.Object ? (_field is null ? new JsonFields(item, _messageType, name, index) : new JsonFields(item, Name, name, index)) : throw Error($"'{name}' must hold objects");
    }

    /// <summary>Returns whether the string field <paramref name="name"/> is exactly <paramref name="utf8"/> (no string is allocated).</summary>
    public bool StringEquals(string name, ReadOnlySpan<byte> utf8)
    {
        var value = Required(name);
        return value.ValueKind == JsonValueKind.String ? value.ValueEquals(utf8) : throw Error($"'{name}' must be a string");
    }

    public ConvexProtocolException Error(string problem) => new($"{Name} {problem}.");

    /// <summary>Decodes a timestamp from the frame's bytes; only an escaped string (which no server sends) is decoded to a string first.</summary>
    private static bool TryDecodeTimestamp(JsonElement value, out ulong ts)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value); // with its quotes
        if (raw.Length > 2 + 12 || raw.Contains((byte)'\\'))
        {
            return ConvexBase64.TryDecodeUInt64(value.GetString()!, out ts);
        }

        Span<char> chars = stackalloc char[12];
        var text = raw[1..^1];
        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return ConvexBase64.TryDecodeUInt64(chars[..text.Length], out ts);
    }

    private uint ToUInt32(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out var u) ? u : throw Error($"'{name}' must be an unsigned 32-bit integer");
}
