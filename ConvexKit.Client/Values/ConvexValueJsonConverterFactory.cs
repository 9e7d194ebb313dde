using System.Text.Json;
using System.Text.Json.Serialization;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>
/// Reads and writes <see cref="ConvexValue"/> and its subclasses as Convex-JSON, so that a property typed
/// <see cref="ConvexValue"/> (or <see cref="ConvexObject"/>, …) works inside your own records, with reflection or a
/// source-generated <see cref="JsonSerializerContext"/>. It is applied through attributes; you do not need to register it.
/// </summary>
public sealed class ConvexValueJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeof(ConvexValue).IsAssignableFrom(typeToConvert);

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        // Spelled out per type rather than MakeGenericType so the factory stays trimming- and AOT-safe.
        if (typeToConvert == typeof(ConvexValue))
        {
            return new ConvexValueJsonConverter<ConvexValue>();
        }

        if (typeToConvert == typeof(ConvexObject))
        {
            return new ConvexValueJsonConverter<ConvexObject>();
        }

        if (typeToConvert == typeof(ConvexArray))
        {
            return new ConvexValueJsonConverter<ConvexArray>();
        }

        if (typeToConvert == typeof(ConvexString))
        {
            return new ConvexValueJsonConverter<ConvexString>();
        }

        if (typeToConvert == typeof(ConvexFloat64))
        {
            return new ConvexValueJsonConverter<ConvexFloat64>();
        }

        if (typeToConvert == typeof(ConvexInt64))
        {
            return new ConvexValueJsonConverter<ConvexInt64>();
        }

        if (typeToConvert == typeof(ConvexBoolean))
        {
            return new ConvexValueJsonConverter<ConvexBoolean>();
        }

        if (typeToConvert == typeof(ConvexBytes))
        {
            return new ConvexValueJsonConverter<ConvexBytes>();
        }

        if (typeToConvert == typeof(ConvexNull))
        {
            return new ConvexValueJsonConverter<ConvexNull>();
        }

        throw new NotSupportedException($"{typeToConvert} is not a Convex value type.");
    }

    private sealed class ConvexValueJsonConverter<T> : JsonConverter<T>
        where T : ConvexValue
    {
        // JSON null must reach Read so that a ConvexValue property receives ConvexNull rather than a CLR null.
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = ConvexJsonReader.ReadValue(ref reader);
            if (value is T typed)
            {
                return typed;
            }

            return value.IsNull ? null : throw new JsonException($"Expected a Convex {typeof(T).Name} but found {value.Kind}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            ConvexJsonWriter.Write(writer, (ConvexValue?)value ?? ConvexNull.Instance);
    }
}
