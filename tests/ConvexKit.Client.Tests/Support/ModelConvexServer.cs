using System.Collections.Immutable;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Support;

/// <summary>
/// A small in-memory Convex server that enforces the server's rules (crates/sync/src/state.rs and worker.rs) and throws
/// <see cref="ModelViolationException"/> when a client breaks one. Data: named counters.
/// Queries: <c>counter:get {name}</c> (a number), <c>counter:all {}</c> (sorted names), <c>counter:broken {}</c> (a
/// ConvexError). Mutations: <c>counter:inc {name}</c>, <c>counter:fail {}</c> (a ConvexError, nothing written).
/// Actions: <c>counter:ping {}</c>, <c>counter:reject {}</c> (a ConvexError), answered when <see cref="ModelConnection.CompleteActions"/> runs.
/// </summary>
internal sealed class ModelConvexServer
{
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Session, uint RequestId), (ulong Ts, ConvexJsonPayload Result)> _sessionMutations = [];

    /// <summary>Gets the latest commit timestamp (nanoseconds, like the real backend).</summary>
    public ulong CommitTs { get; private set; } = 1_000;

    /// <summary>Gets how many times each (session, request id) was executed (not replayed): must stay at 1.</summary>
    public Dictionary<(Guid Session, uint RequestId), int> Executions { get; } = [];

    public Dictionary<(Guid Session, uint RequestId), ulong> CommitTsByRequest { get; } = [];

    public ModelConnection? Connection { get; private set; }

    public ModelConnection Connect() => Connection = new ModelConnection(this);

    public void Disconnect() => Connection = null;

    public ConvexValue Evaluate(string path, ConvexObject args) => path switch
    {
        "counter:get" => (double)_counters.GetValueOrDefault(args["name"].AsString()),
        "counter:all" => new ConvexArray(_counters.Keys.Order(StringComparer.Ordinal).Select(k => (ConvexValue)k)),
        _ => throw new ModelViolationException($"Unknown query {path}"),
    };

    internal (bool Success, ulong? Ts, ConvexJsonPayload Result) RunMutation(Guid? session, MutationMessage mutation)
    {
        if (session is { } s && _sessionMutations.TryGetValue((s, mutation.RequestId), out var done))
        {
            return (true, done.Ts, done.Result);
        }

        if (mutation.UdfPath == "counter:fail")
        {
            return (false, null, ConvexJsonPayload.From(ConvexObject.Of(("code", "NOPE"))));
        }

        if (mutation.UdfPath != "counter:inc")
        {
            throw new ModelViolationException($"Unknown mutation {mutation.UdfPath}");
        }

        var name = mutation.Args["name"].AsString();
        _counters[name] = _counters.GetValueOrDefault(name) + 1;
        CommitTs += 10;
        var result = ConvexJsonPayload.From((double)_counters[name]);
        if (session is { } id)
        {
            _sessionMutations[(id, mutation.RequestId)] = (CommitTs, result);
            Executions[(id, mutation.RequestId)] = Executions.GetValueOrDefault((id, mutation.RequestId)) + 1;
            CommitTsByRequest[(id, mutation.RequestId)] = CommitTs;
        }

        return (true, CommitTs, result);
    }
}

/// <summary>One socket's server-side state.</summary>
internal sealed class ModelConnection(ModelConvexServer server)
{
    private readonly Dictionary<uint, (string Path, ConvexObject Args)> _live = [];
    private readonly HashSet<uint> _removed = [];
    private readonly Dictionary<uint, string> _lastSent = [];
    private readonly List<(uint RequestId, string Path)> _pendingActions = [];
    private uint _receivedQuerySet;
    private uint _receivedIdentity;
    private StateVersion _current = StateVersion.Initial;
    private bool _dirty;

    public Guid? SessionId { get; private set; }

    public AuthenticationToken? Identity { get; private set; }

    public Queue<ServerMessage> Outbox { get; } = new();

    public List<ClientMessage> Received { get; } = [];

    public IReadOnlyDictionary<uint, (string Path, ConvexObject Args)> Live => _live;

