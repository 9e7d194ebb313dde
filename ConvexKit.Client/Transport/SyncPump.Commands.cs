using ConvexKit.Client.Http;
using ConvexKit.Client.Sync;

namespace ConvexKit.Client.Transport;

internal sealed partial class SyncPump
{
    private readonly Dictionary<uint, PendingCall> _calls = [];
    private readonly Dictionary<uint, List<ConvexSubscription>> _subscriptions = [];

    private void HandleSubscribe(ConvexSubscription subscription)
    {
        if (subscription.IsCompleted)
        {
            return;
        }

        var result = _sync.Subscribe(subscription.FunctionPath, subscription.Args);
        subscription.QueryId = result.QueryId;
        subscription.Token = result.Token;
        if (!_subscriptions.TryGetValue(result.QueryId, out var list))
        {
            _subscriptions[result.QueryId] = list = [];
        }

        list.Add(subscription);
        _logger.Subscribed(subscription.FunctionPath, result.QueryId, result.IsNew);
        if (_sync.LatestResults.Get(result.QueryId) is { } latest)
        {
            subscription.Deliver(latest);
        }
    }

    private void HandleUnsubscribe(ConvexSubscription subscription)
    {
        if (subscription.Token is not { } token || !_subscriptions.TryGetValue(subscription.QueryId, out var list) || !list.Remove(subscription))
        {
            return;
        }

        if (list.Count == 0)
        {
            _subscriptions.Remove(subscription.QueryId);
        }

        var removed = _sync.Unsubscribe(token);
        _logger.Unsubscribed(subscription.FunctionPath, subscription.QueryId, removed);
    }

    private void HandleCall(PendingCall call)
    {
        var requestId = call.Kind == ConvexFunctionKind.Mutation
            ? _sync.EnqueueMutation(call.FunctionPath, call.Args)
            : _sync.EnqueueAction(call.FunctionPath, call.Args);
        _calls[requestId] = call;
    }

    /// <summary>Acts on what the state machine reported.</summary>
    private void Process(IReadOnlyList<SyncEvent> events)
    {
        foreach (var syncEvent in events)
        {
            switch (syncEvent)
            {
                case QueriesChanged changed:
                    _snapshots(changed.Results);
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

                    break;
                case RequestCompleted completed:
                    Complete(completed);
                    break;
                case FunctionLogLines log:
                    var letter = log.Kind switch { ConvexFunctionKind.Query => 'Q', ConvexFunctionKind.Mutation => 'M', _ => 'A' };
                    foreach (var line in log.Lines)
                    {
                        _functionLogger.FunctionLogLine(letter, log.UdfPath, line);
                    }

                    break;
                case AuthConfirmed confirmed:
                    _logger.AuthConfirmed(confirmed.IdentityVersion);
                    OnAuthConfirmed();
                    break;
                case AuthErrorReceived authError:
                    OnAuthError(authError);
                    break;
                case FatalErrorReceived fatal:
                    _logger.FatalError(fatal.Message);
                    Terminate(ConvexFatalErrorException.FromServer(fatal.Message));
                    return;
                case ReconnectRequired reconnect:
                    CloseAndReconnect(reconnect.Reason);
                    return;
                case MessageIgnored ignored:
                    _logger.MessageIgnored(ignored.Description);
                    break;
            }
        }
    }

    private void Complete(RequestCompleted completed)
    {
        if (!_calls.Remove(completed.RequestId, out var call))
        {
            return;
        }

        _logger.RequestResolved(completed.Kind, completed.UdfPath, completed.RequestId,
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

    private async Task StopCoreAsync(StopItem stop)
    {
        // Close gracefully first: cancelling a pending receive would abort the socket instead.
        if (_connection?.Socket is { } socket)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseAsync("ClientClosed", timeout.Token).ConfigureAwait(false);
        }

        Terminate(null);
        _logger.Closed();
        stop.Stopped.TrySetResult();
    }

    /// <summary>Ends the client: no more reconnects; pending calls fail; subscriptions end (with the error, if any).</summary>
    private void Terminate(Exception? error)
    {
        var failure = error ?? new ObjectDisposedException(nameof(ConvexClient));
        Volatile.Write(ref _terminal, failure);
        _inbox.Writer.TryComplete();
        _stopping.Cancel();
        if (_connection is { } connection)
        {
            connection.Watchdog.Dispose();
            connection.Lifetime.Cancel();
            if (error is not null && connection.Socket is { } socket)
            {
                _ = CloseQuietlyAsync(socket, "ClientClosed");
            }
        }

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
        StopAuth();
        _snapshots(null);
        SetState(ConvexConnectionState.Closed, error?.Message);
    }

    private Task RejectAfterStopAsync(PumpItem item)
    {
        switch (item)
        {
            case CallItem call:
                call.Call.Completion.TrySetException(_terminal!);
                break;
            case SubscribeItem subscribe:
                subscribe.Subscription.Complete(_terminal as ConvexFatalErrorException);
                break;
            case StopItem stop:
                stop.Stopped.TrySetResult();
                break;
            case OpenedItem opened:
                return opened.Socket.DisposeAsync().AsTask();
        }

        return Task.CompletedTask;
    }
}
