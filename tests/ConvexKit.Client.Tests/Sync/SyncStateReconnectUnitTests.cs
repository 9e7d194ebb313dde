using ConvexKit.Client.Protocol;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Values;
using static ConvexKit.Client.Tests.Sync.SyncHarness;

namespace ConvexKit.Client.Tests.Sync;

public class SyncStateReconnectUnitTests
{
    [Fact]
    public void AReconnectReplaysInTheJavaScriptClientsOrder()
    {
        var h = new SyncHarness();
        h.State.SetAuth(new AuthenticationToken.Admin("adminkey123", new UserIdentityAttributes { TokenIdentifier = "iss|sub", Email = "a@b.c" }));
        var q0 = h.Subscribe("messages", ConvexObject.Of(("b", 2L)));
        var q1 = h.Subscribe("messages.js:list");
        var m0 = h.State.EnqueueMutation("messages:send", ConvexObject.Of(("body", "hi")));
        var a1 = h.State.EnqueueAction("ai:do", ConvexObject.Empty);
        var m2 = h.State.EnqueueMutation("messages:send", ConvexObject.Of(("body", "second")));
        h.Drain();
        h.Receive(Transition(Version(0, 0, 0), Version(3, 1, 100), Updated(q0.QueryId, "[1]")));
        h.Receive(MutationOk(m0, 150));

        h.State.OnSocketClosed("InternalServerError");
        h.Open();
        var frames = h.Drain();

        Assert.Equal(
            [
                """{"connectionCount":1,"lastCloseReason":"InternalServerError","clientTs":1000,"type":"Connect","sessionId":"5594e746-d264-4c8d-9b92-403cdee94837","maxObservedTimestamp":"lgAAAAAAAAA="}""",
                """{"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"adminkey123","impersonating":{"tokenIdentifier":"iss|sub","email":"a@b.c"}}""",
                """{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:default","args":[{"b":{"$integer":"AgAAAAAAAAA="}}],"journal":null},{"type":"Add","queryId":1,"udfPath":"messages:list","args":[{}]}]}""",
                """{"type":"Mutation","requestId":0,"udfPath":"messages:send","args":[{"body":"hi"}]}""",
                """{"type":"Mutation","requestId":2,"udfPath":"messages:send","args":[{"body":"second"}]}""",
            ],
            frames);
        var lost = Assert.Single(h.Completed);
        Assert.Equal(a1, lost.RequestId);
        Assert.True(lost.ConnectionLost);
        Assert.Equal(SyncState.ConnectionLostMessage, lost.Result.ErrorMessage);
        Assert.Equal([q0.QueryId, q1.QueryId], h.State.Queries.Select(q => q.Id).Order());
        Assert.Equal(2u, m2);
    }

    [Fact]
    public void VersionsResetOnReconnectAndCountOnFromThere()
    {
        var h = new SyncHarness();
        h.State.SetAuth(new AuthenticationToken.User("t1"));
        h.State.SetAuth(new AuthenticationToken.User("t2"));
        h.Subscribe("q:a");
        Assert.Equal(
            [
                """{"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"t1"}""",
                """{"type":"Authenticate","baseVersion":1,"tokenType":"User","value":"t2"}""",
                """{"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Add","queryId":0,"udfPath":"q:a","args":[{}]}]}""",
            ],
            h.Drain());

        h.State.OnSocketClosed("x");
        h.Open();
        h.Drain();
        h.State.SetAuth(new AuthenticationToken.User("t3"));
        h.Subscribe("q:b");
        h.State.ClearAuth();
        Assert.Equal(
            [
                """{"type":"Authenticate","baseVersion":1,"tokenType":"User","value":"t3"}""",
                """{"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Add","queryId":1,"udfPath":"q:b","args":[{}]}]}""",
                """{"type":"Authenticate","tokenType":"None","baseVersion":2}""",
            ],
            h.Drain());

        h.State.OnSocketClosed("y");
        h.Open();
        var frames = h.Drain();
        Assert.DoesNotContain(frames, f => f.Contains("Authenticate", StringComparison.Ordinal));
        Assert.Equal(0u, h.State.IdentityVersion);
    }

    [Fact]
    public void JournalsFromTheServerAreResentOnReconnect()
    {
        var h = new SyncHarness();
        h.Subscribe("q:paged");
        h.Receive(Transition(Version(0, 0, 0), Version(2, 0, 5), Updated(0, "1", journal: "cursor-7")));
        h.State.OnSocketClosed("x");
        h.Open();
        Assert.Contains(""""journal":"cursor-7"""", h.Drain()[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstCloseReasonSinceTheLastOpenIsReported()
    {
        var h = new SyncHarness();
        h.State.OnSocketClosed("InactiveServer");
        h.State.OnSocketClosed("closed with code 1006");
        h.Open();
        Assert.Contains(""""connectionCount":1,"lastCloseReason":"InactiveServer"""", h.Drain()[0], StringComparison.Ordinal);
        h.State.OnSocketClosed("closed with code 1006");
        h.Open();
        Assert.Contains(""""connectionCount":2,"lastCloseReason":"closed with code 1006"""", h.Drain()[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsSurviveAReconnectUntilTheNewSocketsFirstTransition()
    {
        var h = new SyncHarness();
        var q = h.Subscribe("q:a");
        h.Receive(Transition(Version(0, 0, 0), Version(2, 0, 10), Updated(0, "1")));
        h.State.OnSocketClosed("x");
        h.Open();
        Assert.Equal(1.0, h.State.LatestResults.Get(q.QueryId)!.Value!.AsDouble());
        Assert.Equal(StateVersion.Initial, h.State.RemoteVersion);

        var events = h.Receive(Transition(Version(0, 0, 0), Version(1, 0, 20), Updated(0, "1")));
        Assert.Empty(Assert.Single(events.OfType<QueriesChanged>()).ChangedQueryIds);
        Assert.Equal(20UL, h.State.LatestResults.Timestamp);
    }

    [Fact]
    public void ACompletedMutationIsReplayedAndResolvesOnTheNewSocket()
    {
        var h = new SyncHarness();
        var id = h.State.EnqueueMutation("m:x", ConvexObject.Empty);
        h.Receive(MutationOk(id, 150));
        h.State.OnSocketClosed("x");
        h.Open();
        Assert.Contains(h.Drain(), f => f.StartsWith("""{"type":"Mutation","requestId":0""", StringComparison.Ordinal));
        h.Receive(MutationOk(id, 150));
        Assert.Empty(h.Completed);
        h.Receive(Transition(Version(0, 0, 0), Version(1, 0, 160)));
        Assert.Single(h.Completed);
    }

    [Fact]
    public void SyncedPastLastReconnectOnceEveryOutstandingItemIsAnswered()
    {
        var h = new SyncHarness();
        h.State.SetAuth(new AuthenticationToken.User("t"));
        h.Subscribe("q:a");
        var id = h.State.EnqueueMutation("m:x", ConvexObject.Empty);
        h.State.OnSocketClosed("x");
        h.Open();
        Assert.False(h.State.HasSyncedPastLastReconnect);
        h.Receive(Transition(Version(0, 0, 0), Version(1, 1, 10), Updated(0, "1")));
        Assert.False(h.State.HasSyncedPastLastReconnect);
        h.Receive(MutationOk(id, 20));
        h.Receive(Transition(Version(1, 1, 10), Version(1, 1, 20)));
        Assert.True(h.State.HasSyncedPastLastReconnect);
    }
}
