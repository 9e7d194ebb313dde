using System.Collections.Immutable;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Sync;

internal sealed partial class SyncState
{
    private readonly Dictionary<string, LocalQuery> _queriesByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, LocalQuery> _queriesById = [];
    private readonly OrderedDictionary<uint, QuerySetModification> _pendingModifications = [];
    private readonly HashSet<uint> _queriesOlderThanRestart = [];
    private uint _nextQueryId;
    private uint _querySetVersion;

    /// <summary>Gets the snapshot published by the last applied Transition (kept across a reconnect until the next one).</summary>
    public QueryResults LatestResults { get; private set; } = QueryResults.Empty;

    /// <summary>Gets the number of distinct live queries (one per token, however many subscribers).</summary>
    public int QueryCount => _queriesByToken.Count;

    /// <summary>Gets the live queries.</summary>
    public IEnumerable<LocalQuery> Queries => _queriesById.Values;

    /// <summary>
    /// Subscribes to <paramref name="udfPath"/> with <paramref name="args"/>. A token already live just gains a
    /// subscriber; a new one gets a never-reused query id and an <c>Add</c> is sent (base v → v + 1).
    /// </summary>
    /// <exception cref="ArgumentException">The path is not a valid function path.</exception>
    public SubscribeResult Subscribe(string udfPath, ConvexObject args, QueryJournal? journal = null)
    {
        var path = FunctionPath.Canonicalize(udfPath);
        var token = QueryToken.Create(path, args);
        if (_queriesByToken.TryGetValue(token, out var existing))
        {
            existing.Subscribers++;
            return new SubscribeResult(existing.Id, token, IsNew: false);
        }

        var query = new LocalQuery(_nextQueryId++, token, path, args, journal);
        _queriesByToken.Add(token, query);
        _queriesById.Add(query.Id, query);
        ModifyQuerySet(query.ToAdd());
        return new SubscribeResult(query.Id, token, IsNew: true);
    }

    /// <summary>
    /// Drops one subscriber of <paramref name="token"/>; when it was the last, the query is removed (a <c>Remove</c> is
    /// sent and its results are dropped). Returns whether the query was removed.
    /// </summary>
    public bool Unsubscribe(string token)
    {
        if (!_queriesByToken.TryGetValue(token, out var query))
        {
            return false;
        }

        if (--query.Subscribers > 0)
        {
            return false;
        }

        _queriesByToken.Remove(token);
        _queriesById.Remove(query.Id);
        _queriesOlderThanRestart.Remove(query.Id);
        _remoteResults = _remoteResults.Remove(query.Id);
        if (LatestResults.ByQueryId.ContainsKey(query.Id))
        {
            LatestResults = new QueryResults(LatestResults.ByQueryId.Remove(query.Id), LatestResults.Timestamp);
        }

        ModifyQuerySet(new RemoveQuery(query.Id));
        return true;
    }

    public LocalQuery? GetQuery(uint queryId) => _queriesById.GetValueOrDefault(queryId);

    public LocalQuery? GetQuery(string token) => _queriesByToken.GetValueOrDefault(token);

    private void ModifyQuerySet(QuerySetModification modification)
    {
        if (_paused)
        {
            // Buffered and sent as one ModifyQuerySet on resume; an Add and Remove of the same id cancel out.
            if (modification is RemoveQuery && _pendingModifications.Remove(modification.QueryId))
            {
                return;
            }

            _pendingModifications[modification.QueryId] = modification;
            return;
        }

        if (_socket != SocketPhase.Open)
        {
            // No socket: the next open sends the whole set from scratch.
            return;
        }

        Send(new ModifyQuerySetMessage(_querySetVersion, _querySetVersion + 1, [modification]));
        _querySetVersion++;
    }

    private ModifyQuerySetMessage RestartQuerySet()
    {
        _pendingModifications.Clear();
        _queriesOlderThanRestart.Clear();
        var adds = ImmutableArray.CreateBuilder<QuerySetModification>(_queriesById.Count);
        foreach (var query in _queriesById.Values.OrderBy(q => q.Id))
        {
            adds.Add(query.ToAdd());
            _queriesOlderThanRestart.Add(query.Id);
        }

        _querySetVersion = 1;
        return new ModifyQuerySetMessage(0, 1, adds.MoveToImmutable());
    }
}

/// <summary>The outcome of <see cref="SyncState.Subscribe"/>.</summary>
internal readonly record struct SubscribeResult(uint QueryId, string Token, bool IsNew);
