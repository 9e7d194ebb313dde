using System.Text;

namespace ConvexKit.Client.Tests.Client;

/// <summary>
/// What the client does with its socket on an <c>AuthError</c>, as the JavaScript client does (found by the
/// differential test's refused-token scenario): it stops the socket itself, fetches a fresh token, and opens the next
/// socket at once, whose <c>Connect</c> carries no close reason (the close was the client's own).
/// </summary>
public sealed class ConvexClientReauthenticationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Jwt(string subject)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part("""{"alg":"none"}""")}.{Part($$"""{"sub":"{{subject}}","iat":{{now}},"exp":{{now + 3600}}}""")}.sig";
    }

    [Fact]
    public async Task AnAuthErrorStopsTheSocketAndReconnectsAtOnceWithoutACloseReason()
    {
        // The server below never closes the socket and the backoff is long: only the client's own stop and immediate
        // restart can bring the second connection within the wait.
        await using var c = new InMemoryClient(o =>
        {
            o.ReconnectDelayScale = 100;
            o.MaxReconnectDelay = TimeSpan.FromMinutes(5);
        });
        var tokens = new List<string>();
        c.Client.SetAuth((_, _) =>
        {
            lock (tokens)
            {
                tokens.Add(Jwt("t" + tokens.Count));
                return ValueTask.FromResult<string?>(tokens[^1]);
            }
        });
        await c.WaitForAsync(() => Authenticates(c).Count == 2);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);

        c.Transport.SendRaw("""{"type":"AuthError","error":"token rejected","baseVersion":1,"authUpdateAttempted":true}""");
        await c.WaitForAsync(() => c.Transport.Connections == 2 && c.Client.ConnectionState == ConvexConnectionState.Connected);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);

        var secondSocket = c.Transport.ClientFrames.SkipWhile(f => !f.Contains("\"connectionCount\":1", StringComparison.Ordinal)).ToList();
        Assert.Contains("\"lastCloseReason\":null", secondSocket[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"Authenticate\",\"baseVersion\":0,\"tokenType\":\"User\"", secondSocket[1], StringComparison.Ordinal);
        lock (tokens)
        {
            Assert.Equal(3, tokens.Count);
            Assert.Contains(tokens[2], secondSocket[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClearingAuthDuringReauthenticationReconnects()
    {
        await using var c = new InMemoryClient(o =>
        {
            o.ReconnectDelayScale = 100;
            o.MaxReconnectDelay = TimeSpan.FromMinutes(5);
        });
        var fetches = 0;
        var stuck = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Client.SetAuth((_, _) => Interlocked.Increment(ref fetches) is var n && n <= 2 ? ValueTask.FromResult<string?>(Jwt("t" + n)) : new ValueTask<string?>(stuck.Task));
        await c.WaitForAsync(() => Authenticates(c).Count == 2);

        // The re-authentication's token never comes; logging out must not leave the socket stopped.
        c.Transport.SendRaw("""{"type":"AuthError","error":"token rejected","baseVersion":1,"authUpdateAttempted":true}""");
        await c.WaitForAsync(() => Volatile.Read(ref fetches) == 3);
        c.Client.ClearAuth();
        await c.WaitForAsync(() => c.Transport.Connections == 2 && c.Client.ConnectionState == ConvexConnectionState.Connected);
        await c.Client.QueryAsync("counter:all", null, Token).WaitAsync(InMemoryClient.Wait, Token);

        var secondSocket = c.Transport.ClientFrames.SkipWhile(f => !f.Contains("\"connectionCount\":1", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(secondSocket, f => f.Contains("Authenticate", StringComparison.Ordinal));
        stuck.SetResult(null);
    }

    private static List<string> Authenticates(InMemoryClient c) =>
        [.. c.Transport.ClientFrames.Where(f => f.Contains("\"type\":\"Authenticate\"", StringComparison.Ordinal))];
}
