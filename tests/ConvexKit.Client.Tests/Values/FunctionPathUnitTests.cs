using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Values;

public class FunctionPathUnitTests
{
    [Theory]
    [InlineData("messages", "messages:default")]
    [InlineData("messages:list", "messages:list")]
    [InlineData("messages.js:list", "messages:list")]
    [InlineData("messages.js", "messages:default")]
    [InlineData("dir/file:fn", "dir/file:fn")]
    [InlineData("dir.v2/file.js:_private1", "dir.v2/file:_private1")]
    [InlineData("_system/frontend/x:y", "_system/frontend/x:y")]
    public void PathsAreCanonicalizedAsTheJavaScriptClientDoes(string path, string expected) =>
        Assert.Equal(expected, FunctionPath.Canonicalize(path));

    [Theory]
    [InlineData("")]
    [InlineData(":list")]
    [InlineData("messages:")]
    [InlineData("/abs:fn")]
    [InlineData("a//b:fn")]
    [InlineData("messages.ts:list")]
    [InlineData("mess ages:list")]
    [InlineData("messages:1list")]
    [InlineData("messages:___")]
    [InlineData("messages:li-st")]
    [InlineData("..:fn")]
    public void InvalidPathsAreRejectedBeforeSending(string path)
    {
        var ex = Assert.Throws<ArgumentException>(() => FunctionPath.Canonicalize(path));
        Assert.Contains("not a valid Convex function path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComponentsLongerThanSixtyFourCharactersAreRejected()
    {
        Assert.Equal(new string('m', 64) + ":f", FunctionPath.Canonicalize(new string('m', 64) + ":f"));
        Assert.Throws<ArgumentException>(() => FunctionPath.Canonicalize(new string('m', 65) + ":f"));
        Assert.Throws<ArgumentException>(() => FunctionPath.Canonicalize("m:" + new string('f', 65)));
    }

    [Fact]
    public void QueryTokensMatchTheJavaScriptSerializationAndIgnoreKeyOrder()
    {
        var a = QueryToken.Create("messages:list", ConvexObject.Of(("b", 1), ("a", "x")));
        var b = QueryToken.Create("messages:list", ConvexObject.Of(("a", "x"), ("b", 1)));
        Assert.Equal("""{"udfPath":"messages:list","args":{"a":"x","b":1}}""", a);
        Assert.Equal(a, b);
        Assert.NotEqual(a, QueryToken.Create("messages:list", ConvexObject.Of(("a", "x"), ("b", 1L))));
    }
}
