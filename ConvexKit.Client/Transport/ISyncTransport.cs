namespace ConvexKit.Client.Transport;

/// <summary>
/// Opens sync-protocol connections. The seam between the pump and the network: production uses
/// <see cref="WebSocketSyncTransport"/>, tests an in-memory peer.
/// </summary>
internal interface ISyncTransport
{
    /// <summary>Opens a connection to <paramref name="syncUri"/> (<c>ws(s)://host/api/sync</c>).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (e.g. the connect timeout).</exception>
    Task<ISyncConnection> ConnectAsync(Uri syncUri, CancellationToken cancellationToken);
}

/// <summary>One open connection carrying whole text frames. Send and receive may run concurrently; neither is called concurrently with itself.</summary>
internal interface ISyncConnection : IAsyncDisposable
{
    /// <summary>Sends one text frame.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>Receives the next whole text frame, or how the connection closed.</summary>
    ValueTask<SyncReceiveResult> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Closes the connection normally (best effort; never throws).</summary>
    Task CloseAsync(string reason, CancellationToken cancellationToken);
}

/// <summary>A received frame, or the close that ended the connection.</summary>
/// <param name="Frame">The UTF-8 JSON text of a frame; <see langword="null"/> when the connection closed.</param>
/// <param name="CloseStatus">The close code (1005 when the peer sent none), when closed.</param>
/// <param name="CloseReason">The close reason text, such as <c>InternalServerError</c>, when closed.</param>
internal readonly record struct SyncReceiveResult(byte[]? Frame, int? CloseStatus, string? CloseReason)
{
    /// <summary>Gets, for a frame on an <see cref="System.Buffers.ArrayPool{T}"/> array (see <see cref="Pooled"/>), its length; otherwise -1.</summary>
    public int PooledLength { get; private init; } = -1;

    public bool IsClosed => Frame is null;

    /// <summary>Gets a value indicating whether <see cref="Frame"/> is a pooled array to give back once the frame is parsed.</summary>
    public bool IsPooled => PooledLength >= 0;

    /// <summary>A received frame in the first <paramref name="length"/> bytes of <paramref name="array"/>, rented from the shared pool.</summary>
    public static SyncReceiveResult Pooled(byte[] array, int length) => new(array, null, null) { PooledLength = length };

    public static SyncReceiveResult Closed(int? status, string? reason) => new(null, status, reason);
}
