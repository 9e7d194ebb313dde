using ConvexKit.Client.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace ConvexKit.Client.Tests.Sync;

/// <summary>
/// Random interleavings of subscribe, unsubscribe, mutations, actions, auth changes, message delivery, transitions
/// and reconnects against a model server that enforces the server's rules. Invariants: versions always chain (the
/// server never sees a wrong base version, the client never sees a wrong start version); every live query is in the
/// server's set after reconnect; every request resolves exactly once, mutations only after a Transition covering their
/// commit and executed once despite replays; no Remove for a referenced query; query ids never reused.
/// </summary>
public class SyncStatePropertyTests
{
    [Fact]
    public void RandomSessionsKeepEveryProtocolInvariant() =>
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(500).WithEndSize(150).WithQuietOnSuccess(true),
            Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), script => new SyncSimulation().Run(script)));

    [Fact]
    public void LongSessionsWithFrequentReconnectsSettle()
    {
        var random = new Random(20240611);
        for (var run = 0; run < 40; run++)
        {
            var script = Enumerable.Range(0, 400).Select(_ => random.Next(0, 13 * 40)).ToArray();
            new SyncSimulation().Run(script);
        }
    }

    [Fact]
    public void TheSimulationDetectsABrokenClient()
    {
        // Guard against a vacuous property: replaying a query-set change with a stale base version must be caught.
        var connection = new ModelConvexServer().Connect();
        connection.Handle(new ConvexKit.Client.Protocol.ConnectMessage(Guid.NewGuid(), 0, null, 0, null));
        Assert.Throws<ModelViolationException>(() => connection.Handle(new ConvexKit.Client.Protocol.ModifyQuerySetMessage(1, 2, [])));
    }
}
