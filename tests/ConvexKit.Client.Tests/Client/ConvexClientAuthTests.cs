using System.Text;

namespace ConvexKit.Client.Tests.Client;

/// <summary>Token providers, confirmation, refresh and AuthError handling over the in-memory peer.</summary>
public class ConvexClientAuthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Jwt(string subject, long lifetimeSeconds)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part("""{"alg":"none"}""")}.{Part($$"""{"sub":"{{subject}}","iat":{{now}},"exp":{{now + lifetimeSeconds}}}""")}.sig";
    }

    [Fact]
    public async Task ATokenProviderIsAskedForACachedThenAFreshToken()
    {
        await using var c = new InMemoryClient();
        var calls = new List<bool>();
        var changes = new List<bool>();
        var tokens = new[] { Jwt("cached", 3600), Jwt("fresh", 3600) };
        c.Client.SetAuth(
            (force, _) =>
            {
                lock (calls)
                {
                    calls.Add(force);
                    return ValueTask.FromResult<string?>(tokens[Math.Min(calls.Count - 1, 1)]);
                }
            },
            authenticated =>
            {
                lock (changes)
                {
                    changes.Add(authenticated);
                }
            });
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        await c.WaitForAsync(() => c.Transport.ClientFrames.Count(f => f.Contains("\"tokenType\":\"User\"", StringComparison.Ordinal)) == 2);
        Assert.Equal([false, true], calls);
        var authenticates = c.Transport.ClientFrames.Where(f => f.Contains("Authenticate", StringComparison.Ordinal)).ToList();
        Assert.Contains("\"baseVersion\":0", authenticates[0], StringComparison.Ordinal);
        Assert.Contains(tokens[0], authenticates[0], StringComparison.Ordinal);
        Assert.Contains("\"baseVersion\":1", authenticates[1], StringComparison.Ordinal);
        Assert.Contains(tokens[1], authenticates[1], StringComparison.Ordinal);
        await c.WaitForAsync(() =>
        {
            lock (changes)
            {
                return changes.Count > 0;
            }
        });
        Assert.Equal([true], changes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task QueriesWaitForTheFirstToken(bool socketOpenFirst)
    {
        await using var c = new InMemoryClient();
        if (socketOpenFirst)
        {
            await c.WaitForAsync(() => c.Client.ConnectionState == ConvexConnectionState.Connected);
        }

        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Client.SetAuth((_, _) => new ValueTask<string?>(release.Task));
        var query = c.Client.QueryAsync("counter:all", null, Token);
        await Task.Delay(100, Token);
        Assert.DoesNotContain(c.Transport.ClientFrames, f => f.Contains("counter:all", StringComparison.Ordinal));
        release.SetResult(Jwt("u", 3600));
        await query.WaitAsync(InMemoryClient.Wait, Token);
        var frames = c.Transport.ClientFrames.ToList();
        Assert.True(frames.FindIndex(f => f.Contains("Authenticate", StringComparison.Ordinal)) < frames.FindIndex(f => f.Contains("counter:all", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnAuthErrorFetchesAForcedTokenAndReconnectsWithIt()
    {
        await using var c = new InMemoryClient();
        var count = 0;
        c.Client.SetAuth((force, _) => ValueTask.FromResult<string?>(Jwt("t" + Interlocked.Increment(ref count), 3600)));
        await c.WaitForAsync(() => c.Transport.ClientFrames.Count(f => f.Contains("Authenticate", StringComparison.Ordinal)) == 2);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);

        c.Transport.SendRaw("""{"type":"AuthError","error":"token rejected","baseVersion":2,"authUpdateAttempted":false}""");
        c.Transport.Drop(1005, "");
        await c.WaitForAsync(() => c.Transport.Connections == 2 && c.Client.ConnectionState == ConvexConnectionState.Connected);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        var afterReconnect = c.Transport.ClientFrames.SkipWhile(f => !f.Contains("\"connectionCount\":1", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("{\"type\":\"Authenticate\",\"baseVersion\":0,\"tokenType\":\"User\"", afterReconnect[1], StringComparison.Ordinal);
        Assert.Equal(3, Volatile.Read(ref count));
    }

    [Fact]
    public async Task AdminAuthAndClearAuthReachTheServer()
    {
        await using var c = new InMemoryClient();
        c.Client.SetAdminAuth("admin-key", new UserIdentityAttributes { TokenIdentifier = "iss|sub" });
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        c.Client.ClearAuth();
        await c.Client.MutationAsync("counter:inc", ConvexKit.Client.Values.ConvexObject.Of(("name", "x")), Token).WaitAsync(InMemoryClient.Wait, Token);
        var authenticates = c.Transport.ClientFrames.Where(f => f.Contains("Authenticate", StringComparison.Ordinal)).ToList();
        Assert.Equal("""{"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"admin-key","impersonating":{"tokenIdentifier":"iss|sub"}}""", authenticates[0]);
        Assert.Equal("""{"type":"Authenticate","tokenType":"None","baseVersion":1}""", authenticates[1]);
    }

    [Fact]
    public async Task ATokenIsRefreshedBeforeItExpires()
    {
        await using var c = new InMemoryClient(o => o.AuthRefreshLeeway = TimeSpan.FromSeconds(2.7));
        var forced = 0;
        c.Client.SetAuth((force, _) =>
        {
            if (force)
            {
                Interlocked.Increment(ref forced);
            }

            // Three-second tokens, so with a 2.7 s leeway each fresh one is replaced after about 0.3 s.
            return ValueTask.FromResult<string?>(Jwt("u" + Guid.NewGuid().ToString("N"), 3));
        });
        await c.WaitForAsync(() => Volatile.Read(ref forced) >= 3);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);
        var authenticates = c.Transport.ClientFrames.Where(f => f.Contains("Authenticate", StringComparison.Ordinal)).ToList();
        Assert.True(authenticates.Count >= 3);
        Assert.Equal(authenticates.Count, authenticates.Distinct().Count());
    }

    [Fact]
    public void TheTokenLifetimeIsReadFromTheJwt()
    {
        Assert.True(ConvexKit.Client.Engine.AuthenticationManager.TryReadLifetime(Jwt("x", 3600), out var lifetime));
        Assert.Equal(TimeSpan.FromHours(1), lifetime);
        Assert.False(ConvexKit.Client.Engine.AuthenticationManager.TryReadLifetime("not-a-jwt", out _));
        Assert.False(ConvexKit.Client.Engine.AuthenticationManager.TryReadLifetime("a.!!!.c", out _));
    }
}
