using System.Text.Json;
using ConvexKit.Client.Tests.Http;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Integration;

/// <summary>
/// The WebSocket client, through a real <see cref="System.Net.WebSockets.ClientWebSocket"/>, against the real emulator
/// process running convex/notes.ts (a test double of Convex, not Convex).
/// </summary>
public sealed class ConvexClientEmulatorTests(AdminEmulatorFixture fixture) : IClassFixture<AdminEmulatorFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ConvexClient NewClient() => new(fixture.Url, new ConvexClientOptions { Timeout = s_wait });

    [Fact]
    public async Task ACreatedNoteIsReadBackThroughTypedCalls()
    {
        await using var client = NewClient();
        var title = $"groceries {Guid.NewGuid():N}";
        var id = await client.MutationAsync(
            "notes:create", new CreateNoteArgs(title, "milk"), HttpTestJsonContext.Default.CreateNoteArgs, HttpTestJsonContext.Default.String, Token)
            .WaitAsync(s_wait, Token);

        var note = await client.QueryAsync("notes:get", new NoteIdArgs(id), HttpTestJsonContext.Default.NoteIdArgs, HttpTestJsonContext.Default.NoteDocument, Token)
            .WaitAsync(s_wait, Token);
        Assert.Equal(id, note.Id);
        Assert.Equal(title, note.Title);
        Assert.Equal("milk", note.Content);
        Assert.True(note.CreationTime > 0);

        var list = await client.QueryAsync("notes:list", null, HttpTestJsonContext.Default.ListNoteDocument, Token).WaitAsync(s_wait, Token);
        Assert.Contains(list, n => n.Id == id);
    }

    [Fact]
    public async Task AMutationResolvesOnlyOnceALiveSubscriptionShowsIt()
    {
        await using var client = NewClient();
        await using var subscription = client.Subscribe("notes:list");
        await FirstAsync(subscription);
        var title = $"ryw {Guid.NewGuid():N}";
        await client.MutationAsync<string>("notes:create", new { title, content = "" }, cancellationToken: Token).WaitAsync(s_wait, Token);

        // Read your writes: by the time the mutation's task completed, the subscription's latest result includes it.
        Assert.Contains(subscription.Latest!.Value!.AsArray(), n => n["title"].AsString() == title);
    }

    [Fact]
    public async Task ASubscriptionSeesAnotherClientsMutation()
    {
        await using var watcher = NewClient();
        await using var writer = NewClient();
        await using var subscription = watcher.Subscribe("notes:list");
        await using var results = subscription.GetAsyncEnumerator(Token);
        Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(s_wait, Token));

        var title = $"shared {Guid.NewGuid():N}";
        await writer.MutationAsync("notes:create", ConvexObject.Of(("title", title), ("content", "x")), Token).WaitAsync(s_wait, Token);
        while (!results.Current.Value!.AsArray().Any(n => n["title"].AsString() == title))
        {
            Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(s_wait, Token));
        }
    }

    [Fact]
    public async Task DomainErrorsArriveAsConvexErrorsWithTheirData()
    {
        await using var client = NewClient();
        var missing = await Assert.ThrowsAsync<ConvexErrorException>(() =>
            client.MutationAsync("notes:update", ConvexObject.Of(("id", "nope"), ("title", "t")), Token).WaitAsync(s_wait, Token));
        Assert.Equal("NOT_FOUND", missing.GetErrorData(HttpTestJsonContext.Default.NoteError).Code);
        Assert.StartsWith("[CONVEX M(notes:update)]", missing.Message, StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<ConvexErrorException>(() =>
            client.MutationAsync("notes:create", ConvexObject.Of(("title", "   "), ("content", "")), Token).WaitAsync(s_wait, Token));
        Assert.Equal("INVALID_ARGUMENT", invalid.ErrorData["code"].AsString());
    }

    [Fact]
    public async Task OtherFunctionFailuresThrowConvexFunctionException()
    {
        await using var client = NewClient();
        var unknown = await Assert.ThrowsAsync<ConvexFunctionException>(() => client.QueryAsync("notes:nope", null, Token).WaitAsync(s_wait, Token));
        Assert.IsNotType<ConvexErrorException>(unknown);
        var badArgs = await client.TryMutationAsync("notes:create", ConvexObject.Of(("title", 5)), Token).WaitAsync(s_wait, Token);
        Assert.False(badArgs.IsSuccess);
        Assert.False(badArgs.IsConvexError);
    }

    [Fact]
    public async Task NullResultsAreDeliveredAsValues()
    {
        await using var client = NewClient();
        Assert.True((await client.QueryAsync("notes:get", ConvexObject.Of(("id", "garbage")), Token).WaitAsync(s_wait, Token)).IsNull);
        await using var subscription = client.Subscribe("notes:get", ConvexObject.Of(("id", "garbage")));
        Assert.True((await FirstAsync(subscription)).Value!.IsNull);
    }

    [Fact]
    public async Task AdminAuthIsAcceptedAndAWrongKeyStopsTheClientWithAnError()
    {
        await using var admin = NewClient();
        admin.SetAdminAuth(AdminEmulatorFixture.AdminKey);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse((await admin.QueryAsync("notes:list", null, Token).WaitAsync(s_wait, Token)).ToString()).RootElement.ValueKind);

        // Not a silent fall-back to anonymous: the key will not change, so the client stops and says why.
        await using var wrong = NewClient();
        wrong.SetAdminAuth("not-the-key");
        await Assert.ThrowsAsync<ConvexFatalErrorException>(() => wrong.QueryAsync("notes:list", null, Token).WaitAsync(s_wait, Token));
        Assert.Equal(ConvexConnectionState.Closed, wrong.ConnectionState);
    }

    private static async Task<FunctionResult> FirstAsync(ConvexSubscription subscription)
    {
        await using var results = subscription.GetAsyncEnumerator(Token);
        Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(s_wait, Token));
        return results.Current;
    }
}
