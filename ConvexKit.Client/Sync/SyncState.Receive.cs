using System.Collections.Immutable;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

internal sealed partial class SyncState
{
    private StateVersion _remoteVersion = StateVersion.Initial;
    private ImmutableDictionary<uint, FunctionResult> _remoteResults = ImmutableDictionary<uint, FunctionResult>.Empty;
    private int _transitionsSinceOpen;

    /// <summary>Gets the version of the last Transition applied on this socket.</summary>
    public StateVersion RemoteVersion => _remoteVersion;

    /// <summary>Applies a server message and returns what the caller must act on.</summary>
    public IReadOnlyList<SyncEvent> Receive(ServerMessage message)
    {
        if (_socket != SocketPhase.Open)
        {
            // A frame that raced the socket's close belongs to a connection whose state is already discarded.
            return [];
        }

        if (_chunks.IsAssembling && message is not TransitionChunkMessage)
        {
            _chunks.Reset();
            Emit(new MessageIgnored($"a partial chunked Transition, interrupted by {message.Type}"));
        }

        switch (message)
        {
            case TransitionMessage transition:
                ApplyTransition(transition);
                break;
            case TransitionChunkMessage chunk:
                ApplyChunk(chunk);
                break;
            case ResponseMessage response:
                OnResponse(response);
                break;
            case AuthErrorMessage authError:
                OnAuthError(authError);
                break;
            case FatalErrorMessage fatal:
                Emit(new FatalErrorReceived(fatal.Error));
                break;
            case PingMessage:
                break;
            default:
                Emit(new MessageIgnored($"a message of unknown type '{message.Type}'"));
                break;
        }

        return TakeEvents();
    }

    private void ApplyChunk(TransitionChunkMessage chunk)
    {
        try
        {
            if (_chunks.Add(chunk) is { } transition)
            {
                ApplyTransition(transition);
            }
        }
        catch (ConvexProtocolException ex)
        {
            Emit(new ReconnectRequired(ex.Message));
        }
    }

    private void ApplyTransition(TransitionMessage transition)
    {
        if (transition.StartVersion != _remoteVersion)
        {
            Emit(new ReconnectRequired($"a Transition starts at {transition.StartVersion}, but the client is at {_remoteVersion}"));
            return;
        }

        RaiseMaxObservedTimestamp(transition.EndVersion.Ts);
        OnTransitionIdentity(transition);

        var previous = LatestResults;
        var results = _remoteResults.ToBuilder();
        var changed = ImmutableArray.CreateBuilder<uint>();
        foreach (var modification in transition.Modifications)
        {
            _queriesOlderThanRestart.Remove(modification.QueryId);
            var query = GetQuery(modification.QueryId);
            if (modification is QueryRemoved)
            {
                results.Remove(modification.QueryId);
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
                Emit(new FunctionLogLines(ConvexFunctionKind.Query, query.UdfPath, logLines));
            }

            results[query.Id] = result;
            if (previous.Get(query.Id) is not { } old || !SameOutcome(old, result))
            {
                changed.Add(query.Id);
            }
        }

        _remoteResults = results.ToImmutable();
        _remoteVersion = transition.EndVersion;
        _transitionsSinceOpen++;
        LatestResults = new QueryResults(_remoteResults, transition.EndVersion.Ts);

        // Subscribers hear about the new results before the mutations those results reflect are reported complete.
        Emit(new QueriesChanged(changed.ToImmutable(), LatestResults));
        ResolveCompletedUpTo(transition.EndVersion.Ts);
    }

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
