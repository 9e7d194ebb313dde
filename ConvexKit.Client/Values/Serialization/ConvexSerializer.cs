using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// Typed (de)serialization: CLR object → System.Text.Json (with the Convex converters layered over the caller's
/// options or source-generated context) → Convex-JSON → validated <see cref="ConvexValue"/>, and back.
/// </summary>
internal static class ConvexSerializer
{
    internal const string ReflectionMessage =
        "Uses reflection-based System.Text.Json. Use the overload that takes a JsonTypeInfo<T> from a JsonSerializerContext for trimming and native AOT.";

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> s_convexOptions = new();

    /// <summary>The options of the reflection-based overloads: camelCase names (matching TypeScript), case-insensitive reads.</summary>
    public static JsonSerializerOptions DefaultOptions
    {
        [RequiresUnreferencedCode(ReflectionMessage)]
        [RequiresDynamicCode(ReflectionMessage)]
        get => ReflectionDefaults.Options;
    }

    /// <summary>Returns <paramref name="options"/> with the Convex converters layered in (cached per options instance).</summary>
    public static JsonSerializerOptions GetConvexOptions(JsonSerializerOptions options) =>
        s_convexOptions.GetValue(options, static o => Derive(o));

    public static JsonTypeInfo<T> GetConvexTypeInfo<T>(JsonTypeInfo<T> typeInfo) =>
        (JsonTypeInfo<T>)GetConvexOptions(typeInfo.Options).GetTypeInfo(typeof(T));

    [RequiresUnreferencedCode(ReflectionMessage)]
    [RequiresDynamicCode(ReflectionMessage)]
    public static JsonTypeInfo<T> GetConvexTypeInfo<T>(JsonSerializerOptions? options)
    {
        var source = options ?? DefaultOptions;
        if (source.TypeInfoResolver is null)
        {
            source = new JsonSerializerOptions(source) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        }

        return (JsonTypeInfo<T>)GetConvexOptions(source).GetTypeInfo(typeof(T));
    }

    public static ConvexValue ToValue<T>(T value, JsonTypeInfo<T> convexTypeInfo)
    {
        if (value is ConvexValue convexValue)
        {
            return convexValue;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            using var writer = new Utf8JsonWriter(buffer, ConvexJsonWriter.WriterOptions);
            JsonSerializer.Serialize(writer, value, convexTypeInfo);
        }
        catch (UnsupportedTypeJsonConverterFactory.UnsupportedTypeException ex)
        {
            throw new ConvexValueException($"{ex.Message} (at {ex.Path}, serializing {typeof(T).Name})", ex.Path, ex.Type, ex);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ConvexValueException($"{typeof(T).Name} cannot be serialized as a Convex value: {ex.Message}", (ex as JsonException)?.Path, typeof(T), ex);
        }

        return ConvexJsonReader.Parse(buffer.WrittenSpan);
    }

    public static T FromJson<T>(ReadOnlySpan<byte> convexJson, JsonTypeInfo<T> convexTypeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(convexJson, convexTypeInfo)!;
        }
        catch (UnsupportedTypeJsonConverterFactory.UnsupportedTypeException ex)
        {
            throw new ConvexValueException($"{ex.Message} (at {ex.Path}, deserializing {typeof(T).Name})", ex.Path, ex.Type, ex);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ConvexValueException($"The Convex value cannot be converted to {typeof(T).Name}: {ex.Message}", (ex as JsonException)?.Path, typeof(T), ex);
        }
    }

    public static T FromValue<T>(ConvexValue value, JsonTypeInfo<T> convexTypeInfo) =>
        value is T same ? same : FromJson(ConvexJsonWriter.ToUtf8Bytes(value), convexTypeInfo);

    private static JsonSerializerOptions Derive(JsonSerializerOptions source)
    {
        var options = new JsonSerializerOptions(source);

        // Ours go first: a user converter that wrote long as a plain number would silently turn Int64 into Float64.
        JsonConverter[] scalars =
        [
            new Int64JsonConverter(),
            new DoubleJsonConverter(),
            new SingleJsonConverter(),
            new WholeNumberJsonConverter<int>(),
            new WholeNumberJsonConverter<uint>(),
            new WholeNumberJsonConverter<short>(),
            new WholeNumberJsonConverter<ushort>(),
            new WholeNumberJsonConverter<byte>(),
            new WholeNumberJsonConverter<sbyte>(),
            new ByteArrayJsonConverter(),
            new ReadOnlyMemoryByteJsonConverter(),
            new MemoryByteJsonConverter(),
            new ConvexValueJsonConverterFactory(),
        ];
        for (var i = 0; i < scalars.Length; i++)
        {
            options.Converters.Insert(i, scalars[i]);
        }

        // The refusals go last, so a user's own converter for, say, DateTimeOffset wins.
        options.Converters.Add(new UnsupportedTypeJsonConverterFactory());
        options.MakeReadOnly();
        return options;
    }

    [RequiresUnreferencedCode(ReflectionMessage)]
    [RequiresDynamicCode(ReflectionMessage)]
    private static class ReflectionDefaults
    {
        public static readonly JsonSerializerOptions Options = Create();

        private static JsonSerializerOptions Create()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                PropertyNameCaseInsensitive = true,
                TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            };
            options.MakeReadOnly();
            return options;
        }
    }
}
