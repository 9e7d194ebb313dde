namespace ConvexKit.Client.Protocol;

/// <summary>
/// <c>Connect</c>: the first frame on every socket. The session id stays the same across reconnects so the server
/// de-duplicates replayed mutations.
/// </summary>
internal sealed record ConnectMessage(
    Guid SessionId,
    uint ConnectionCount,
    string? LastCloseReason,
    long ClientTs,
    ulong? MaxObservedTimestamp) : ClientMessage
{
    public const string InitialConnectReason = "InitialConnect";

    public override string Type => "Connect";
}
