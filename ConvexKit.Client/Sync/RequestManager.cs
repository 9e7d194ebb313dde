using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Sync;

/// <summary>
/// Mutations and actions from enqueue to resolution (JavaScript <c>RequestManager</c>), with flow control neither
/// official client has: at most <see cref="MaxInFlightPerKind"/> mutations and as many actions are unanswered on a
/// socket; the rest wait unsent, in request-id order, and go out as answers come back, on this socket or the next.
/// </summary>
/// <remarks>
/// The limit is the backend's: its sync worker (crates/sync/src/worker.rs) queues a socket's mutations in a channel
/// of <c>OPERATION_QUEUE_BUFFER_SIZE</c> = 1000 and runs them one at a time, and refuses an action once 1000 are
/// running; past either it closes the socket (<c>TooManyConcurrentMutations</c>,
/// <c>TooManyInflightActionsForSingleClient</c>). A request leaves both counts before its response is written, so
/// "sent on this socket and not yet answered on it" never exceeds what the server holds.
/// </remarks>
internal sealed class RequestManager
{
    /// <summary>The most mutations (and, separately, actions) unanswered on one socket.</summary>
    public const int MaxInFlightPerKind = 1000;

    /// <summary>The error of an action whose socket dropped before it answered (the JavaScript client's wording).</summary>
    public const string ConnectionLostMessage = "Connection lost while action was in flight";

    // Unordered (a sorted dictionary cost a node per request); Restart sorts by request id, so replays go out in the
    // order the caller made them.
    private readonly Dictionary<uint, PendingRequest> _requests = [];
    private readonly HashSet<uint> _olderThanRestart = [];
    private readonly HashSet<uint> _mutationsInFlight = [];
    private readonly HashSet<uint> _actionsInFlight = [];
    private readonly Queue<PendingRequest> _unsentMutations = new();
    private readonly Queue<PendingRequest> _unsentActions = new();

    // The Completed mutations, in request-id order: a Transition checks these instead of walking every request.
    private readonly List<PendingRequest> _awaitingTransition = [];
    private uint _nextRequestId;

    public int Count => _requests.Count;

    /// <summary>Gets the number of requests sent on this socket and not yet answered on it.</summary>
    public int InFlightCount => _mutationsInFlight.Count + _actionsInFlight.Count;

    /// <summary>Gets the number of requests waiting to be sent on this socket.</summary>
    public int WaitingCount => _unsentMutations.Count + _unsentActions.Count;

    /// <summary>Gets a value indicating whether every request pending at the last open has been resolved since.</summary>
    public bool HasSyncedPastRestart => _olderThanRestart.Count == 0;

    /// <summary>Queues a request; one counter numbers mutations and actions and is never reset.</summary>
    public uint Add(ConvexFunctionKind kind, string canonicalPath, ConvexObject args)
    {
        var id = _nextRequestId++;
        RequestMessage message = kind == ConvexFunctionKind.Mutation
            ? new MutationMessage(id, canonicalPath, args)
            : new ActionMessage(id, canonicalPath, args);
        var request = new PendingRequest(message, RequestStatus.NotSent);
        _requests.Add(id, request);
        UnsentQueue(request.Kind).Enqueue(request);
        return id;
    }

    /// <summary>
    /// Sends waiting requests in request-id order while the socket has room for their kind (a full mutation window
    /// does not hold back actions). Call only while sending is allowed.
    /// </summary>
    public void Flush(SyncOutput output)
    {
        while (true)
        {
            var mutation = NextSendable(_unsentMutations, _mutationsInFlight);
            var action = NextSendable(_unsentActions, _actionsInFlight);
            var request = mutation is null ? action
                : action is null || mutation.Message.RequestId < action.Message.RequestId ? mutation
                : action;
            if (request is null)
            {
                return;
            }

            UnsentQueue(request.Kind).Dequeue();
            if (request.Status == RequestStatus.NotSent)
            {
                request.Status = RequestStatus.Requested;
            }

            InFlight(request.Kind).Add(request.Message.RequestId);
            output.Send(request.Message);
        }
    }

