using System.Text.Json;
using ConvexKit.Client.Tests.Support;
using ConvexKit.Client.Values;
using FsCheck.Fluent;

namespace ConvexKit.Client.Tests.Values;

/// <summary>
/// Checks the codec against the official JavaScript client (npm <c>convex</c>): for many random values, the JavaScript
/// client's <c>JSON.stringify(convexToJson(jsonToConvex(x)))</c> must equal our canonical text byte for byte, so keys,
/// number layout, string escaping and the special encodings all match.
/// </summary>
public class JsClientCodecCompatibilityTests
{
    private const string Script = """
        import { convexToJson, jsonToConvex } from "convex/values";
        let input = "";
        for await (const chunk of process.stdin) input += chunk;
        const texts = JSON.parse(input);
        const out = texts.map((t) => JSON.stringify(convexToJson(jsonToConvex(JSON.parse(t)))));
        process.stdout.write(JSON.stringify(out));
        """;

    [Fact]
    public async Task CanonicalTextMatchesTheJavaScriptClientForRandomValues()
    {
        var values = ConvexValueGenSample(400)
            .Append(ConvexObject.Of(("b", 2L), ("a", 1.5), ("nan", double.NaN), ("negz", -0.0), ("z", new byte[] { 0, 0x10, 0x83 })))
            .Append(ConvexArray.Of(1e21, 1e-7, 1e15, 0.1 + 0.2, 5e-324, -1.7976931348623157e308, "\u2028<&>\"\\\n😀é\u007f"))
            .ToList();
        var texts = values.Select(v => v.ToString()).ToList();

        var output = await NodeScript.RunAsync(Script, JsonSerializer.Serialize(texts), TestContext.Current.CancellationToken);
        var jsTexts = JsonSerializer.Deserialize<List<string>>(output)!;

        Assert.Equal(texts.Count, jsTexts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(jsTexts[i], texts[i]);
        }
    }

    private static IEnumerable<ConvexValue> ConvexValueGenSample(int count) =>
        Support.ConvexValueGen.Value.Sample(20, count);
}
