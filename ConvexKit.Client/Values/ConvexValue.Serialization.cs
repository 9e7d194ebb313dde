using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Values;

public abstract partial class ConvexValue
{
    /// <summary>
    /// Converts a CLR value to a Convex value through System.Text.Json with the Convex mappings: <c>long</c> → Int64,
    /// <c>double</c>/<c>int</c> → Float64, <c>byte[]</c> → Bytes. Honours <c>[JsonPropertyName]</c>, <c>[JsonIgnore]</c> and
    /// enum converters from the context. Trimming- and AOT-safe.
    /// </summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="value">The value to convert.</param>
    /// <param name="jsonTypeInfo">Metadata from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The Convex value.</returns>
    /// <exception cref="ConvexValueException">
    /// The value contains a type Convex cannot represent (such as <see cref="Guid"/>, <see cref="DateTime"/> or
    /// <see cref="decimal"/>), an invalid field name, or breaks a Convex limit; the message names the path.
    /// </exception>
    public static ConvexValue FromObject<T>(T value, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return ConvexSerializer.ToValue(value, ConvexSerializer.GetConvexTypeInfo(jsonTypeInfo));
    }

    /// <summary>
    /// Converts a CLR value to a Convex value with reflection-based System.Text.Json. Without <paramref name="options"/>,
    /// property names are camelCased (<c>CreatedAt</c> → <c>createdAt</c>) to match TypeScript conventions.
    /// </summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="value">The value to convert.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The Convex value.</returns>
    /// <exception cref="ConvexValueException">The value cannot be represented in Convex; the message names the path.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public static ConvexValue FromObject<T>(T value, JsonSerializerOptions? options = null) =>
        ConvexSerializer.ToValue(value, ConvexSerializer.GetConvexTypeInfo<T>(options));

    /// <summary>Converts this value to <typeparamref name="T"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="jsonTypeInfo">Metadata from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="T"/>.</exception>
    public T ToObject<T>(JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return ConvexSerializer.FromValue(this, ConvexSerializer.GetConvexTypeInfo(jsonTypeInfo));
    }

    /// <summary>Converts this value to <typeparamref name="T"/> with reflection-based System.Text.Json (camelCase by default).</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public T ToObject<T>(JsonSerializerOptions? options = null) =>
        ConvexSerializer.FromValue(this, ConvexSerializer.GetConvexTypeInfo<T>(options));
}