    /// <summary>
    /// Applies a response. A successful mutation resolves only once a Transition reaches its commit
    /// (<paramref name="commitObserved"/> says whether one already has); failures and actions resolve at once.
    /// Returns whether the response concerned a pending request.
    /// </summary>
    public bool OnResponse(ResponseMessage response, bool commitObserved, SyncOutput output)
    {
        InFlight(response is MutationResponseMessage ? ConvexFunctionKind.Mutation : ConvexFunctionKind.Action).Remove(response.RequestId);
        if (!_requests.TryGetValue(response.RequestId, out var request) || request.Status == RequestStatus.Completed)
        {
            // A replayed mutation can be answered twice, or after a Transition already resolved it (JavaScript ignores these).
            output.Emit(new MessageIgnored($"{response.Type} for request {response.RequestId}, which is no longer pending"));
            return false;
        }

        if (!response.LogLines.IsDefaultOrEmpty)
        {
            output.Emit(new FunctionLogLines(request.Kind, request.Message.UdfPath, response.LogLines));
        }

        var result = response.ToFunctionResult();
        if (response is MutationResponseMessage { Success: true, Ts: { } ts } && !commitObserved)
        {
            request.Status = RequestStatus.Completed;
            request.Result = result;
            request.CommitTs = ts;
            AwaitTransition(request);
            return true;
        }

        Resolve(request, result, output);
        return true;
    }

    /// <summary>A Transition reached <paramref name="ts"/>: mutations answered with a commit at or before it resolve.</summary>
    public void ResolveCompletedUpTo(ulong ts, SyncOutput output)
    {
        var kept = 0;
        for (var i = 0; i < _awaitingTransition.Count; i++)
        {
            var request = _awaitingTransition[i];
            if (request.CommitTs <= ts)
            {
                Resolve(request, request.Result!, output);
            }
            else
            {
                _awaitingTransition[kept++] = request;
            }
        }

        _awaitingTransition.RemoveRange(kept, _awaitingTransition.Count - kept);
    }

    /// <summary>
    /// A new socket: every unresolved mutation is sent again (the server de-duplicates by session and request id, and
    /// the replay makes it transition the new socket past their commits); an action already sent fails, since it may
    /// have run. Nothing is in flight on the new socket yet; <see cref="Flush"/> sends within the limits.
    /// </summary>
    public void Restart(SyncOutput output)
    {
        _mutationsInFlight.Clear();
        _actionsInFlight.Clear();
        _unsentMutations.Clear();
        _unsentActions.Clear();
        _olderThanRestart.Clear();
        _olderThanRestart.UnionWith(_requests.Keys);
        foreach (var request in _requests.Values.OrderBy(r => r.Message.RequestId).ToList())
        {
            if (request.Kind == ConvexFunctionKind.Action && request.Status != RequestStatus.NotSent)
            {
                // An action is not idempotent: it may have run, so it is failed rather than resent.
                Resolve(request, FunctionResult.Failure(ConnectionLostMessage, null, []), output, connectionLost: true);
                continue;
            }

            UnsentQueue(request.Kind).Enqueue(request);
        }
    }

    /// <summary>The head of <paramref name="unsent"/> if its kind has room on the socket.</summary>
    private PendingRequest? NextSendable(Queue<PendingRequest> unsent, HashSet<uint> inFlight)
    {
        while (unsent.TryPeek(out var request) && !_requests.ContainsKey(request.Message.RequestId))
        {
            // Resolved while it waited: an answered mutation whose commit a Transition covered before its replay.
            unsent.Dequeue();
        }

        return inFlight.Count < MaxInFlightPerKind && unsent.TryPeek(out var next) ? next : null;
    }

    private void AwaitTransition(PendingRequest request)
    {
        // Responses come in request-id order on a socket; a replay's may not, so insert in place.
        var index = _awaitingTransition.Count;
        while (index > 0 && _awaitingTransition[index - 1].Message.RequestId > request.Message.RequestId)
        {
            index--;
        }

        _awaitingTransition.Insert(index, request);
    }

    private HashSet<uint> InFlight(ConvexFunctionKind kind) =>
        kind == ConvexFunctionKind.Mutation ? _mutationsInFlight : _actionsInFlight;

    private Queue<PendingRequest> UnsentQueue(ConvexFunctionKind kind) =>
        kind == ConvexFunctionKind.Mutation ? _unsentMutations : _unsentActions;

    private void Resolve(PendingRequest request, FunctionResult result, SyncOutput output, bool connectionLost = false)
    {
        _requests.Remove(request.Message.RequestId);
        _olderThanRestart.Remove(request.Message.RequestId);
        output.Emit(new RequestCompleted(request.Message.RequestId, request.Kind, request.Message.UdfPath, result, connectionLost));
    }
}
