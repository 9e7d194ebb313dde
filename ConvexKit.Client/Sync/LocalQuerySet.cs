using System.Collections.Immutable;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Sync;

/// <summary>
/// The queries the client is subscribed to (JavaScript <c>LocalSyncState</c>): one per token however many subscribers,
/// never-reused query ids, and the query-set version that numbers the <c>ModifyQuerySet</c> messages of a socket.
/// </summary>
internal sealed class LocalQuerySet
{
    private readonly Dictionary<string, LocalQuery> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, LocalQuery> _byId = [];
    private readonly OrderedDictionary<uint, QuerySetModification> _buffered = [];
    private readonly HashSet<uint> _olderThanRestart = [];
    private uint _nextQueryId;
    private uint _version;

    public int Count => _byToken.Count;

    public IEnumerable<LocalQuery> Queries => _byId.Values;

    /// <summary>Gets a value indicating whether every query live at the last open has been answered (or dropped) since.</summary>
    public bool HasSyncedPastRestart => _olderThanRestart.Count == 0;

    public LocalQuery? Get(uint queryId) => _byId.GetValueOrDefault(queryId);

    public LocalQuery? Get(string token) => _byToken.GetValueOrDefault(token);

    /// <summary>Adds a subscriber; returns the <c>Add</c> to announce when the token is new.</summary>
    public (SubscribeResult Result, AddQuery? Add) Subscribe(string canonicalPath, ConvexObject args, QueryJournal? journal)
    {
        var token = QueryToken.Create(canonicalPath, args);
        if (_byToken.TryGetValue(token, out var existing))
        {
            existing.Subscribers++;
            return (new SubscribeResult(existing.Id, token, IsNew: false), null);
        }

        var query = new LocalQuery(_nextQueryId++, token, canonicalPath, args, journal);
        _byToken.Add(token, query);
        _byId.Add(query.Id, query);
        return (new SubscribeResult(query.Id, token, IsNew: true), query.ToAdd());
    }

    /// <summary>Drops a subscriber; returns the query id when it was the last one and the query is gone.</summary>
    public uint? Unsubscribe(string token)
    {
        if (!_byToken.TryGetValue(token, out var query) || --query.Subscribers > 0)
        {
            return null;
        }

        _byToken.Remove(token);
        _byId.Remove(query.Id);
        _olderThanRestart.Remove(query.Id);
        return query.Id;
    }

    /// <summary>The server answered <paramref name="queryId"/> on this socket.</summary>
    public void Answered(uint queryId) => _olderThanRestart.Remove(queryId);

    /// <summary>Holds a change back while paused; an <c>Add</c> and <c>Remove</c> of the same id cancel out.</summary>
    public void Buffer(QuerySetModification modification)
    {
        if (modification is RemoveQuery && _buffered.Remove(modification.QueryId))
        {
            return;
        }

        _buffered[modification.QueryId] = modification;
    }

    /// <summary>Announces one change on the live socket (base v → v + 1).</summary>
    public ModifyQuerySetMessage Modify(QuerySetModification modification) => new(_version, ++_version, [modification]);

    /// <summary>The end of a pause on a live socket: the buffered changes as one message, if any.</summary>
    public ModifyQuerySetMessage? TakeBuffered()
    {
        if (_buffered.Count == 0)
        {
            return null;
        }

        var message = new ModifyQuerySetMessage(_version, ++_version, [.. _buffered.Values]);
        _buffered.Clear();
        return message;
    }

    public void DropBuffered() => _buffered.Clear();

    /// <summary>A new socket: every live query, with its last journal, as <c>ModifyQuerySet{0→1}</c>.</summary>
    public ModifyQuerySetMessage Restart()
    {
        _buffered.Clear();
        _olderThanRestart.Clear();
        var adds = ImmutableArray.CreateBuilder<QuerySetModification>(_byId.Count);
        foreach (var query in _byId.Values.OrderBy(q => q.Id))
        {
            adds.Add(query.ToAdd());
            _olderThanRestart.Add(query.Id);
        }

        _version = 1;
        return new ModifyQuerySetMessage(0, 1, adds.MoveToImmutable());
    }
}

/// <summary>The outcome of <see cref="SyncState.Subscribe"/>.</summary>
internal readonly record struct SubscribeResult(uint QueryId, string Token, bool IsNew);
