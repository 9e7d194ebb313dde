using ConvexKit.Client.Sync;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Engine;

/// <summary>
/// Routes what the sync state resolves to the callers waiting for it: mutation and action results to their tasks,
/// query results to every subscription of the query. Owned by the engine (one item at a time); not thread-safe.
/// </summary>
internal sealed class RequestRouter(ILogger logger)
{
    private readonly Dictionary<uint, PendingCall> _calls = [];
    private readonly Dictionary<uint, List<ConvexSubscription>> _subscriptions = [];

    public void AddCall(uint requestId, PendingCall call) => _calls[requestId] = call;

    /// <summary>Attaches <paramref name="subscription"/> to its query and hands it the query's latest result, if any.</summary>
    public void AddSubscription(ConvexSubscription subscription, SubscribeResult result, FunctionResult? latest)
    {
        subscription.QueryId = result.QueryId;
        subscription.Token = result.Token;
        if (!_subscriptions.TryGetValue(result.QueryId, out var list))
        {
            _subscriptions[result.QueryId] = list = [];
        }

        list.Add(subscription);
        if (latest is not null)
        {
            subscription.Deliver(latest);
        }
    }

    /// <summary>Detaches <paramref name="subscription"/>; returns its query token, or <see langword="null"/> if it was not attached.</summary>
    public string? RemoveSubscription(ConvexSubscription subscription)
    {
        if (subscription.Token is not { } token || !_subscriptions.TryGetValue(subscription.QueryId, out var list) || !list.Remove(subscription))
        {
            return null;
        }

        if (list.Count == 0)
        {
            _subscriptions.Remove(subscription.QueryId);
        }

        return token;
    }

    public void Deliver(QueriesChanged changed)
    {
        foreach (var queryId in changed.ChangedQueryIds)
        {
            if (_subscriptions.TryGetValue(queryId, out var list) && changed.Results.Get(queryId) is { } result)
            {
                foreach (var subscription in list)
                {
                    subscription.Deliver(result);
                }
            }
        }
    }

    public void Complete(RequestCompleted completed)
    {
        if (!_calls.Remove(completed.RequestId, out var call))
        {
            return;
        }

        logger.RequestResolved(completed.Kind, completed.UdfPath, completed.RequestId,
            completed.ConnectionLost ? "connection lost" : completed.Result.IsSuccess ? "success" : "function failed");
        if (completed.ConnectionLost)
        {
            call.Completion.TrySetException(new ConvexConnectionLostException(completed.UdfPath, completed.Result.ErrorMessage!));
        }
        else
        {
            call.Completion.TrySetResult(completed.Result);
        }
    }

    /// <summary>Fails every waiting call with <paramref name="failure"/> and ends every subscription (with <paramref name="error"/>, if any).</summary>
    public void FailAll(Exception failure, Exception? error)
    {
        foreach (var call in _calls.Values)
        {
            call.Completion.TrySetException(failure);
        }

        _calls.Clear();
        foreach (var subscription in _subscriptions.Values.SelectMany(list => list))
        {
            subscription.Complete(error);
        }

        _subscriptions.Clear();
    }
}
