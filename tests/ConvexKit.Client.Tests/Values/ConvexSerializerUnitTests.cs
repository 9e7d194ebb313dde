using System.Text.Json;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Values;

public class ConvexSerializerUnitTests
{
    private static readonly Everything s_everything = new(
        Name: "n",
        Priority: Priority.High,
        Status: Status.Done,
        Count: 7,
        Small: 3,
        Payload: [0x00, 0x10, 0x83],
        Score: double.NegativeInfinity,
        Ratio: 0.5f,
        MaybeCount: null,
        Flag: true,
        Extra: ConvexArray.Of(1L, "x"),
        Meta: ConvexObject.Of(("k", "v")),
        Counters: new() { ["a"] = 1 },
        Tags: ["t1", "t2"],
        Optional: null);

    [Fact]
    public void NoteRoundTripsThroughTheSourceGeneratedContext()
    {
        var note = new Note("j57abc", "Groceries", 1717999999123.456);
        var value = ConvexValue.FromObject(note, TestJsonContext.Default.Note);
        Assert.Equal("""{"_id":"j57abc","createdAt":1717999999123.456,"title":"Groceries"}""", value.ToString());
        Assert.Equal(note, value.ToObject(TestJsonContext.Default.Note));
    }

    [Fact]
    public void NoteRoundTripsThroughReflectionWithCamelCaseByDefault()
    {
        var note = new Note("j57abc", "Groceries", 1);
        var value = ConvexValue.FromObject(note);
        Assert.Equal("""{"_id":"j57abc","createdAt":1,"title":"Groceries"}""", value.ToString());
        Assert.Equal(note, value.ToObject<Note>());
    }

    [Fact]
    public void ServerWholeFloatsWithAFractionDecodeIntoIntegerProperties()
    {
        var small = ConvexValue.Parse("""{"value":3.0,"short":-2.0,"byte":255}""").ToObject(TestJsonContext.Default.Small);
        Assert.Equal(new Small(3, -2, 255), small);
        Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("""{"value":3.5,"short":0,"byte":0}""").ToObject(TestJsonContext.Default.Small));
        Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("""{"value":0,"short":0,"byte":256}""").ToObject(TestJsonContext.Default.Small));
    }

    [Fact]
    public void EveryConvexMappingAppliesInsideUserRecords()
    {
        var value = ConvexValue.FromObject(s_everything, TestJsonContext.Default.Everything);
        Assert.Equal(
            """{"count":{"$integer":"BwAAAAAAAAA="},"counters":{"a":{"$integer":"AQAAAAAAAAA="}},"extra":[{"$integer":"AQAAAAAAAAA="},"x"],"flag":true,"maybeCount":null,"meta":{"k":"v"},"name":"n","payload":{"$bytes":"ABCD"},"priority":1,"ratio":0.5,"score":{"$float":"AAAAAAAA8P8="},"small":3,"status":"Done","tags":["t1","t2"]}""",
            value.ToString());

        var back = value.ToObject(TestJsonContext.Default.Everything);
        Assert.Equal(s_everything.Payload, back.Payload);
        Assert.Equal(s_everything.Extra, back.Extra);
        Assert.Equal(s_everything.Meta, back.Meta);
        Assert.Equal(s_everything.Counters, back.Counters);
        Assert.Equal(s_everything with { Payload = back.Payload, Counters = back.Counters, Tags = back.Tags }, back);
        Assert.Equal(s_everything.Tags, back.Tags);
    }

    [Fact]
    public void ReflectionAndSourceGenerationProduceTheSameValue() =>
        Assert.Equal(
            ConvexValue.FromObject(s_everything, TestJsonContext.Default.Everything),
            ConvexValue.FromObject(s_everything));

    [Fact]
    public void LongPropertiesAcceptWholeFloat64ValuesSuchAsTimestamps()
    {
        var value = ConvexValue.Parse("1717999999123.0");
        Assert.Equal(1717999999123L, value.ToObject(TestJsonContext.Default.Int64));
        Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("1.5").ToObject(TestJsonContext.Default.Int64));
    }

    [Fact]
    public void DoublePropertiesAcceptInt64Values() =>
        Assert.Equal(42.0, new ConvexInt64(42).ToObject(TestJsonContext.Default.Double));

    [Fact]
    public void GuidIsRefusedWithTheTypeAndPath()
    {
        var ex = Assert.Throws<ConvexValueException>(() => ConvexValue.FromObject(new WithGuid(Guid.Empty), TestJsonContext.Default.WithGuid));
        Assert.Equal(typeof(Guid), ex.ClrType);
        Assert.Contains("Guid is not a Convex type", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Path);
        Assert.Contains("Id", ex.Path, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NestedDateTimeOffsetIsRefusedWithItsPath()
    {
        var ex = Assert.Throws<ConvexValueException>(() =>
            ConvexValue.FromObject(new WithNestedDate(new Inner([new Moment(DateTimeOffset.UnixEpoch)])), TestJsonContext.Default.WithNestedDate));
        Assert.Equal(typeof(DateTimeOffset), ex.ClrType);
        Assert.Contains("ToUnixTimeMilliseconds", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Moments", ex.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(WithDecimal))]
    [InlineData(typeof(WithChar))]
    [InlineData(typeof(WithUlong))]
    public void OtherUnsupportedTypesAreRefusedThroughReflection(Type type)
    {
        object instance = type == typeof(WithDecimal) ? new WithDecimal(1m) : type == typeof(WithChar) ? new WithChar('c') : new WithUlong(1);
        var ex = Assert.Throws<ConvexValueException>(() => ConvexValue.FromObject(instance));
        Assert.Contains("is not a Convex type", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.ClrType);
    }

    [Fact]
    public void AUserConverterForAnUnsupportedTypeTakesPrecedence()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new UnixMillisecondsConverter());
        var value = ConvexValue.FromObject(new Moment(DateTimeOffset.FromUnixTimeMilliseconds(1500)), options);
        Assert.Equal("""{"at":1500}""", value.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1500), value.ToObject<Moment>(options).At);
    }

    [Fact]
    public void InvalidFieldNamesFromDictionariesAreRefusedWithThePath()
    {
        var ex = Assert.Throws<ConvexValueException>(() => ConvexValue.FromObject(new Dictionary<string, int> { ["$where"] = 1 }));
        Assert.Contains("reserved", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.$where", ex.Path);
    }

    [Fact]
    public void ConvertingAResultOfTheWrongShapeNamesTheTargetType()
    {
        var ex = Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("""{"_id":1,"title":"t","createdAt":1}""").ToObject(TestJsonContext.Default.Note));
        Assert.Equal(typeof(Note), ex.ClrType);
        Assert.Contains("Note", ex.Message, StringComparison.Ordinal);
    }

    private sealed class UnixMillisecondsConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
    }
}
