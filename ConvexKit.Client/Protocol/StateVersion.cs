namespace ConvexKit.Client.Protocol;

/// <summary>
/// The version of a connection's synced state: query-set version, identity version and database timestamp
/// (nanoseconds, sent as base64 of 8 little-endian bytes). Every socket starts at <see cref="Initial"/>.
/// </summary>
internal readonly record struct StateVersion(uint QuerySet, uint Identity, ulong Ts)
{
    public static StateVersion Initial => default;

    public override string ToString() => $"{{querySet: {QuerySet}, identity: {Identity}, ts: {Ts}}}";
}
