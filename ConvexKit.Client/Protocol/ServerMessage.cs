namespace ConvexKit.Client.Protocol;

/// <summary>A message from the server to the client (npm-packages/convex/src/browser/sync/protocol.ts). Parsed by <see cref="ServerMessageReader"/>.</summary>
internal abstract record ServerMessage
{
    private protected ServerMessage()
    {
    }

    public abstract string Type { get; }
}

/// <summary><c>Ping</c>: the server's keep-alive after 15 s of silence; it only resets the inactivity watchdog.</summary>
internal sealed record PingMessage : ServerMessage
{
    public static PingMessage Instance { get; } = new();

    public override string Type => "Ping";
}

/// <summary><c>FatalError</c>: a deterministic client error; the server closes the socket next.</summary>
internal sealed record FatalErrorMessage(string Error) : ServerMessage
{
    public override string Type => "FatalError";
}

/// <summary>
/// <c>AuthError</c>: a token was rejected (<see cref="AuthUpdateAttempted"/>) or an accepted identity expired; the
/// server closes the socket next. <see cref="BaseVersion"/> is the server's current identity version.
/// </summary>
internal sealed record AuthErrorMessage(string Error, uint? BaseVersion, bool AuthUpdateAttempted) : ServerMessage
{
    public override string Type => "AuthError";
}

/// <summary>
/// A message whose <c>type</c> this client does not know. It is ignored (and logged), as the JavaScript client
/// ignores unknown types: a newer server may add messages, and every message that changes client state is known.
/// </summary>
internal sealed record UnknownServerMessage(string TypeName) : ServerMessage
{
    public override string Type => TypeName;
}

/// <summary><c>TransitionChunk</c>: one piece of a large Transition (only sent to npm clients ≥ 1.28; supported anyway).</summary>
internal sealed record TransitionChunkMessage(string Chunk, int PartNumber, int TotalParts, string TransitionId) : ServerMessage
{
    public override string Type => "TransitionChunk";
}
