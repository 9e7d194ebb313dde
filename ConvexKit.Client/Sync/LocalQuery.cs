using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Sync;

/// <summary>A query the client is subscribed to, shared by every subscriber with the same token.</summary>
internal sealed class LocalQuery(uint id, string token, string udfPath, ConvexObject args, QueryJournal? journal)
{
    public uint Id { get; } = id;

    public string Token { get; } = token;

    public string UdfPath { get; } = udfPath;

    public ConvexObject Args { get; } = args;

    public int Subscribers { get; set; } = 1;

    /// <summary>Gets or sets the last journal from the server; <see langword="null"/> until one arrives (then omitted on the wire).</summary>
    public QueryJournal? Journal { get; set; } = journal;

    public AddQuery ToAdd() => new(Id, UdfPath, Args, Journal);
}
