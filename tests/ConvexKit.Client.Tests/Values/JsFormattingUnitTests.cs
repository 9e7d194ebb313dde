using System.Text;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Tests.Values;

public class JsFormattingUnitTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.2345e22, "1.2345e+22")]
    [InlineData(1717999999123.456, "1717999999123.456")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(-123456789012345680000.0, "-123456789012345680000")]
    public void DoublesAreFormattedAsJavaScriptDoes(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[JsNumberFormatter.MaxLength];
        var length = JsNumberFormatter.Format(value, buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..length]));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote\" backslash\\", "\"quote\\\" backslash\\\\\"")]
    [InlineData("\n\r\t\b\f\u0001\u001f", "\"\\n\\r\\t\\b\\f\\u0001\\u001f\"")]
    [InlineData("<html>&'", "\"<html>&'\"")]
    [InlineData("héllo \u2028 😀", "\"héllo \u2028 😀\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    public void StringsAreEscapedAsJsonStringifyDoes(string value, string expected) =>
        Assert.Equal(expected, new ConvexString(value).ToString());

    [Fact]
    public void LoneSurrogatesAreRejectedBecauseTheServerRejectsThem()
    {
        Assert.Contains("lone surrogate", Assert.Throws<ConvexValueException>(() => new ConvexString("a\ud800b")).Message, StringComparison.Ordinal);
        Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("\"a\\udc00\""));
        Assert.Equal("😀", ConvexValue.Parse("\"\\ud83d\\ude00\"").AsString());
    }
}
