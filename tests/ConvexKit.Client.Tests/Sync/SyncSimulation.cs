using ConvexKit.Client.Protocol;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Tests.Support;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Sync;

/// <summary>
/// Runs a <see cref="SyncState"/> against the <see cref="ModelConvexServer"/> under a script of operations (the
/// property test's input) and checks the protocol invariants after every step; throws on the first violation.
/// </summary>
internal sealed class SyncSimulation
{
    private static readonly string[] s_names = ["a", "b", "c"];

    private readonly SyncState _client = new(SyncHarness.SessionId, () => 0);
    private readonly ModelConvexServer _server = new();
    private readonly Queue<ClientMessage> _toServer = new();
    private readonly Queue<ServerMessage> _toClient = new();
    private readonly List<(string Token, uint QueryId)> _handles = [];
    private readonly Dictionary<uint, string> _tokenByQueryId = [];
    private readonly HashSet<string> _retiredTokens = [];
    private readonly Dictionary<uint, ConvexFunctionKind> _requests = [];
    private readonly HashSet<uint> _resolved = [];
    private bool _socketOpen;

    public int Steps { get; private set; }

    public void Run(IEnumerable<int> script)
    {
        Connect();
        foreach (var op in script)
        {
            Step(Math.Abs(op % 13), Math.Abs(op / 13));
            Steps++;
        }

        Quiesce();
        CheckFinalState();
    }

    private void Step(int kind, int arg)
    {
        switch (kind)
        {
            case 0 or 1:
                Subscribe(arg);
                break;
            case 2 when _handles.Count > 0:
                Unsubscribe(arg % _handles.Count);
                break;
            case 3:
                Track(_client.EnqueueMutation("counter:inc", ConvexObject.Of(("name", s_names[arg % s_names.Length]))), ConvexFunctionKind.Mutation);
                break;
            case 4:
                Track(_client.EnqueueMutation(arg % 2 == 0 ? "counter:fail" : "counter:inc", ConvexObject.Of(("name", "z"))), ConvexFunctionKind.Mutation);
                break;
            case 5:
                Track(_client.EnqueueAction("counter:ping", ConvexObject.Empty), ConvexFunctionKind.Action);
                break;
            case 6:
                ToServer(arg % 3 + 1);
                break;
            case 7:
                _server.Connection?.EmitTransition();
                CollectServerOutput();
                break;
            case 8:
                ToClient(arg % 3 + 1);
                break;
            case 9:
                Disconnect();
                break;
            case 10:
                Connect();
                break;
            case 11:
                _server.Connection?.CompleteActions();
                CollectServerOutput();
                break;
            case 12:
                ChangeAuth(arg);
                break;
        }
    }

    private void Subscribe(int arg)
    {
        var path = (arg % 4) switch { 0 => "counter:all", 3 => "counter:broken", _ => "counter:get" };
        var args = path == "counter:get" ? ConvexObject.Of(("name", s_names[arg / 4 % s_names.Length])) : ConvexObject.Empty;
        var result = _client.Subscribe(path, args);
        if (_tokenByQueryId.TryGetValue(result.QueryId, out var known) && known != result.Token)
        {
            throw new ModelViolationException($"Query id {result.QueryId} reused for another token");
        }

        if (result.IsNew && _retiredTokens.Contains(result.Token) && _tokenByQueryId.ContainsKey(result.QueryId))
        {
            throw new ModelViolationException($"A re-subscribed token got its old query id {result.QueryId}");
        }

        _tokenByQueryId[result.QueryId] = result.Token;
        _handles.Add((result.Token, result.QueryId));
        Drain();
    }

    private void Unsubscribe(int index)
    {
        var (token, _) = _handles[index];
        _handles.RemoveAt(index);
        var removed = _client.Unsubscribe(token);
        if (removed != _handles.All(h => h.Token != token))
        {
            throw new ModelViolationException("Unsubscribe removed a query that still has subscribers, or kept one that has none");
        }

        if (removed)
        {
            _retiredTokens.Add(token);
        }

        Drain();
    }

    private void ChangeAuth(int arg)
    {
        if (arg % 3 == 0)
        {
            _client.ClearAuth();
        }
        else
        {
            _client.SetAuth(new AuthenticationToken.User("token-" + (arg % 5)));
        }

        Drain();
    }

    private void Track(uint requestId, ConvexFunctionKind kind)
    {
        if (!_requests.TryAdd(requestId, kind))
        {
            throw new ModelViolationException($"Request id {requestId} reused");
        }

        Drain();
    }

    private void Connect()
    {
        if (_socketOpen)
        {
            return;
        }

        _socketOpen = true;
        _server.Connect();
        Handle(_client.OnSocketOpened());
        Drain();
    }

    private void Disconnect()
    {
        if (!_socketOpen)
        {
            return;
        }

        _socketOpen = false;
        _toServer.Clear();
        _toClient.Clear();
        _server.Disconnect();
        _client.OnSocketClosed("test disconnect");
    }

