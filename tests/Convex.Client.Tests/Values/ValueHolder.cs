using System.Text.Json.Serialization;
using Convex.Client.Values;

namespace Convex.Client.Tests.Values;

public sealed record ValueHolder(ConvexValue Value);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConvexValue))]
[JsonSerializable(typeof(ValueHolder))]
internal sealed partial class TestJsonContextForValues : JsonSerializerContext;
