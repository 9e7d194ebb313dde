using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Values;

public class ConvexValueUnitTests
{
    [Fact]
    public void ImplicitConversionsPickTheConvexKindACSharpReaderExpects()
    {
        ConvexValue fromInt = 5;
        ConvexValue fromLong = 5L;
        ConvexValue fromDouble = 2.5;
        ConvexValue fromString = "x";
        ConvexValue fromNullString = (string?)null;
        ConvexValue fromBool = true;
        ConvexValue fromBytes = new byte[] { 1, 2 };

        Assert.Equal(ConvexValueKind.Float64, fromInt.Kind);
        Assert.Equal(ConvexValueKind.Int64, fromLong.Kind);
        Assert.Equal(ConvexValueKind.Float64, fromDouble.Kind);
        Assert.Equal(ConvexValueKind.String, fromString.Kind);
        Assert.True(fromNullString.IsNull);
        Assert.Equal(ConvexValueKind.Boolean, fromBool.Kind);
        Assert.Equal(ConvexValueKind.Bytes, fromBytes.Kind);
    }

    [Fact]
    public void ValuesCompareByContent()
    {
        var a = ConvexObject.Of(("x", 1), ("y", ConvexArray.Of("a", 2L, true)));
        var b = ConvexObject.Of(("y", ConvexArray.Of("a", 2L, true)), ("x", 1));
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual<ConvexValue>(new ConvexInt64(1), new ConvexFloat64(1));
        Assert.NotEqual<ConvexValue>(new ConvexBytes([1]), new ConvexBytes([2]));
        Assert.Equal<ConvexValue>(new ConvexBytes([1, 2]), new ConvexBytes([1, 2]));
    }

    [Fact]
    public void NaNEqualsNaNButNegativeZeroDiffersFromZero()
    {
        Assert.Equal(new ConvexFloat64(double.NaN), new ConvexFloat64(-double.NaN));
        Assert.NotEqual(new ConvexFloat64(0.0), new ConvexFloat64(-0.0));
    }

    [Fact]
    public void AccessorsReturnTheValueOrExplainTheKindMismatch()
    {
        var note = ConvexValue.Parse("""{"title":"t","n":{"$integer":"AQAAAAAAAAA="},"tags":["a","b"],"ok":true,"score":1.5}""");
        Assert.Equal("t", note["title"].AsString());
        Assert.Equal(1L, (long)note["n"]);
        Assert.Equal("b", (string?)note["tags"][1]);
        Assert.True((bool)note["ok"]);
        Assert.Equal(1.5, (double)note["score"]);
        Assert.True(note.TryGetField("title", out var title) && title.AsString() == "t");
        Assert.False(note.TryGetField("missing", out _));

        Assert.Contains("not Int64", Assert.Throws<InvalidOperationException>(() => note["title"].AsInt64()).Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => note["missing"]);
        Assert.Throws<InvalidOperationException>(() => note["title"]["x"]);
    }

    [Fact]
    public void ObjectsAreSortedAndImmutable()
    {
        var obj = ConvexObject.Of(("b", 1), ("a", 2), ("_id", "x"));
        Assert.Equal(["_id", "a", "b"], obj.Keys);
        var changed = obj.With("c", 3).Without("a");
        Assert.Equal(["_id", "b", "c"], changed.Keys);
        Assert.Equal(["_id", "a", "b"], obj.Keys);
        Assert.Equal("""{"_id":"x","a":2,"b":1}""", obj.ToString());
    }

    [Fact]
    public void CollectionExpressionsBuildArraysAndObjects()
    {
        ConvexArray array = [1, "two", 3L, null!];
        ConvexObject obj = [new("k", "v"), new("n", 1)];
        Assert.Equal("""[1,"two",{"$integer":"AwAAAAAAAAA="},null]""", array.ToString());
        Assert.Equal("""{"k":"v","n":1}""", obj.ToString());
    }

    [Fact]
    public void InvalidFieldNamesAreRejectedAtConstruction()
    {
        Assert.Throws<ConvexValueException>(() => ConvexObject.Of(("$bad", 1)));
        Assert.Throws<ConvexValueException>(() => ConvexObject.Of(("new\nline", 1)));
        Assert.Throws<ConvexValueException>(() => ConvexObject.Of(("dup", 1), ("dup", 2)));
    }

    [Fact]
    public void BytesAreCopiedSoTheValueStaysImmutable()
    {
        var source = new byte[] { 1, 2, 3 };
        var value = new ConvexBytes(source);
        source[0] = 9;
        Assert.Equal(1, value.Value.Span[0]);
    }
}
