using System.Net;
using System.Net.Sockets;

namespace ConvexKit.Client.Benchmarks.Live;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of the emulator, so a benchmark can cut every client connection at a chosen
/// moment (as a network failure would, with a reset) and see when each client connects again. It treats both clients
/// alike, needs nothing from either, and records accept times on the wall clock, which node and .NET share.
/// </summary>
internal sealed class DropProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<Socket> _sockets = [];
    private readonly List<DateTime> _accepted = [];
    private Task _accepting = Task.CompletedTask;

    private DropProxy(Uri target) => _target = new DnsEndPoint(target.Host, target.Port);

    /// <summary>The deployment URL to give clients instead of the emulator's.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public static DropProxy Start(Uri target)
    {
        var proxy = new DropProxy(target);
        proxy._listener.Start();
        proxy._accepting = proxy.AcceptAsync();
        return proxy;
    }

    /// <summary>When (UTC) each client connection was accepted, in order.</summary>
    public IReadOnlyList<DateTime> AcceptedAt
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    /// <summary>Resets every connection, both sides.</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            foreach (var socket in _sockets)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }

            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        DropAll();
        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var acceptedAt = DateTime.UtcNow;
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            await server.ConnectAsync(_target, _stopping.Token);
            lock (_gate)
            {
                _accepted.Add(acceptedAt);
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = ForwardAsync(client, server);
            _ = ForwardAsync(server, client);
        }
    }

    private static async Task ForwardAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Dropped, or the other side went away: the pair is done.
        }
    }
}
