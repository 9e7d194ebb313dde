using System.Text.Json;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Values;
using static ConvexKit.Client.Tests.Sync.SyncHarness;

namespace ConvexKit.Client.Tests.Sync;

/// <summary>At most 1,000 mutations and 1,000 actions unanswered per socket; the rest wait, in order.</summary>
public class RequestFlowControlUnitTests
{
    private const int Limit = RequestManager.MaxInFlightPerKind;

    [Fact]
    public void MutationsPastTheLimitWaitUnsentAndGoOutInOrderAsAnswersArrive()
    {
        var h = new SyncHarness();
        for (var i = 0; i < Limit + 5; i++)
        {
            h.State.EnqueueMutation("m:run", ConvexObject.Of(("i", (long)i)));
        }

        Assert.Equal(Enumerable.Range(0, Limit).Select(i => (uint)i), RequestIds(h.Drain()));
        Assert.Equal(5, h.State.WaitingRequestCount);

        h.Receive(MutationOk(0, 10));
        h.Receive(MutationOk(1, 11));
        Assert.Equal([(uint)Limit, (uint)Limit + 1], RequestIds(h.Drain()));

        // A failure frees room as well as a success.
        h.Receive($$"""{"type":"MutationResponse","requestId":2,"success":false,"result":"bad","ts":null,"logLines":[]}""");
        Assert.Equal([(uint)Limit + 2], RequestIds(h.Drain()));
        Assert.Equal(Limit, h.State.InFlightRequestCount);
    }

    [Fact]
    public void AFullMutationWindowDoesNotHoldBackActions()
    {
        var h = new SyncHarness();
        for (var i = 0; i < Limit + 1; i++)
        {
            h.State.EnqueueMutation("m:run", ConvexObject.Empty);
        }

        h.Drain();
        var action = h.State.EnqueueAction("a:run", ConvexObject.Empty);
        Assert.Equal([action], RequestIds(h.Drain()));
    }

    [Fact]
    public void ActionsHaveTheirOwnLimit()
    {
        var h = new SyncHarness();
        for (var i = 0; i < Limit + 1; i++)
        {
            h.State.EnqueueAction("a:run", ConvexObject.Empty);
        }

        Assert.Equal(Limit, h.Drain().Count);
        h.Receive("""{"type":"ActionResponse","requestId":7,"success":true,"result":null,"logLines":[]}""");
        Assert.Equal([(uint)Limit], RequestIds(h.Drain()));
    }

    [Fact]
    public void AReconnectReplaysOnlyAWindowAndTheRestFollowsAnswers()
    {
        var h = new SyncHarness();
        for (var i = 0; i < 2500; i++)
        {
            h.State.EnqueueMutation("m:run", ConvexObject.Empty);
        }

        h.Drain();
        h.State.OnSocketClosed("boom");
        h.Open();
        var replay = h.Drain();
        Assert.Equal(Enumerable.Range(0, Limit).Select(i => (uint)i), RequestIds(replay));
        Assert.Equal(1500, h.State.WaitingRequestCount);

        // Every answer lets exactly one more out, in request-id order, until all 2,500 have been sent on this socket.
        var sent = new List<uint>(RequestIds(replay));
        for (uint id = 0; id < 2500; id++)
        {
            h.Receive(MutationOk(id, 100 + id));
            sent.AddRange(RequestIds(h.Drain()));
            Assert.True(h.State.InFlightRequestCount <= Limit);
        }

        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (uint)i), sent);
    }

    [Fact]
    public void WhilePausedRequestsWaitAndResumeSendsAWindow()
    {
        var h = new SyncHarness();
        h.State.Pause();
        for (var i = 0; i < Limit + 3; i++)
        {
            h.State.EnqueueMutation("m:run", ConvexObject.Empty);
        }

        Assert.Empty(h.Drain());
        h.State.Resume();
        Assert.Equal(Limit, h.Drain().Count);
    }

    private static List<uint> RequestIds(IEnumerable<string> frames) =>
        [.. frames.Select(f => JsonDocument.Parse(f).RootElement).Where(e => e.TryGetProperty("requestId", out _)).Select(e => e.GetProperty("requestId").GetUInt32())];
}
