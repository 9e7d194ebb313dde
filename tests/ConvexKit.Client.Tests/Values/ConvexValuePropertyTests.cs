using System.Text;
using ConvexKit.Client.Tests.Support;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace ConvexKit.Client.Tests.Values;

/// <summary>Property-based tests (FsCheck 3 core, run inside [Fact]s; see README of the test project for why).</summary>
public class ConvexValuePropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true);

    [Fact]
    public void EveryValueRoundTripsThroughConvexJson() =>
        Check.One(s_config, Prop.ForAll(ConvexValueGen.ValueArbitrary, value =>
        {
            var text = value.ToString();
            var parsed = ConvexValue.Parse(text);
            return parsed.Equals(value) && parsed.ToString() == text && parsed.GetHashCode() == value.GetHashCode();
        }));

    [Fact]
    public void Utf8AndStringParsingAgree() =>
        Check.One(s_config, Prop.ForAll(ConvexValueGen.ValueArbitrary, value =>
            ConvexValue.Parse(value.ToUtf8Json()).Equals(ConvexValue.Parse(Encoding.UTF8.GetString(value.ToUtf8Json())))));

    [Fact]
    public void EveryFiniteDoubleIsWrittenSoItParsesBackToTheSameBits() =>
        Check.One(s_config.WithMaxTest(2000), Prop.ForAll(Arb.From(ConvexValueGen.Double), d =>
        {
            var parsed = ConvexValue.Parse(new ConvexFloat64(d).ToString()).AsDouble();
            return double.IsNaN(d) ? double.IsNaN(parsed) : BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(d);
        }));

    [Fact]
    public void EveryLongRoundTripsThroughInteger() =>
        Check.One(s_config.WithMaxTest(1000), Prop.ForAll(Arb.From(ConvexValueGen.Int64), i =>
            ConvexBase64.TryDecodeInt64(ConvexBase64.EncodeInt64(i), out var back) && back == i));

    [Fact]
    public void ObjectKeyOrderNeverChangesTheCanonicalText() =>
        Check.One(s_config, Prop.ForAll(Arb.From(ConvexValueGen.Object), obj =>
        {
            var reversed = new ConvexObject(obj.Reverse().Select(f => new KeyValuePair<string, ConvexValue?>(f.Key, f.Value)));
            return reversed.ToString() == obj.ToString() && QueryToken.Create("m:f", reversed) == QueryToken.Create("m:f", obj);
        }));

    [Fact]
    public void TypedRoundTripThroughConvexValueIsTheIdentityForConvexValues() =>
        Check.One(s_config, Prop.ForAll(ConvexValueGen.ValueArbitrary, value =>
            value.ToObject(TestJsonContextForValues.Default.ConvexValue).Equals(value) &&
            ConvexValue.FromObject(new ValueHolder(value), TestJsonContextForValues.Default.ValueHolder)["value"].Equals(value)));

    [Fact]
    public void ConvexSizeMatchesTheDocumentedRules()
    {
        Assert.Equal(1, ConvexLimits.Size(ConvexNull.Instance));
        Assert.Equal(9, ConvexLimits.Size(new ConvexInt64(5)));
        Assert.Equal(2 + 5, ConvexLimits.Size(new ConvexString("héll")));
        Assert.Equal(2 + (1 + 1 + 9) + (2 + 1 + 2), ConvexLimits.Size(ConvexObject.Of(("a", 1), ("bb", ConvexArray.Empty))));
    }
}