    public void Handle(ClientMessage message)
    {
        if (Received.Count == 0 && message is not ConnectMessage)
        {
            throw new ModelViolationException($"The first message must be Connect, not {message.Type}");
        }

        Received.Add(message);
        switch (message)
        {
            case ConnectMessage connect:
                if (Received.Count != 1)
                {
                    throw new ModelViolationException("Connect sent twice on one socket");
                }

                if (connect.MaxObservedTimestamp > server.CommitTs)
                {
                    throw new ModelViolationException("maxObservedTimestamp is ahead of the server");
                }

                SessionId = connect.SessionId;
                break;
            case ModifyQuerySetMessage modify:
                if (modify.BaseVersion != _receivedQuerySet || modify.NewVersion != modify.BaseVersion + 1)
                {
                    throw new ModelViolationException($"BaseVersionMismatch: {modify.BaseVersion}→{modify.NewVersion}, server at {_receivedQuerySet}");
                }

                foreach (var m in modify.Modifications)
                {
                    switch (m)
                    {
                        case AddQuery add when !_live.TryAdd(add.QueryId, (add.UdfPath, add.Args)):
                            throw new ModelViolationException($"Duplicate query ID {add.QueryId}");
                        case AddQuery add:
                            _removed.Remove(add.QueryId);
                            break;
                        case RemoveQuery remove when !_live.Remove(remove.QueryId):
                            throw new ModelViolationException($"Nonexistent query id {remove.QueryId}");
                        case RemoveQuery remove:
                            _removed.Add(remove.QueryId);
                            _lastSent.Remove(remove.QueryId);
                            break;
                    }
                }

                _receivedQuerySet = modify.NewVersion;
                _dirty = true;
                break;
            case AuthenticateMessage authenticate:
                if (authenticate.BaseVersion != _receivedIdentity)
                {
                    throw new ModelViolationException($"Authenticate base {authenticate.BaseVersion}, server at {_receivedIdentity}");
                }

                Identity = authenticate.Token;
                _receivedIdentity++;
                _dirty = true;
                break;
            case MutationMessage mutation:
                var (success, ts, result) = server.RunMutation(SessionId, mutation);
                Outbox.Enqueue(new MutationResponseMessage(
                    mutation.RequestId, success, success ? result : null, success ? null : "[Request ID: 0] Server Error", ts, [], success ? null : result));
                _dirty = true;
                break;
            case ActionMessage action:
                _pendingActions.Add((action.RequestId, action.UdfPath));
                break;
            default:
                throw new ModelViolationException($"Unexpected {message.Type}");
        }
    }

    /// <summary>Answers every action received so far.</summary>
    public void CompleteActions()
    {
        foreach (var (id, path) in _pendingActions)
        {
            Outbox.Enqueue(path == "counter:reject"
                ? new ActionResponseMessage(id, false, null, "Uncaught ConvexError: rejected", [], ConvexJsonPayload.From(ConvexObject.Of(("code", "NOPE"))))
                : new ActionResponseMessage(id, true, ConvexJsonPayload.From(1.0), null, ["[LOG] 'pong'"], null));
        }

        _dirty |= _pendingActions.Count > 0;
        _pendingActions.Clear();
    }

    /// <summary>Sends a Transition if anything changed since the last one (as the backend's update loop does).</summary>
    public bool EmitTransition()
    {
        var end = new StateVersion(_receivedQuerySet, _receivedIdentity, server.CommitTs);
        var modifications = ImmutableArray.CreateBuilder<StateModification>();
        foreach (var id in _removed.Order())
        {
            modifications.Add(new QueryRemoved(id));
        }

        _removed.Clear();
        foreach (var (id, (path, args)) in _live.OrderBy(q => q.Key))
        {
            StateModification modification = path == "counter:broken"
                ? new QueryFailed(id, "[Request ID: 0] Server Error\nUncaught ConvexError: broken", [], null, ConvexJsonPayload.From("broken"))
                : new QueryUpdated(id, ConvexJsonPayload.From(server.Evaluate(path, args)), [], "j" + id);
            var hash = System.Text.Encoding.UTF8.GetString(ServerMessageWriter.Serialize(
                new TransitionMessage(default, default, [modification], null, null)));
            if (_lastSent.GetValueOrDefault(id) != hash)
            {
                _lastSent[id] = hash;
                modifications.Add(modification);
            }
        }

        if (!_dirty && end == _current && modifications.Count == 0)
        {
            return false;
        }

        Outbox.Enqueue(new TransitionMessage(_current, end, modifications.ToImmutable(), 0, 1));
        _current = end;
        _dirty = false;
        return true;
    }
}

internal sealed class ModelViolationException(string message) : Exception(message);
