using System.Text.Json.Serialization;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Values;

public sealed record Note([property: JsonPropertyName("_id")] string Id, string Title, double CreatedAt);

public enum Priority
{
    Low,
    High,
}

[JsonConverter(typeof(JsonStringEnumConverter<Status>))]
public enum Status
{
    Open,
    Done,
}

public sealed record Everything(
    string Name,
    Priority Priority,
    Status Status,
    long Count,
    int Small,
    byte[] Payload,
    double Score,
    float Ratio,
    long? MaybeCount,
    bool Flag,
    ConvexValue Extra,
    ConvexObject? Meta,
    Dictionary<string, long> Counters,
    List<string> Tags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Optional);

public sealed record WithGuid(Guid Id);

public sealed record WithNestedDate(Inner Inner);

public sealed record Inner(List<Moment> Moments);

public sealed record Moment(DateTimeOffset At);

public sealed record WithDecimal(decimal Price);

public sealed record WithChar(char Letter);

public sealed record WithUlong(ulong Big);

public sealed record Small(int Value, short Short, byte Byte);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(Note[]))]
[JsonSerializable(typeof(Everything))]
[JsonSerializable(typeof(WithGuid))]
[JsonSerializable(typeof(WithNestedDate))]
[JsonSerializable(typeof(WithDecimal))]
[JsonSerializable(typeof(Small))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
