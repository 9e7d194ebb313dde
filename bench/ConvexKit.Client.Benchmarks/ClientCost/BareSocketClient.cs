using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Unicode;

namespace ConvexKit.Client.Benchmarks.ClientCost;

/// <summary>
/// The floor: a bare <see cref="ClientWebSocket"/> sending the frames a client sends (Connect, one ModifyQuerySet, then
/// Mutations) and waiting, as a client does for read-your-writes, for the MutationResponse and then the Transition. No
/// protocol state, no JSON parsing: the least any client could do on this socket.
/// </summary>
internal sealed class BareSocketClient : IAsyncDisposable
{
    private static readonly byte[] s_transition = Encoding.UTF8.GetBytes("""{"type":"Transition""");
    private static readonly byte[] s_response = Encoding.UTF8.GetBytes("""{"type":"MutationResponse""");

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _send = new byte[4096];
    private readonly byte[] _receive = new byte[1 << 16];
    private uint _requestId;

    public static async Task<BareSocketClient> ConnectAsync(Uri url, string? subscribeToNote)
    {
        var client = new BareSocketClient();
        var sync = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : "ws", Path = "/api/sync" }.Uri;
        await client._socket.ConnectAsync(sync, CancellationToken.None);
        await client.SendAsync($$"""{"type":"Connect","sessionId":"{{Guid.NewGuid()}}","connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}""");
        var add = subscribeToNote is null ? "" : $$"""{"type":"Add","queryId":0,"udfPath":"notes:get","args":[{"id":"{{subscribeToNote}}"}]}""";
        await client.SendAsync($$"""{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{{add}}]}""");
        await client.ReceiveUntilAsync(s_transition);
        return client;
    }

    /// <summary>One mutation: sent, then answered, then covered by a Transition.</summary>
    public async Task UpdateAsync(string noteId, int i)
    {
        Utf8.TryWrite(_send, $$"""{"type":"Mutation","requestId":{{_requestId++}},"udfPath":"notes:update","args":[{"id":"{{noteId}}","title":"floor {{i}}"}]}""", out var written);
        await _socket.SendAsync(_send.AsMemory(0, written), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await ReceiveUntilAsync(s_response);
        await ReceiveUntilAsync(s_transition);
    }

    /// <summary>Waits for the next Transition (a subscriber's view of a write).</summary>
    public Task NextTransitionAsync() => ReceiveUntilAsync(s_transition);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
    }

    private async Task SendAsync(string text)
    {
        var written = Encoding.UTF8.GetBytes(text, _send);
        await _socket.SendAsync(_send.AsMemory(0, written), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    private async Task ReceiveUntilAsync(byte[] prefix)
    {
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(_receive.AsMemory(count), CancellationToken.None);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The scripted server closed the socket.");
            }

            if (_receive.AsSpan(0, count).StartsWith(prefix))
            {
                return;
            }
        }
    }

    public static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
