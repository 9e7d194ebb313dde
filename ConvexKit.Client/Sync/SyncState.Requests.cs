using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Sync;

internal sealed partial class SyncState
{
    // Sorted by request id: replays go out in the order the caller made them.
    private readonly SortedDictionary<uint, PendingRequest> _requests = [];
    private readonly HashSet<uint> _requestsOlderThanRestart = [];
    private uint _nextRequestId;

    /// <summary>Gets the number of unresolved mutations and actions.</summary>
    public int PendingRequestCount => _requests.Count;

    /// <summary>Queues a mutation; returns its request id (one counter for mutations and actions, never reset).</summary>
    /// <exception cref="ArgumentException">The path is not a valid function path.</exception>
    public uint EnqueueMutation(string udfPath, ConvexObject args) =>
        Enqueue(new MutationMessage(_nextRequestId, FunctionPath.Canonicalize(udfPath), args));

    /// <summary>Queues an action; returns its request id.</summary>
    /// <exception cref="ArgumentException">The path is not a valid function path.</exception>
    public uint EnqueueAction(string udfPath, ConvexObject args) =>
        Enqueue(new ActionMessage(_nextRequestId, FunctionPath.Canonicalize(udfPath), args));

    private uint Enqueue(RequestMessage message)
    {
        _nextRequestId++;
        var sent = CanSend;
        _requests.Add(message.RequestId, new PendingRequest(message, sent ? RequestStatus.Requested : RequestStatus.NotSent));
        Send(message);
        return message.RequestId;
    }

    private void OnResponse(ResponseMessage response)
    {
        if (!_requests.TryGetValue(response.RequestId, out var request) || request.Status == RequestStatus.Completed)
        {
            // A replayed mutation can be answered twice, or after a Transition already resolved it (JavaScript ignores these).
            Emit(new MessageIgnored($"{response.Type} for request {response.RequestId}, which is no longer pending"));
            return;
        }

        var kind = request.Kind;
        var path = request.Message.UdfPath;
        if (!response.LogLines.IsDefaultOrEmpty)
        {
            Emit(new FunctionLogLines(kind, path, response.LogLines));
        }

        var result = response.ToFunctionResult();
        if (response is MutationResponseMessage { Success: true, Ts: { } ts })
        {
            RaiseMaxObservedTimestamp(ts);

            // Read your writes: resolve only once a Transition at or past the commit has been applied. If one already
            // has been (it can overtake the response), the results the caller can see already include the write.
            if (_socket == SocketPhase.Open && _remoteVersion.Ts >= ts && _transitionsSinceOpen > 0)
            {
                Resolve(request, result);
                return;
            }

            request.Status = RequestStatus.Completed;
            request.Result = result;
            request.CommitTs = ts;
            return;
        }

        // Failures and every action resolve at once: they wrote nothing the client must wait to observe.
        Resolve(request, result);
    }

    private void ResolveCompletedUpTo(ulong ts)
    {
        List<PendingRequest>? done = null;
        foreach (var request in _requests.Values)
        {
            if (request.Status == RequestStatus.Completed && request.CommitTs <= ts)
            {
                (done ??= []).Add(request);
            }
        }

        foreach (var request in done ?? [])
        {
            Resolve(request, request.Result!);
        }
    }

    private void Resolve(PendingRequest request, FunctionResult result, bool connectionLost = false)
    {
        _requests.Remove(request.Message.RequestId);
        _requestsOlderThanRestart.Remove(request.Message.RequestId);
        Emit(new RequestCompleted(request.Message.RequestId, request.Kind, request.Message.UdfPath, result, connectionLost));
    }

    private void RestartRequests()
    {
        _requestsOlderThanRestart.Clear();
        foreach (var id in _requests.Keys)
        {
            _requestsOlderThanRestart.Add(id);
        }

        foreach (var request in _requests.Values.ToList())
        {
            if (request.Status == RequestStatus.NotSent)
            {
                request.Status = RequestStatus.Requested;
                Send(request.Message);
            }
            else if (request.Kind == ConvexFunctionKind.Mutation)
            {
                // Including mutations already answered and waiting for their Transition: the server de-duplicates by
                // (session, request id) and this makes it transition the new socket past their commit.
                Send(request.Message);
            }
            else
            {
                // An action is not idempotent: it may have run, so it is failed rather than resent.
                Resolve(request, FunctionResult.Failure(ConnectionLostMessage, null, []), connectionLost: true);
            }
        }
    }

    private void ResumeRequests()
    {
        foreach (var request in _requests.Values)
        {
            if (request.Status == RequestStatus.NotSent)
            {
                request.Status = RequestStatus.Requested;
                Send(request.Message);
            }
        }
    }
}
