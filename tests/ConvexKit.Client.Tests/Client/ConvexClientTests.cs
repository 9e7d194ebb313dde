using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Client;

/// <summary>The public client over the in-memory peer: calls, subscriptions, read-your-writes, errors.</summary>
public class ConvexClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ConvexObject Name(string name) => ConvexObject.Of(("name", name));

    [Fact]
    public async Task QueryReturnsTheValue()
    {
        await using var c = new InMemoryClient();
        var value = await c.Client.QueryAsync("counter:get", Name("a"), Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(0.0, value.AsDouble());
    }

    [Fact]
    public async Task AMutationIsVisibleToTheNextQuery()
    {
        await using var c = new InMemoryClient();
        Assert.Equal(1.0, (await c.Client.MutationAsync("counter:inc", Name("a"), Token).WaitAsync(InMemoryClient.Wait, Token)).AsDouble());
        Assert.Equal(2.0, (await c.Client.MutationAsync("counter:inc", Name("a"), Token).WaitAsync(InMemoryClient.Wait, Token)).AsDouble());
        Assert.Equal(2.0, (await c.Client.QueryAsync("counter:get", Name("a"), Token).WaitAsync(InMemoryClient.Wait, Token)).AsDouble());
    }

    [Fact]
    public async Task ASubscriptionYieldsTheInitialValueThenEveryChange()
    {
        await using var c = new InMemoryClient();
        await using var subscription = c.Client.Subscribe("counter:get", Name("b"));
        await using var results = subscription.GetAsyncEnumerator(Token);
        Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(InMemoryClient.Wait, Token));
        Assert.Equal(0.0, results.Current.Value!.AsDouble());

        await c.Client.MutationAsync("counter:inc", Name("b"), Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1.0, subscription.Latest!.Value!.AsDouble());
        Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(InMemoryClient.Wait, Token));
        Assert.Equal(1.0, results.Current.Value!.AsDouble());
    }

    [Fact]
    public async Task IdenticalSubscriptionsShareOneServerQuery()
    {
        await using var c = new InMemoryClient();
        await using var first = c.Client.Subscribe("counter:get", Name("a"));
        await using var second = c.Client.Subscribe("counter:get", Name("a"));
        await c.Client.QueryAsync("counter:get", Name("a"), Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Single(c.Transport.ClientFrames, f => f.Contains("\"type\":\"Add\"", StringComparison.Ordinal));
        Assert.Equal(0.0, second.Latest!.Value!.AsDouble());
    }

    [Fact]
    public async Task DisposingTheLastSubscriptionRemovesTheServerQuery()
    {
        await using var c = new InMemoryClient();
        var subscription = c.Client.Subscribe("counter:all");
        await c.WaitForAsync(() => subscription.Latest is not null);
        await subscription.DisposeAsync();
        await c.WaitForAsync(() => c.Transport.ClientFrames.Any(f => f.Contains("\"type\":\"Remove\"", StringComparison.Ordinal)));
        Assert.True(subscription.IsCompleted);
        await foreach (var _ in subscription.WithCancellation(Token))
        {
            // A disposed subscription replays its last result, then ends.
        }
    }

    [Fact]
    public async Task QueryFailuresReachSubscribersAndThrowForAwaitedQueries()
    {
        await using var c = new InMemoryClient();
        var ex = await Assert.ThrowsAsync<ConvexErrorException>(() => c.Client.QueryAsync("counter:broken", null, Token).WaitAsync(InMemoryClient.Wait, Token));
        Assert.Equal("broken", ex.ErrorData.AsString());
        Assert.Equal("counter:broken", ex.FunctionPath);

        var result = await c.Client.TryQueryAsync("counter:broken", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.False(result.IsSuccess);
        Assert.True(result.IsConvexError);
    }

    [Fact]
    public async Task MutationFailuresThrowConvexErrorException()
    {
        await using var c = new InMemoryClient();
        var ex = await Assert.ThrowsAsync<ConvexErrorException>(() => c.Client.MutationAsync("counter:fail", null, Token).WaitAsync(InMemoryClient.Wait, Token));
        Assert.Equal("NOPE", ex.ErrorData["code"].AsString());
        Assert.Equal(ConvexFunctionKind.Mutation, ex.Kind);
        Assert.False((await c.Client.TryMutationAsync("counter:fail", null, Token).WaitAsync(InMemoryClient.Wait, Token)).IsSuccess);
    }

    [Fact]
    public async Task ActionsReturnTheirValue()
    {
        await using var c = new InMemoryClient();
        Assert.Equal(1.0, (await c.Client.ActionAsync("counter:ping", null, Token).WaitAsync(InMemoryClient.Wait, Token)).AsDouble());
    }

    [Fact]
    public async Task InvalidPathsAndArgumentsThrowBeforeAnythingIsSent()
    {
        await using var c = new InMemoryClient();
        await Assert.ThrowsAsync<ArgumentException>(() => c.Client.MutationAsync("not a path", null, Token));
        Assert.Throws<ArgumentException>(() => c.Client.Subscribe("x.ts:y"));
        var deep = Enumerable.Range(0, 70).Aggregate<int, ConvexValue>(1, (inner, _) => ConvexArray.Of(inner));
        await Assert.ThrowsAsync<ConvexValueException>(() => c.Client.MutationAsync("counter:inc", ConvexObject.Of(("deep", deep)), Token));
        await Assert.ThrowsAsync<ConvexValueException>(() => c.Client.QueryAsync<double>("counter:get", new { when = DateTime.UnixEpoch }, cancellationToken: Token));
    }

    [Fact]
    public async Task AnUnansweredMutationTimesOut()
    {
        await using var c = new InMemoryClient(o => o.Timeout = TimeSpan.FromMilliseconds(300), t => t.Hold = true);
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => c.Client.MutationAsync("counter:inc", Name("a"), Token).WaitAsync(InMemoryClient.Wait, Token));
        Assert.Contains("counter:inc", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationStopsTheWait()
    {
        await using var c = new InMemoryClient(prepare: t => t.Hold = true);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c.Client.MutationAsync("counter:inc", Name("a"), cts.Token).WaitAsync(InMemoryClient.Wait, Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c.Client.QueryAsync("counter:get", Name("a"), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task DisposingFailsPendingCallsAndEndsSubscriptions()
    {
        var c = new InMemoryClient(prepare: t => t.Hold = true);
        var subscription = c.Client.Subscribe("counter:all");
        var pending = c.Client.MutationAsync("counter:inc", Name("a"), Token);
        await c.WaitForAsync(() => c.Transport.ClientFrames.Any(f => f.Contains("Mutation", StringComparison.Ordinal)));
        await c.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(InMemoryClient.Wait, Token));
        await foreach (var _ in subscription.WithCancellation(Token))
        {
            Assert.Fail("No result was ever delivered.");
        }

        Assert.Equal(ConvexConnectionState.Closed, c.Client.ConnectionState);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => c.Client.QueryAsync("counter:all", null, Token));
    }

    [Fact]
    public async Task TypedOverloadsConvertArgumentsAndResults()
    {
        await using var c = new InMemoryClient();
        var count = await c.Client.MutationAsync<double>("counter:inc", new { name = "t" }, cancellationToken: Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1, count);
        var names = await c.Client.QueryAsync("counter:all", null, ClientTestJsonContext.Default.StringArray, Token).WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(["t"], names);
        var typed = await c.Client.QueryAsync("counter:get", new NameArgs("t"), ClientTestJsonContext.Default.NameArgs, ClientTestJsonContext.Default.Int32, Token)
            .WaitAsync(InMemoryClient.Wait, Token);
        Assert.Equal(1, typed);
    }
}

public sealed record NameArgs(string Name);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(NameArgs))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class ClientTestJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
