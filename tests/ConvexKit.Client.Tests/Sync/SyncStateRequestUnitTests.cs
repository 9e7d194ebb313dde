using ConvexKit.Client.Sync;
using ConvexKit.Client.Values;
using static ConvexKit.Client.Tests.Sync.SyncHarness;

namespace ConvexKit.Client.Tests.Sync;

public class SyncStateRequestUnitTests
{
    [Fact]
    public void AMutationResolvesOnlyOnceATransitionReachesItsCommitTimestamp()
    {
        var h = new SyncHarness();
        var id = h.State.EnqueueMutation("messages:send", ConvexObject.Of(("body", "hi")));
        Assert.Equal(["""{"type":"Mutation","requestId":0,"udfPath":"messages:send","args":[{"body":"hi"}]}"""], h.Drain());

        h.Receive(MutationOk(id, 150, "\"id1\""));
        Assert.Empty(h.Completed);
        Assert.Equal(150UL, h.State.MaxObservedTimestamp);

        h.Receive(Transition(Version(0, 0, 0), Version(1, 0, 149)));
        Assert.Empty(h.Completed);

        var events = h.Receive(Transition(Version(1, 0, 149), Version(1, 0, 150)));
        var completed = Assert.Single(h.Completed);
        Assert.Equal("id1", completed.Result.Value!.AsString());
        Assert.Equal(ConvexFunctionKind.Mutation, completed.Kind);
        Assert.IsType<QueriesChanged>(events[0]);
        Assert.IsType<RequestCompleted>(events[^1]);
    }

    [Fact]
    public void AMutationAnsweredAfterATransitionAlreadyPastItsCommitResolvesAtOnce()
    {
        var h = new SyncHarness();
        var id = h.State.EnqueueMutation("messages:send", ConvexObject.Empty);
        h.Receive(Transition(Version(0, 0, 0), Version(1, 0, 500)));
        h.Receive(MutationOk(id, 400));
        Assert.Single(h.Completed);
    }

    [Fact]
    public void FailuresAndActionsResolveImmediately()
    {
        var h = new SyncHarness();
        var mutation = h.State.EnqueueMutation("m:fail", ConvexObject.Empty);
        var action = h.State.EnqueueAction("a:run", ConvexObject.Empty);
        Assert.Equal([0u, 1u], [mutation, action]);
        h.Receive("""{"type":"MutationResponse","requestId":0,"success":false,"result":"bad","ts":null,"logLines":[],"errorData":{"code":"X"}}""");
        h.Receive("""{"type":"ActionResponse","requestId":1,"success":true,"result":7,"logLines":["[LOG] 'a'"]}""");
        var results = h.Completed.ToList();
        Assert.Equal(2, results.Count);
        Assert.True(results[0].Result.IsConvexError);
        Assert.Equal(7.0, results[1].Result.Value!.AsDouble());
        Assert.Equal(ConvexFunctionKind.Action, Assert.Single(h.Events.OfType<FunctionLogLines>()).Kind);
        Assert.Null(h.State.MaxObservedTimestamp);
    }

    [Fact]
    public void StrayAndDuplicateResponsesAreIgnored()
    {
        var h = new SyncHarness();
        Assert.IsType<MessageIgnored>(Assert.Single(h.Receive(MutationOk(42, 10))));
        var id = h.State.EnqueueMutation("m:x", ConvexObject.Empty);
        h.Receive(MutationOk(id, 10));
        Assert.IsType<MessageIgnored>(Assert.Single(h.Receive(MutationOk(id, 10))));
        h.Receive(Transition(Version(0, 0, 0), Version(1, 0, 10)));
        Assert.Single(h.Completed);
        Assert.IsType<MessageIgnored>(Assert.Single(h.Receive(MutationOk(id, 10))));
        Assert.Single(h.Completed);
    }

    [Fact]
    public void RequestIdsAreSharedByMutationsAndActionsAndSurviveReconnects()
    {
        var h = new SyncHarness();
        Assert.Equal(0u, h.State.EnqueueMutation("m:a", ConvexObject.Empty));
        h.State.OnSocketClosed("x");
        h.Open();
        Assert.Equal(1u, h.State.EnqueueAction("a:b", ConvexObject.Empty));
        Assert.Equal(2u, h.State.EnqueueMutation("m:c", ConvexObject.Empty));
    }

    [Fact]
    public void RequestsMadeWhileDisconnectedAreSentAfterTheSocketOpens()
    {
        var h = new SyncHarness(open: false);
        h.State.EnqueueAction("a:run", ConvexObject.Empty);
        h.State.EnqueueMutation("m:run", ConvexObject.Empty);
        Assert.Empty(h.Drain());
        h.Open();
        var frames = h.Drain();
        Assert.Equal(4, frames.Count);
        Assert.StartsWith("""{"type":"Action","requestId":0""", frames[2], StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"Mutation","requestId":1""", frames[3], StringComparison.Ordinal);
        Assert.Empty(h.Completed);
    }
}
