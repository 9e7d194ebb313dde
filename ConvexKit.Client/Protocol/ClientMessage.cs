namespace ConvexKit.Client.Protocol;

/// <summary>A message from the client to the server (npm-packages/convex/src/browser/sync/protocol.ts). Immutable; serialized by <see cref="ClientMessageWriter"/>.</summary>
internal abstract record ClientMessage
{
    private protected ClientMessage()
    {
    }

    /// <summary>Gets the wire <c>type</c> discriminator.</summary>
    public abstract string Type { get; }
}
