using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// Refuses CLR types that have no Convex counterpart instead of letting System.Text.Json send something the server
/// would store as an unexpected string or number. A user converter registered for the type takes precedence.
/// </summary>
internal sealed class UnsupportedTypeJsonConverterFactory : JsonConverterFactory
{
    // One closed generic per type (no MakeGenericType), so this stays trimming- and AOT-safe.
    private static readonly Dictionary<Type, Func<JsonConverter>> s_converters = new()
    {
        [typeof(Guid)] = () => new Refuse<Guid>("Convert it to a string."),
        [typeof(DateTime)] = () => new Refuse<DateTime>("Convex has no date type: send milliseconds since the Unix epoch as a double, or an ISO-8601 string."),
        [typeof(DateTimeOffset)] = () => new Refuse<DateTimeOffset>("Convex has no date type: send ToUnixTimeMilliseconds() as a double, or an ISO-8601 string."),
        [typeof(DateOnly)] = () => new Refuse<DateOnly>("Convex has no date type: send an ISO-8601 string."),
        [typeof(TimeOnly)] = () => new Refuse<TimeOnly>("Convex has no time type: send an ISO-8601 string or a number."),
        [typeof(TimeSpan)] = () => new Refuse<TimeSpan>("Send a number such as TotalMilliseconds."),
        [typeof(decimal)] = () => new Refuse<decimal>("Use double, or a string to keep every digit."),
        [typeof(char)] = () => new Refuse<char>("Use a string."),
        [typeof(ulong)] = () => new Refuse<ulong>("Convex integers are signed 64-bit: use long."),
        [typeof(nint)] = () => new Refuse<nint>("Use long."),
        [typeof(nuint)] = () => new Refuse<nuint>("Use long."),
        [typeof(Int128)] = () => new Refuse<Int128>("Convex integers are signed 64-bit: use long, or a string."),
        [typeof(UInt128)] = () => new Refuse<UInt128>("Convex integers are signed 64-bit: use long, or a string."),
        [typeof(BigInteger)] = () => new Refuse<BigInteger>("Convex integers are signed 64-bit: use long, or a string."),
        [typeof(Half)] = () => new Refuse<Half>("Use double."),
    };

    public override bool CanConvert(Type typeToConvert) => s_converters.ContainsKey(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) => s_converters[typeToConvert]();

    /// <summary>Thrown inside System.Text.Json so that it records the JSON path; unwrapped by <see cref="ConvexSerializer"/>.</summary>
    internal sealed class UnsupportedTypeException(Type type, string message) : JsonException(message)
    {
        public Type Type { get; } = type;
    }

    private sealed class Refuse<T>(string advice) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw Error();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => throw Error();

        private UnsupportedTypeException Error() => new(typeof(T), $"{typeof(T).Name} is not a Convex type. {advice}");
    }
}
