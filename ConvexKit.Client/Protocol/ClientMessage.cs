namespace ConvexKit.Client.Protocol;

/// <summary>A message from the client to the server (protocol doc §1.4). Immutable; serialized by <see cref="ClientMessageWriter"/>.</summary>
internal abstract record ClientMessage
{
    private protected ClientMessage()
    {
    }

    /// <summary>Gets the wire <c>type</c> discriminator.</summary>
    public abstract string Type { get; }
}
