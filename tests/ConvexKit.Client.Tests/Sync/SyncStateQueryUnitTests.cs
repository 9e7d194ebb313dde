using ConvexKit.Client.Sync;
using ConvexKit.Client.Values;
using static ConvexKit.Client.Tests.Sync.SyncHarness;

namespace ConvexKit.Client.Tests.Sync;

public class SyncStateQueryUnitTests
{
    [Fact]
    public void FirstOpenSendsConnectThenAnEmptyQuerySet()
    {
        var h = new SyncHarness(open: false);
        h.Open();
        Assert.Equal(
            [
                """{"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1000,"type":"Connect","sessionId":"5594e746-d264-4c8d-9b92-403cdee94837"}""",
                """{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[]}""",
            ],
            h.Drain());
    }

    [Fact]
    public void IdenticalSubscriptionsShareOneServerQueryUntilTheLastLeaves()
    {
        var h = new SyncHarness();
        var first = h.Subscribe("messages", ConvexObject.Of(("b", 1), ("a", 2)));
        var second = h.Subscribe("messages.js:default", ConvexObject.Of(("a", 2), ("b", 1)));
        Assert.True(first.IsNew);
        Assert.False(second.IsNew);
        Assert.Equal(first.QueryId, second.QueryId);
        Assert.Equal(first.Token, second.Token);
        Assert.Equal(
            ["""{"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:default","args":[{"a":2,"b":1}]}]}"""],
            h.Drain());

        Assert.False(h.State.Unsubscribe(first.Token));
        Assert.Empty(h.Drain());
        Assert.True(h.State.Unsubscribe(first.Token));
        Assert.Equal(["""{"type":"ModifyQuerySet","baseVersion":2,"newVersion":3,"modifications":[{"type":"Remove","queryId":0}]}"""], h.Drain());
        Assert.Equal(0, h.State.QueryCount);
    }

    [Fact]
    public void QueryIdsAreNeverReused()
    {
        var h = new SyncHarness();
        var a = h.Subscribe("q:a");
        h.State.Unsubscribe(a.Token);
        var again = h.Subscribe("q:a");
        var b = h.Subscribe("q:b");
        Assert.Equal([0u, 1u, 2u], [a.QueryId, again.QueryId, b.QueryId]);
    }

    [Fact]
    public void TransitionsPublishResultsAndReportOnlyRealChanges()
    {
        var h = new SyncHarness();
        var q = h.Subscribe("notes:list");
        h.Drain();
        var events = h.Receive(Transition(Version(0, 0, 0), Version(2, 0, 100), Updated(0, "[1]", logLines: "\"[LOG] 'x'\"")));
        var changed = Assert.Single(events.OfType<QueriesChanged>());
        Assert.Equal([q.QueryId], changed.ChangedQueryIds);
        Assert.Equal(ConvexArray.Of(1), h.State.LatestResults.Get(q.QueryId)!.Value);
        Assert.Equal(100UL, h.State.LatestResults.Timestamp);
        Assert.Equal(["[LOG] 'x'"], Assert.Single(events.OfType<FunctionLogLines>()).Lines);

        events = h.Receive(Transition(Version(2, 0, 100), Version(2, 0, 200), Updated(0, "[1]")));
        Assert.Empty(Assert.Single(events.OfType<QueriesChanged>()).ChangedQueryIds);
        Assert.Equal(200UL, h.State.MaxObservedTimestamp);
    }

    [Fact]
    public void QueryFailuresCarryTheMessageAndConvexErrorData()
    {
        var h = new SyncHarness();
        var q = h.Subscribe("notes:get");
        h.Receive(Transition(Version(0, 0, 0), Version(2, 0, 5),
            """{"type":"QueryFailed","queryId":0,"errorMessage":"boom","logLines":[],"journal":null,"errorData":{"code":"NOT_FOUND"}}"""));
        var result = h.State.LatestResults.Get(q.QueryId)!;
        Assert.False(result.IsSuccess);
        Assert.Equal("boom", result.ErrorMessage);
        Assert.Equal("NOT_FOUND", result.ErrorData!["code"].AsString());
    }

