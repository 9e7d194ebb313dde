using ConvexKit.Client.Functions;
using ConvexKit.Client.Generators.Tests.Fixture;
using ConvexKit.Client.Http;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Generators.Tests;

/// <summary>
/// The API generated from Fixture/convex, compiled into this project, against the emulator running those functions:
/// every validator kind goes out and comes back through the typed overloads.
/// </summary>
public sealed class RoundTripTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ConvexApi.Kinds.EchoArgsValue Sample(string name) => new()
    {
        Name = name,
        Count = (1L << 53) + 1, // not representable as a double: only an Int64 on the wire keeps it
        Score = -0.5,
        Flag = true,
        Data = [0, 1, 254, 255],
        Tags = ["a", "b"],
        Meta = new() { Label = "meta" },
        Status = ThingsDocumentStatus.InReview,
        Extra = ConvexObject.Of(("nested", new ConvexString("any"))),
        Scores = new Dictionary<string, double> { ["x"] = 1.5 },
        Note = null,
        Level = 2,
    };

    [Fact]
    public async Task EveryKindRoundTripsThroughAMutation()
    {
        await using var client = new ConvexClient(fixture.Emulator.Url);
        var sent = Sample("echo");

        var echoed = await client.MutationAsync(ConvexApi.Kinds.Echo, new ConvexApi.Kinds.EchoArgs { Value = sent, OptionalCount = long.MinValue }, Ct).WaitAsync(s_wait, Ct);

        var back = echoed.Value;
        Assert.Equal(sent.Name, back.Name);
        Assert.Equal(sent.Count, back.Count);
        Assert.Equal(sent.Score, back.Score);
        Assert.Equal(sent.Flag, back.Flag);
        Assert.Equal(sent.Data, back.Data);
        Assert.Equal(sent.Tags, back.Tags);
        Assert.Equal("meta", back.Meta.Label);
        Assert.Null(back.Meta.Weight);
        Assert.Equal(ThingsDocumentStatus.InReview, back.Status);
        Assert.Null(back.Parent);
        Assert.Equal(sent.Extra, back.Extra);
        Assert.Equal(1.5, back.Scores["x"]);
        Assert.Null(back.Note);
        Assert.Equal(2, back.Level);
        Assert.Equal(long.MinValue, echoed.OptionalCount);
        Assert.Null(echoed.OptionalText);
        Assert.False(echoed.SawOptionalText); // an unset optional field is left off the wire, not sent as null
    }

    [Fact]
    public async Task DocumentsComeBackAsTheTableRecordWithItsId()
    {
        await using var client = new ConvexClient(fixture.Emulator.Url);

        var id = await client.MutationAsync(ConvexApi.Kinds.Insert, new() { Value = Sample("stored") }, Ct).WaitAsync(s_wait, Ct);
        var document = await client.QueryAsync(ConvexApi.Kinds.Get, new() { Id = id }, Ct).WaitAsync(s_wait, Ct);

        Assert.NotNull(document);
        Assert.IsType<ThingsDocument>(document);
        Assert.Equal(id, document.Id);
        Assert.Equal("stored", document.Name);
        Assert.Equal((1L << 53) + 1, document.Count);
        Assert.Equal(ThingsDocumentStatus.InReview, document.Status);
        Assert.DoesNotContain("stored", document.ToString(), StringComparison.Ordinal); // documents print their id only
    }

    [Fact]
    public async Task SubscriptionsStreamTypedResultsAndWatchAllFindsThem()
    {
        await using var client = new ConvexClient(fixture.Emulator.Url);
        var id = await client.MutationAsync(ConvexApi.Kinds.Insert, new() { Value = Sample("live") }, Ct).WaitAsync(s_wait, Ct);
        await using var subscription = client.Subscribe(ConvexApi.Kinds.List);

        await using var results = subscription.GetAsyncEnumerator(Ct);
        while (true)
        {
            Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(s_wait, Ct));
            if (results.Current.IsSuccess && results.Current.Value.Any(thing => thing.Id == id))
            {
                break;
            }
        }

        await foreach (var snapshot in client.WatchAll(Ct))
        {
            if (snapshot.TryGetResult(subscription, out var result))
            {
                Assert.Contains(result.Value, thing => thing.Id == id);
                break;
            }
        }
    }

    [Fact]
    public async Task TryFormsReturnTheFailureTyped()
    {
        await using var client = new ConvexClient(fixture.Emulator.Url);

        var failed = await client.TryQueryAsync(ConvexApi.Kinds.Get, new() { Id = (ThingsId)"not-an-id" }, Ct).WaitAsync(s_wait, Ct);
        var shouted = await client.TryActionAsync(ConvexApi.Kinds.Shout, new() { Text = "hey" }, Ct).WaitAsync(s_wait, Ct);

        Assert.False(failed.IsSuccess);
        Assert.NotNull(failed.ErrorMessage);
        Assert.Throws<InvalidOperationException>(() => failed.Value);
        Assert.True(shouted.IsSuccess);
        Assert.Equal("HEY", shouted.Value);
    }

    [Fact]
    public async Task TheHttpClientTakesTheSameReferences()
    {
        using var http = new ConvexHttpClient(fixture.Emulator.Url);

        var id = await http.MutationAsync(ConvexApi.Kinds.Insert, new() { Value = Sample("over http") }, Ct).WaitAsync(s_wait, Ct);
        var listed = await http.QueryAsync(ConvexApi.Kinds.List, Ct).WaitAsync(s_wait, Ct);
        var shouted = await http.ActionAsync(ConvexApi.Kinds.Shout, new() { Text = "quiet" }, Ct).WaitAsync(s_wait, Ct);

        Assert.Contains(listed, thing => thing.Id == id && thing.Name == "over http");
        Assert.Equal("QUIET", shouted);
    }

    [Fact]
    public async Task UnmappedAndUnvalidatedFunctionsAreTypedConvexValue()
    {
        await using var client = new ConvexClient(fixture.Emulator.Url);

        var number = await client.QueryAsync(ConvexApi.Kinds.Mixed, new() { AsNumber = true }, Ct).WaitAsync(s_wait, Ct);
        var text = await client.QueryAsync(ConvexApi.Kinds.Mixed, new() { AsNumber = false }, Ct).WaitAsync(s_wait, Ct);
        var loose = await client.QueryAsync(ConvexApi.Kinds.Loose, ConvexObject.Of(("a", new ConvexFloat64(1)), ("b", new ConvexFloat64(2))), Ct).WaitAsync(s_wait, Ct);

        Assert.Equal(42, number!.AsDouble());
        Assert.Equal("forty-two", text!.AsString());
        Assert.Equal(2, loose!.AsObject().TryGetValue("got", out var got) ? got.AsDouble() : -1);
        Assert.Equal(ConvexFunctionKind.Query, ConvexInternal.Kinds.Secret.Kind);
        Assert.Equal("kinds:secret", ConvexInternal.Kinds.Secret.Path);
    }
}
