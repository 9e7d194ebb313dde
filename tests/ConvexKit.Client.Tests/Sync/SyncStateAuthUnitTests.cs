using ConvexKit.Client.Protocol;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Values;
using static ConvexKit.Client.Tests.Sync.SyncHarness;

namespace ConvexKit.Client.Tests.Sync;

public class SyncStateAuthUnitTests
{
    [Fact]
    public void ATransitionThatRaisesTheIdentityConfirmsTheToken()
    {
        var h = new SyncHarness();
        h.State.SetAuth(new AuthenticationToken.User("t1"));
        Assert.Empty(h.Receive(Transition(Version(0, 0, 0), Version(1, 0, 5))).OfType<AuthConfirmed>());
        Assert.Equal(1u, Assert.Single(h.Receive(Transition(Version(1, 0, 5), Version(1, 1, 6))).OfType<AuthConfirmed>()).IdentityVersion);
    }

    [Fact]
    public void AConfirmationOfASupersededTokenIsNotReported()
    {
        var h = new SyncHarness();
        h.State.SetAuth(new AuthenticationToken.User("t1"));
        h.State.SetAuth(new AuthenticationToken.User("t2"));
        Assert.Empty(h.Receive(Transition(Version(0, 0, 0), Version(1, 1, 5))).OfType<AuthConfirmed>());
        Assert.Single(h.Receive(Transition(Version(1, 1, 5), Version(1, 2, 6))).OfType<AuthConfirmed>());
    }

    [Fact]
    public void AuthErrorsAboutAnOlderIdentityAreMarkedStale()
    {
        var h = new SyncHarness();
        h.State.SetAuth(new AuthenticationToken.User("t1"));
        h.State.SetAuth(new AuthenticationToken.User("t2"));
        var stale = Assert.IsType<AuthErrorReceived>(Assert.Single(h.Receive("""{"type":"AuthError","error":"bad","baseVersion":0,"authUpdateAttempted":true}""")));
        Assert.True(stale.IsStale);
        var current = Assert.IsType<AuthErrorReceived>(Assert.Single(h.Receive("""{"type":"AuthError","error":"bad","baseVersion":1,"authUpdateAttempted":true}""")));
        Assert.False(current.IsStale);
        Assert.True(current.Error.AuthUpdateAttempted);
    }

    [Fact]
    public void FatalErrorsAreReported() =>
        Assert.Equal("BaseVersionMismatch", Assert.IsType<FatalErrorReceived>(Assert.Single(new SyncHarness().Receive("""{"type":"FatalError","error":"BaseVersionMismatch"}"""))).Message);

    [Fact]
    public void WhilePausedChangesAreBufferedAndSentTogetherOnResume()
    {
        var h = new SyncHarness();
        h.State.Pause();
        var a = h.Subscribe("q:a");
        var b = h.Subscribe("q:b");
        h.State.Unsubscribe(b.Token);
        h.State.SetAuth(new AuthenticationToken.User("tok"));
        h.State.EnqueueMutation("m:x", ConvexObject.Empty);
        Assert.Empty(h.Drain());

        h.State.Resume();
        Assert.Equal(
            [
                """{"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"tok"}""",
                """{"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Add","queryId":0,"udfPath":"q:a","args":[{}]}]}""",
                """{"type":"Mutation","requestId":0,"udfPath":"m:x","args":[{}]}""",
            ],
            h.Drain());
        Assert.Equal(0u, a.QueryId);
        Assert.False(h.State.IsPaused);
    }

    [Fact]
    public void ASocketOpenedWhilePausedWaitsForResumeBeforeConnecting()
    {
        var h = new SyncHarness(open: false);
        h.State.Pause();
        h.Open();
        h.State.SetAuth(new AuthenticationToken.User("tok"));
        Assert.Empty(h.Drain());
        Assert.False(h.State.IsConnected);
        h.State.Resume();
        var frames = h.Drain();
        Assert.StartsWith("""{"connectionCount":0""", frames[0], StringComparison.Ordinal);
        Assert.Equal("""{"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"tok"}""", frames[1]);
        Assert.True(h.State.IsConnected);
    }

    [Fact]
    public void IsNewAuthComparesTheWholeIdentity()
    {
        var h = new SyncHarness();
        Assert.True(h.State.IsNewAuth(new AuthenticationToken.User("a")));
        h.State.SetAuth(new AuthenticationToken.User("a"));
        Assert.False(h.State.IsNewAuth(new AuthenticationToken.User("a")));
        Assert.True(h.State.IsNewAuth(new AuthenticationToken.Admin("a", null)));
    }
}
