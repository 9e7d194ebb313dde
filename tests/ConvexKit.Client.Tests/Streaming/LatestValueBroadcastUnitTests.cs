using ConvexKit.Client.Streaming;

namespace ConvexKit.Client.Tests.Streaming;

/// <summary>The one broadcast behind subscriptions, paginated queries and WatchAll.</summary>
public sealed class LatestValueBroadcastUnitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReaderStartsWithTheLatestWhenReplayingAndWithTheNextOtherwise()
    {
        var replaying = new LatestValueBroadcast<string>(replayLatest: true);
        var live = new LatestValueBroadcast<string>(replayLatest: false);
        replaying.Publish("old");
        live.Publish("old");

        await using var fromReplay = replaying.Read(Token).GetAsyncEnumerator(Token);
        await using var fromLive = live.Read(Token).GetAsyncEnumerator(Token);
        live.Publish("new");

        Assert.True(await fromReplay.MoveNextAsync());
        Assert.Equal("old", fromReplay.Current);
        Assert.True(await fromLive.MoveNextAsync());
        Assert.Equal("new", fromLive.Current);
    }

    [Fact]
    public async Task ASlowReaderSkipsToTheLatest()
    {
        var broadcast = new LatestValueBroadcast<string>(replayLatest: false);
        await using var reader = broadcast.Read(Token).GetAsyncEnumerator(Token);

        foreach (var value in new[] { "1", "2", "3" })
        {
            broadcast.Publish(value);
        }

        broadcast.End();
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("3", reader.Current);
        Assert.False(await reader.MoveNextAsync());
    }

    [Fact]
    public async Task TheEndReachesEveryReaderOnceWithItsErrorAndLateReadersToo()
    {
        var broadcast = new LatestValueBroadcast<string>(replayLatest: true);
        await using var early = broadcast.Read(Token).GetAsyncEnumerator(Token);
        var error = new InvalidOperationException("stopped");

        Assert.True(broadcast.End(error));
        Assert.False(broadcast.End());
        Assert.False(broadcast.Publish("after the end"));

        await using var late = broadcast.Read(Token).GetAsyncEnumerator(Token);
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(async () => await early.MoveNextAsync()));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(async () => await late.MoveNextAsync()));
        Assert.True(broadcast.IsEnded);
        Assert.Null(broadcast.Latest);
    }
}
