using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>A Convex boolean. The two instances are <see cref="True"/> and <see cref="False"/>.</summary>
[JsonConverter(typeof(ConvexValueJsonConverterFactory))]
public sealed class ConvexBoolean : ConvexValue
{
    private ConvexBoolean(bool value) => Value = value;

    /// <summary>Gets the value <c>true</c>.</summary>
    public static ConvexBoolean True { get; } = new(true);

    /// <summary>Gets the value <c>false</c>.</summary>
    public static ConvexBoolean False { get; } = new(false);

    /// <summary>Gets the boolean.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override ConvexValueKind Kind => ConvexValueKind.Boolean;

    /// <summary>Returns <see cref="True"/> or <see cref="False"/>.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The matching instance.</returns>
    public static ConvexBoolean From(bool value) => value ? True : False;

    /// <inheritdoc />
    public override bool Equals(ConvexValue? other) => other is ConvexBoolean b && b.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value ? 1 : 2;
}
