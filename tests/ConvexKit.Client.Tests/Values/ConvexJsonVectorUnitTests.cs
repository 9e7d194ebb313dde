using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Tests.Values;

/// <summary>Convex-JSON test vectors (npm-packages/convex/src/values/value.ts: convexToJson/jsonToConvex; timestamps as base64 little-endian u64), both directions.</summary>
public class ConvexJsonVectorUnitTests
{
    [Theory]
    [InlineData(1L, "AQAAAAAAAAA=")]
    [InlineData(-1L, "//////////8=")]
    [InlineData(42L, "KgAAAAAAAAA=")]
    [InlineData(long.MinValue, "AAAAAAAAAIA=")]
    [InlineData(long.MaxValue, "/////////38=")]
    public void Int64EncodesAsIntegerWithEightLittleEndianBytes(long value, string base64)
    {
        var json = $$"""{"$integer":"{{base64}}"}""";
        Assert.Equal(json, new ConvexInt64(value).ToString());
        Assert.Equal(new ConvexInt64(value), ConvexValue.Parse(json));
    }

    [Theory]
    [InlineData(double.NaN, "AAAAAAAA+H8=")]
    [InlineData(double.PositiveInfinity, "AAAAAAAA8H8=")]
    [InlineData(double.NegativeInfinity, "AAAAAAAA8P8=")]
    [InlineData(-0.0, "AAAAAAAAAIA=")]
    public void SpecialDoublesEncodeAsFloat(double value, string base64)
    {
        var json = $$"""{"$float":"{{base64}}"}""";
        Assert.Equal(json, new ConvexFloat64(value).ToString());
        Assert.Equal(new ConvexFloat64(value), ConvexValue.Parse(json));
    }

    [Fact]
    public void BytesEncodeAsStandardBase64()
    {
        Assert.Equal("""{"$bytes":"ABCD"}""", new ConvexBytes([0x00, 0x10, 0x83]).ToString());
        Assert.Equal(new byte[] { 0x00, 0x10, 0x83 }, ConvexValue.Parse("""{"$bytes":"ABCD"}""").AsBytes().ToArray());
    }

    [Theory]
    [InlineData(0UL, "AAAAAAAAAAA=")]
    [InlineData(1718000000123456789UL, "Fc160+WP1xc=")]
    [InlineData(1718000001500000000UL, "AC+HJeaP1xc=")]
    public void TimestampsEncodeAsEightLittleEndianBytes(ulong ts, string base64)
    {
        Assert.Equal(base64, ConvexBase64.EncodeUInt64(ts));
        Assert.True(ConvexBase64.TryDecodeUInt64(base64, out var decoded));
        Assert.Equal(ts, decoded);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("1e0")]
    public void EveryPlainNumberDecodesAsFloat64(string json)
    {
        var value = ConvexValue.Parse(json);
        Assert.Equal(ConvexValueKind.Float64, value.Kind);
        Assert.Equal(1.0, value.AsDouble());
    }

    [Fact]
    public void AppendixBArgumentsSerializeSortedAndEncoded()
    {
        var args = ConvexObject.Of(
            ("b", 2L),
            ("a", 1.5),
            ("z", new byte[] { 0x00, 0x10, 0x83 }),
            ("nan", double.NaN),
            ("negz", -0.0));

        Assert.Equal(
            """{"a":1.5,"b":{"$integer":"AgAAAAAAAAA="},"nan":{"$float":"AAAAAAAA+H8="},"negz":{"$float":"AAAAAAAAAIA="},"z":{"$bytes":"ABCD"}}""",
            args.ToString());
    }

    [Fact]
    public void ExampleDocumentDecodes()
    {
        var value = ConvexValue.Parse("""[{"_id":"j57000820c20a1g7104gm2rc1m70ynr8","_creationTime":1717999999123.456,"body":"hi"}]""");
        Assert.Equal("j57000820c20a1g7104gm2rc1m70ynr8", value[0]["_id"].AsString());
        Assert.Equal(1717999999123.456, value[0]["_creationTime"].AsDouble());
    }

    [Theory]
    [InlineData("""{"$float":"AAAAAAAA8D8="}""", "should be encoded as a number")]
    [InlineData("""{"$integer":"AQAAAA=="}""", "exactly 8 bytes")]
    [InlineData("""{"$float":"AAAAAAAA+H8AAA=="}""", "exactly 8 bytes")]
    [InlineData("""{"$integer":1}""", "exactly 8 bytes")]
    [InlineData("""{"$set":[]}""", "no longer supported")]
    [InlineData("""{"$map":[]}""", "no longer supported")]
    [InlineData("""{"$foo":1}""", "reserved")]
    [InlineData("""{"a":1,"$integer":"AQAAAAAAAAA="}""", "reserved")]
    [InlineData("""{"$integer":"AQAAAAAAAAA=","a":1}""", "no other fields")]
    [InlineData("""{"a":1,"a":2}""", "more than once")]
    [InlineData("""{"tab\there":1}""", "non-control ASCII")]
    [InlineData("""{"é":1}""", "non-control ASCII")]
    [InlineData("""[1,]""", "not valid JSON")]
    [InlineData("""1 2""", "not valid JSON")]
    public void InvalidConvexJsonIsRejected(string json, string expectedMessagePart)
    {
        var ex = Assert.Throws<ConvexValueException>(() => ConvexValue.Parse(json));
        Assert.Contains(expectedMessagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsNameTheJsonPath()
    {
        var ex = Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("""{"notes":[{"n":{"$integer":"AA=="}}]}"""));
        Assert.Equal("$.notes[0].n.$integer", ex.Path);
    }

    [Fact]
    public void UrlSafeAndUnpaddedBase64IsAcceptedOnDecodeLikeTheJavaScriptClient()
    {
        Assert.Equal(new ConvexInt64(-1), ConvexValue.Parse("""{"$integer":"__________8"}"""));
        Assert.Equal([0xfb, 0xff], ConvexValue.Parse("""{"$bytes":"-_8"}""").AsBytes().ToArray());
    }

    [Fact]
    public void NestingUpToSixtyFourLevelsIsAllowed()
    {
        var ok = new string('[', 64) + new string(']', 64);
        var tooDeep = new string('[', 65) + new string(']', 65);
        Assert.Equal(ConvexValueKind.Array, ConvexValue.Parse(ok).Kind);
        Assert.Contains("64 levels", Assert.Throws<ConvexValueException>(() => ConvexValue.Parse(tooDeep)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrayAndObjectSizeLimitsAreEnforced()
    {
        var maxArray = "[" + string.Join(",", Enumerable.Repeat("0", ConvexArray.MaxLength)) + "]";
        Assert.Equal(ConvexArray.MaxLength, ConvexValue.Parse(maxArray).AsArray().Count);
        Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("[0," + maxArray[1..]));

        var maxObject = "{" + string.Join(",", Enumerable.Range(0, ConvexObject.MaxFields).Select(i => $"\"f{i}\":0")) + "}";
        Assert.Equal(ConvexObject.MaxFields, ConvexValue.Parse(maxObject).AsObject().Count);
        Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("{\"extra\":0," + maxObject[1..]));
    }

    [Fact]
    public void FieldNamesOverTheLengthLimitAreRejected()
    {
        Assert.Single(ConvexObject.Of((new string('a', 1024), 1)));
        Assert.Throws<ConvexValueException>(() => ConvexObject.Of((new string('a', 1025), 1)));
    }
}
