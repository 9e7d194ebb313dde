using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

/// <summary>
/// The server's side of the query set as this socket last reported it (JavaScript <c>RemoteQuerySet</c>): the version
/// of the last applied Transition, the results it carried, and the snapshot published to subscribers.
/// </summary>
internal sealed class RemoteQuerySet
{
    private readonly TransitionChunkAssembler _chunks = new();
    private ImmutableDictionary<uint, FunctionResult> _results = ImmutableDictionary<uint, FunctionResult>.Empty;
    private int _transitionsSinceOpen;

    /// <summary>Gets the version of the last Transition applied on this socket.</summary>
    public StateVersion Version { get; private set; } = StateVersion.Initial;

    /// <summary>Gets the snapshot published by the last applied Transition (kept across a reconnect until the next one).</summary>
    public QueryResults LatestResults { get; private set; } = QueryResults.Empty;

    public bool IsAssemblingChunks => _chunks.IsAssembling;

    /// <summary>Returns whether a Transition on this socket has already reached <paramref name="ts"/>.</summary>
    public bool HasObserved(ulong ts) => _transitionsSinceOpen > 0 && Version.Ts >= ts;

    /// <summary>A new socket starts from the initial version with no results; the published snapshot stays until its first Transition.</summary>
    public void Restart()
    {
        Version = StateVersion.Initial;
        _results = _results.Clear();
        _transitionsSinceOpen = 0;
        _chunks.Reset();
    }

    public void ResetChunks() => _chunks.Reset();

    /// <summary>Adds a chunk; returns the whole Transition once its last part arrived.</summary>
    /// <exception cref="ConvexProtocolException">The part is out of order or inconsistent.</exception>
    public TransitionMessage? AddChunk(TransitionChunkMessage chunk) => _chunks.Add(chunk);

    /// <summary>Forgets an unsubscribed query's result.</summary>
    public void Remove(uint queryId)
    {
        _results = _results.Remove(queryId);
        if (LatestResults.ByQueryId.ContainsKey(queryId))
        {
            LatestResults = new QueryResults(LatestResults.ByQueryId.Remove(queryId), LatestResults.Timestamp);
        }
    }

    /// <summary>Applies a Transition that starts at <see cref="Version"/>; returns the live queries whose result changed.</summary>
    public ImmutableArray<uint> Apply(TransitionMessage transition, LocalQuerySet local, SyncOutput output)
    {
        var previous = LatestResults;
        // One modification (the usual Transition after a mutation) sets the item directly; a builder pays off for more.
        var results = _results;
        var builder = transition.Modifications.Length > 1 ? _results.ToBuilder() : null;
        var changed = new uint[transition.Modifications.Length];
        var changedCount = 0;
        foreach (var modification in transition.Modifications)
        {
            local.Answered(modification.QueryId);
            var query = local.Get(modification.QueryId);
            if (modification is QueryRemoved)
            {
                if (builder is null)
                {
                    results = results.Remove(modification.QueryId);
                }
                else
                {
                    builder.Remove(modification.QueryId);
                }

                continue;
            }

            if (query is null)
            {
                // Unsubscribed before the server learned of it; its result is of no use.
                continue;
            }

            var (result, journal, logLines) = modification switch
            {
                QueryUpdated u => (FunctionResult.Success(u.Value, OrEmpty(u.LogLines)), u.Journal, u.LogLines),
                QueryFailed f => (FunctionResult.Failure(f.ErrorMessage, f.ErrorData, OrEmpty(f.LogLines)), f.Journal, f.LogLines),
                _ => throw new InvalidOperationException($"Unknown modification {modification.Type}."),
            };
            query.Journal = new QueryJournal(journal);
            if (!logLines.IsDefaultOrEmpty)
            {
                output.Emit(new FunctionLogLines(ConvexFunctionKind.Query, query.UdfPath, logLines));
            }

            if (builder is null)
            {
                results = results.SetItem(query.Id, result);
            }
            else
            {
                builder[query.Id] = result;
            }

            if (previous.Get(query.Id) is not { } old || !SameOutcome(old, result))
            {
                changed[changedCount++] = query.Id;
            }
        }

        _results = builder?.ToImmutable() ?? results;
        Version = transition.EndVersion;
        _transitionsSinceOpen++;
        LatestResults = new QueryResults(_results, transition.EndVersion.Ts);
        return changedCount == 0 ? []
            : ImmutableCollectionsMarshal.AsImmutableArray(changedCount == changed.Length ? changed : changed[..changedCount]);
    }

    private static ImmutableArray<string> OrEmpty(ImmutableArray<string> lines) => lines.IsDefault ? [] : lines;

    private static bool SameOutcome(FunctionResult a, FunctionResult b)
    {
        if (a.IsSuccess != b.IsSuccess)
        {
            return false;
        }

        return a.IsSuccess
            ? a.ValuePayload!.Utf8.SequenceEqual(b.ValuePayload!.Utf8)
            : a.ErrorMessage == b.ErrorMessage &&
              (a.ErrorDataPayload is null
                  ? b.ErrorDataPayload is null
                  : b.ErrorDataPayload is not null && a.ErrorDataPayload.Utf8.SequenceEqual(b.ErrorDataPayload.Utf8));
    }
}
