using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>The Convex <c>null</c> value. There is one instance: <see cref="Instance"/>.</summary>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
public sealed class ConvexNull : ConvexValue
{
    private ConvexNull()
    {
    }

    /// <summary>Gets the only instance.</summary>
    public static ConvexNull Instance { get; } = new();

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.Null;

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other) => other is ConvexNull;

    /// <inheritdoc />
    public override int GetHashCode() => 0x6e756c6c;
}
