using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>
/// A Convex-JSON value exactly as it arrived (UTF-8 bytes), decoded to a <see cref="ConvexValue"/> only on demand.
/// Typed results deserialize straight from the bytes, so a large query result is never materialized twice.
/// </summary>
internal sealed class ConvexJsonPayload : IEquatable<ConvexJsonPayload>
{
    private readonly byte[] _utf8;
    private ConvexValue? _value;

    public ConvexJsonPayload(byte[] utf8) => _utf8 = utf8;

    private ConvexJsonPayload(ConvexValue value)
    {
        _utf8 = value.ToUtf8Json();
        _value = value;
    }

    public static ConvexJsonPayload Null { get; } = new(ConvexNull.Instance);

    public ReadOnlySpan<byte> Utf8 => _utf8;

    public int Length => _utf8.Length;

    /// <summary>Gets the decoded value (decoded once; a race only decodes twice to equal values).</summary>
    /// <exception cref="ConvexValueException">The server sent malformed Convex-JSON.</exception>
    public ConvexValue Value => _value ??= ConvexValue.Parse(_utf8);

    public static ConvexJsonPayload From(ConvexValue value) => value.IsNull ? Null : new(value);

    public T Deserialize<T>(JsonTypeInfo<T> jsonTypeInfo) =>
        _value is T same ? same : ConvexSerializer.FromJson(_utf8, ConvexSerializer.GetConvexTypeInfo(jsonTypeInfo));

    public bool Equals(ConvexJsonPayload? other) => other is not null && Value.Equals(other.Value);

    public override bool Equals(object? obj) => Equals(obj as ConvexJsonPayload);

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => $"<{_utf8.Length} bytes of Convex-JSON>";
}
