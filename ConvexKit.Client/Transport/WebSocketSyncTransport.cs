using System.Net.WebSockets;

namespace ConvexKit.Client.Transport;

/// <summary>The production transport: a <see cref="ClientWebSocket"/> per connection, naming this client in <c>Convex-Client</c>.</summary>
internal sealed class WebSocketSyncTransport : ISyncTransport
{
    public async Task<ISyncConnection> ConnectAsync(Uri syncUri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.SetRequestHeader(ClientVersion.HeaderName, ClientVersion.HeaderValue);

            // .NET answers the server's pings itself; the keep-alive pongs also tell the server the client is alive.
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
            await socket.ConnectAsync(syncUri, cancellationToken).ConfigureAwait(false);
            return new WebSocketSyncConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
