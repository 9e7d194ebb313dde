using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ConvexKit.Client.Tests.Support;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Tests.Values;

/// <summary>
/// The codec's fast paths (pooled string escaping, integer and plain-decimal number formatting, the reader's field-name
/// cache and its trusted strings) against the official JavaScript client and against the slow paths' rules.
/// </summary>
public class CodecFastPathTests
{
    private const string StringifyScript = """
        let input = "";
        for await (const chunk of process.stdin) input += chunk;
        const { strings, numbers } = JSON.parse(input);
        process.stdout.write(JSON.stringify({ strings: strings.map((s) => JSON.stringify(s)), numbers: numbers.map((n) => JSON.stringify(n)) }));
        """;

    [Fact]
    public async Task LongAndShortStringsAndRandomDoublesMatchJsonStringify()
    {
        var random = new Random(20261124);
        string[] pieces = ["plain ", "é", "日本語", "😀", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u007f", "\u2028", "<&>", "'"];
        var strings = Enumerable.Range(0, 60)
            .Select(i => string.Concat(Enumerable.Range(0, random.Next(0, i < 30 ? 40 : 3000)).Select(_ => pieces[random.Next(pieces.Length)])))
            .Append(new string('x', 100_000))
            .ToList();
        var numbers = Enumerable.Range(0, 3000).Select(_ => RandomFiniteDouble(random))
            .Concat([9007199254740991.0, -9007199254740991.0, 9007199254740992.0, 9007199254740994.0, 1e15, 123.0, -0.5, 1e-5, 1.5e-5, 1e-6, 1e-7, 0.1, 1e21, 1e20 + 65536])
            .ToList();
        var output = await NodeScript.RunAsync(StringifyScript, ToJsNumbersInput(strings, numbers), TestContext.Current.CancellationToken);
        using var js = JsonDocument.Parse(output);

        var jsStrings = js.RootElement.GetProperty("strings").EnumerateArray().Select(e => e.GetString()).ToList();
        var jsNumbers = js.RootElement.GetProperty("numbers").EnumerateArray().Select(e => e.GetString()).ToList();
        for (var i = 0; i < strings.Count; i++)
        {
            Assert.Equal(jsStrings[i], WriteString(strings[i]));
        }

        for (var i = 0; i < numbers.Count; i++)
        {
            Assert.Equal(jsNumbers[i], new ConvexFloat64(numbers[i]).ToString());
        }
    }

    [Fact]
    public void ProtocolStringsEscapeLoneSurrogatesLikeJsonStringify()
    {
        // Built in code: attribute arguments are stored as UTF-8, which cannot hold a lone surrogate.
        (string Value, string Expected)[] cases =
        [
            ("a\ud800b", "\"a\\ud800b\""),
            ("\udfff", "\"\\udfff\""),
            ("x\ud83d", "\"x\\ud83d\""),
            ("\ud83d\"", "\"\\ud83d\\\"\""),
            ("ok \ud83d\ude00\ud83d", "\"ok \ud83d\ude00\\ud83d\""),
        ];

        foreach (var (value, expected) in cases)
        {
            Assert.Equal(expected, WriteString(value));
        }
    }

    [Fact]
    public void ObjectsRepeatingTheSameKeysDecodeCorrectlyWhateverTheOrderDepthOrEscaping()
    {
        var value = ConvexValue.Parse("""
            [{"a":1,"b":{"a":"deep","b":2}},{"b":3,"a":4},{"a\u0062":5,"a":6},{"$integer":"AQAAAAAAAAA="},{"c":7},{"a":{"a":{"a":8}}}]
            """);

        Assert.Equal(
            ConvexArray.Of(
                ConvexObject.Of(("a", 1), ("b", ConvexObject.Of(("a", "deep"), ("b", 2)))),
                ConvexObject.Of(("a", 4), ("b", 3)),
                ConvexObject.Of(("a", 6), ("ab", 5)),
                1L,
                ConvexObject.Of(("c", 7)),
                ConvexObject.Of(("a", ConvexObject.Of(("a", ConvexObject.Of(("a", 8))))))),
            value);
        Assert.Equal(["a", "ab"], value[2].AsObject().Keys);
    }

    [Theory]
    [InlineData("""[{"a":1},{"a":1,"a":2}]""", "more than once")]
    [InlineData("""[{"a":1,"b":2},{"a":1,"$b":2}]""", "starts with '$'")]
    [InlineData("""[{"a":1},{"$integer":"AQAAAAAAAAA=","a":1}]""", "must have no other fields")]
    [InlineData("""[{"ok":1},{"o\u0001k":1}]""", "U+0001")]
    public void CachedFieldNamesNeverLetAnInvalidObjectThrough(string json, string message)
    {
        var error = Assert.Throws<ConvexValueException>(() => ConvexValue.Parse(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsStillNameTheJsonPathThroughArraysAndObjects()
    {
        var error = Assert.Throws<ConvexValueException>(() => ConvexValue.Parse("""{"notes":[{},{},{},{"title":{"$set":[]}}]}"""));

        Assert.Equal("$.notes[3].title.$set", error.Path);
    }

    [Fact]
    public void LargeValuesRoundTripThroughThePooledWriter()
    {
        var big = new ConvexArray(Enumerable.Range(0, 5000).Select(i => (ConvexValue)ConvexObject.Of(
            ("i", (long)i), ("text", new string((char)('a' + (i % 26)), i % 300)), ("x", i / 7.0), ("b", new byte[i % 40]))));

        var bytes = big.ToUtf8Json();

        Assert.Equal(big, ConvexValue.Parse(bytes));
        Assert.Equal(bytes, ConvexValue.Parse(bytes).ToUtf8Json());
    }

    private static string WriteString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ConvexJsonWriter.WriterOptions))
        {
            ConvexJsonWriter.WriteString(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static double RandomFiniteDouble(Random random)
    {
        while (true)
        {
            var value = random.Next(4) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                1 => Math.Round(random.NextDouble() * 1e13, random.Next(0, 4)),
                2 => random.NextInt64(-(1L << 53), 1L << 53),
                _ => random.NextDouble() * Math.Pow(10, random.Next(-9, 25)),
            };
            if (double.IsFinite(value) && !(value == 0 && double.IsNegative(value)))
            {
                return value;
            }
        }
    }

    /// <summary>Numbers go to node as JSON numbers written by .NET's round-trip format, which JSON.parse reads exactly.</summary>
    private static string ToJsNumbersInput(List<string> strings, List<double> numbers) =>
        $"{{\"strings\":{JsonSerializer.Serialize(strings)},\"numbers\":[{string.Join(',', numbers.Select(n => n.ToString("R", CultureInfo.InvariantCulture)))}]}}";
}
