using System.Text.Json.Serialization;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Values;

public sealed record ValueHolder(ConvexValue Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConvexValue))]
[JsonSerializable(typeof(ValueHolder))]
internal sealed partial class TestJsonContextForValues : JsonSerializerContext;