    [Fact]
    public void NullResultsArePublished()
    {
        var h = new SyncHarness();
        var q = h.Subscribe("users:me");
        h.Receive(Transition(Version(0, 0, 0), Version(2, 0, 5), Updated(0, "null")));
        Assert.True(h.State.LatestResults.Get(q.QueryId)!.Value!.IsNull);
    }

    [Fact]
    public void ATransitionFromTheWrongVersionRequiresAReconnectAndChangesNothing()
    {
        var h = new SyncHarness();
        h.Subscribe("notes:list");
        var events = h.Receive(Transition(Version(0, 0, 7), Version(2, 0, 100), Updated(0, "1")));
        Assert.Contains("starts at", Assert.Single(events.OfType<ReconnectRequired>()).Reason, StringComparison.Ordinal);
        Assert.Equal(0UL, h.State.RemoteVersion.Ts);
        Assert.Null(h.State.MaxObservedTimestamp);
        Assert.Null(h.State.LatestResults.Get(0));
    }

    [Fact]
    public void ResultsForQueriesAlreadyUnsubscribedAreIgnored()
    {
        var h = new SyncHarness();
        var q = h.Subscribe("notes:list");
        h.State.Unsubscribe(q.Token);
        var events = h.Receive(Transition(Version(0, 0, 0), Version(3, 0, 5), Updated(0, "1")));
        Assert.Empty(Assert.Single(events.OfType<QueriesChanged>()).ChangedQueryIds);
        Assert.Empty(h.State.LatestResults.ByQueryId);
    }

    [Fact]
    public void UnsubscribingDropsThePublishedResultAtOnce()
    {
        var h = new SyncHarness();
        var q = h.Subscribe("notes:list");
        h.Receive(Transition(Version(0, 0, 0), Version(2, 0, 5), Updated(0, "1")));
        h.State.Unsubscribe(q.Token);
        Assert.Empty(h.State.LatestResults.ByQueryId);
    }

    [Fact]
    public void UnknownMessagesAndChunksAreHandled()
    {
        var h = new SyncHarness();
        h.Subscribe("notes:list");
        Assert.IsType<MessageIgnored>(Assert.Single(h.Receive("""{"type":"SomethingNew"}""")));
        Assert.Empty(h.Receive("""{"type":"Ping"}"""));

        var full = Transition(Version(0, 0, 0), Version(2, 0, 5), Updated(0, "\"chunked\""));
        var half = full.Length / 2;
        Assert.Empty(h.Receive($$"""{"type":"TransitionChunk","chunk":{{System.Text.Json.JsonSerializer.Serialize(full[..half])}},"partNumber":0,"totalParts":2,"transitionId":"{{full.Length}}"}"""));
        h.Receive($$"""{"type":"TransitionChunk","chunk":{{System.Text.Json.JsonSerializer.Serialize(full[half..])}},"partNumber":1,"totalParts":2,"transitionId":"{{full.Length}}"}""");
        Assert.Equal("chunked", h.State.LatestResults.Get(0)!.Value!.AsString());
    }

    [Fact]
    public void MessagesAfterTheSocketClosedAreIgnored()
    {
        var h = new SyncHarness();
        h.Subscribe("notes:list");
        h.State.OnSocketClosed("gone");
        Assert.Empty(h.Receive(Transition(Version(0, 0, 0), Version(2, 0, 5), Updated(0, "1"))));
        Assert.Null(h.State.LatestResults.Get(0));
    }

    [Fact]
    public void InvalidPathsAreRejectedBeforeAnythingChanges()
    {
        var h = new SyncHarness();
        Assert.Throws<ArgumentException>(() => h.Subscribe("bad path"));
        Assert.Throws<ArgumentException>(() => h.State.EnqueueMutation("x.ts:y", ConvexObject.Empty));
        Assert.Empty(h.Drain());
        Assert.Equal(0, h.State.QueryCount);
        Assert.Equal(0, h.State.PendingRequestCount);
    }
}