    private void Drain()
    {
        while (_client.TryDequeueOutgoing(out var message))
        {
            if (!_socketOpen)
            {
                throw new ModelViolationException($"The client produced {message.Type} with no socket");
            }

            _toServer.Enqueue(message);
        }
    }

    private void ToServer(int count)
    {
        for (var i = 0; i < count && _toServer.TryDequeue(out var message); i++)
        {
            if (message is ModifyQuerySetMessage modify)
            {
                foreach (var remove in modify.Modifications.OfType<RemoveQuery>())
                {
                    var token = _tokenByQueryId[remove.QueryId];
                    if (_handles.Any(h => h.QueryId == remove.QueryId) && _client.GetQuery(token)?.Id == remove.QueryId)
                    {
                        throw new ModelViolationException($"Remove sent for query {remove.QueryId}, which still has subscribers");
                    }
                }
            }

            _server.Connection!.Handle(message);
            CollectServerOutput();
        }
    }

    private void CollectServerOutput()
    {
        while (_server.Connection?.Outbox.TryDequeue(out var message) == true)
        {
            _toClient.Enqueue(message);
        }
    }

    private void ToClient(int count)
    {
        for (var i = 0; i < count && _toClient.TryDequeue(out var message); i++)
        {
            Handle(_client.Receive(message));
            Drain();
        }
    }

    private void Handle(IReadOnlyList<SyncEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ReconnectRequired or FatalErrorReceived:
                    throw new ModelViolationException($"The client saw a protocol failure from a correct server: {e}");
                case AuthErrorReceived:
                    throw new ModelViolationException("The model server never rejects auth");
                case RequestCompleted completed:
                    OnCompleted(completed);
                    break;
            }
        }
    }

    private void OnCompleted(RequestCompleted completed)
    {
        if (!_resolved.Add(completed.RequestId))
        {
            throw new ModelViolationException($"Request {completed.RequestId} resolved twice");
        }

        if (_requests[completed.RequestId] != completed.Kind)
        {
            throw new ModelViolationException($"Request {completed.RequestId} resolved as the wrong kind");
        }

        if (completed.Kind == ConvexFunctionKind.Mutation && completed.Result.IsSuccess)
        {
            var commitTs = _server.CommitTsByRequest[(SyncHarness.SessionId, completed.RequestId)];
            if (_client.RemoteVersion.Ts < commitTs)
            {
                throw new ModelViolationException(
                    $"Mutation {completed.RequestId} resolved at ts {_client.RemoteVersion.Ts}, before its commit at {commitTs}");
            }
        }

        if (completed.ConnectionLost && completed.Kind != ConvexFunctionKind.Action)
        {
            throw new ModelViolationException("Only actions fail on a lost connection");
        }
    }

    private void Quiesce()
    {
        Connect();
        for (var round = 0; round < 50; round++)
        {
            ToServer(int.MaxValue);
            _server.Connection!.CompleteActions();
            var emitted = _server.Connection.EmitTransition();
            CollectServerOutput();
            var hadWork = _toClient.Count > 0 || emitted;
            ToClient(int.MaxValue);
            if (!hadWork && _toServer.Count == 0)
            {
                return;
            }
        }

        throw new ModelViolationException("The client and server did not settle");
    }

    private void CheckFinalState()
    {
        var unresolved = _requests.Keys.Where(id => !_resolved.Contains(id)).ToList();
        if (unresolved.Count > 0)
        {
            throw new ModelViolationException($"Requests never resolved: {string.Join(", ", unresolved)}");
        }

        foreach (var count in _server.Executions.Values.Where(c => c != 1))
        {
            throw new ModelViolationException($"A mutation ran {count} times");
        }

        var clientIds = _client.Queries.Select(q => q.Id).Order().ToList();
        var serverIds = _server.Connection!.Live.Keys.Order().ToList();
        if (!clientIds.SequenceEqual(serverIds))
        {
            throw new ModelViolationException($"Client queries [{string.Join(",", clientIds)}] ≠ server queries [{string.Join(",", serverIds)}]");
        }

        if (_client.QueryCount != _handles.Select(h => h.Token).Distinct().Count())
        {
            throw new ModelViolationException("The client's query set does not match the live subscriptions");
        }

        foreach (var query in _client.Queries)
        {
            var result = _client.LatestResults.Get(query.Id) ?? throw new ModelViolationException($"No result for live query {query.Id}");
            if (query.UdfPath != "counter:broken" && !result.Value!.Equals(_server.Evaluate(query.UdfPath, query.Args)))
            {
                throw new ModelViolationException($"Query {query.Id} shows {result.Value} after settling");
            }
        }

        if (!_client.HasSyncedPastLastReconnect)
        {
            throw new ModelViolationException("Settled, but the client still waits for answers from before its last reconnect");
        }
    }
}
