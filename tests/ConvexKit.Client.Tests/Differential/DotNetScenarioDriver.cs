using System.Text.Json;
using System.Text.Json.Nodes;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>
/// Runs a <see cref="DifferentialScenario"/> with this library's <see cref="ConvexClient"/>, step for step as
/// tests/differential/driver.ts runs it with the npm client (the step kinds are described in tests/differential/README.md).
/// </summary>
internal sealed class DotNetScenarioDriver(DifferentialScenario scenario, Uri deploymentUrl, HttpClient http) : IAsyncDisposable
{
    private static readonly TimeSpan s_stepTimeout = TimeSpan.FromSeconds(20);

    private readonly ConvexClient _client = new(deploymentUrl, new ConvexClientOptions { Timeout = TimeSpan.FromSeconds(40) });
    private readonly Dictionary<string, (ConvexSubscription Subscription, IAsyncEnumerator<FunctionResult> Results)> _subscriptions = [];
    private readonly Dictionary<string, Task<ConvexValue>> _pending = [];
    private readonly Dictionary<string, ConvexValue> _saved = [];
    private readonly List<bool> _authChanges = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var index = 0; index < scenario.Steps.Count; index++)
        {
            var step = scenario.Steps[index];
            var op = Text(step, "op");
            try
            {
                await RunStepAsync(op, step, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{scenario.Name}, step {index} ({op}) failed with the .NET client: {ex.Message}", ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (subscription, results) in _subscriptions.Values)
        {
            await subscription.DisposeAsync();
            await results.DisposeAsync();
        }

        await _client.DisposeAsync();
    }

    private async Task RunStepAsync(string op, JsonObject step, CancellationToken cancellationToken)
    {
        switch (op)
        {
            case "waitConnected":
                await PollAsync(() => _client.ConnectionState == ConvexConnectionState.Connected, () => "the socket to open", cancellationToken);
                break;
            case "subscribe":
                var subscription = _client.Subscribe(Text(step, "path"), Args(step));
                _subscriptions[Text(step, "as")] = (subscription, subscription.GetAsyncEnumerator(cancellationToken));
                break;
            case "waitResult":
                await WaitForResultAsync(Text(step, "sub"), step["expect"]!.AsObject(), cancellationToken);
                break;
            case "unsubscribe":
                var name = Text(step, "sub");
                var (unsubscribed, results) = _subscriptions[name];
                _subscriptions.Remove(name);
                await unsubscribed.DisposeAsync();
                await results.DisposeAsync();
                break;
            case "query":
                await SettleAsync(_client.QueryAsync(Text(step, "path"), Args(step), cancellationToken), step, s_stepTimeout, cancellationToken);
                break;
            case "mutation":
                await SettleAsync(_client.MutationAsync(Text(step, "path"), Args(step), cancellationToken), step, s_stepTimeout, cancellationToken);
                break;
            case "action":
                await SettleAsync(_client.ActionAsync(Text(step, "path"), Args(step), cancellationToken), step, s_stepTimeout, cancellationToken);
                break;
            case "startMutation":
                _pending[Text(step, "as")] = _client.MutationAsync(Text(step, "path"), Args(step), cancellationToken);
                break;
            case "startAction":
                _pending[Text(step, "as")] = _client.ActionAsync(Text(step, "path"), Args(step), cancellationToken);
                break;
            case "await":
                await SettleAsync(_pending[Text(step, "of")], step, 2 * s_stepTimeout, cancellationToken);
                break;
            case "adminAuth":
                var adminKey = scenario.AdminKey ?? throw new InvalidOperationException("The scenario has no adminKey.");
                _client.SetAdminAuth(adminKey, step["actingAs"]?.Deserialize<UserIdentityAttributes>(JsonSerializerOptions.Web));
                break;
            case "tokenAuth":
                SetTokenAuth([.. step["tokens"]!.AsArray().Select(t => t!.GetValue<string>())]);
                break;
            case "waitAuth":
                var authenticated = step["authenticated"]!.GetValue<bool>();
                await PollAsync(() => LastAuthChange == authenticated, () => $"auth to become {authenticated} (changes so far: {string.Join(", ", AuthChanges)})", cancellationToken);
                break;
            case "clearAuth":
                _client.ClearAuth();
                break;
            case "hook":
                using (var response = await http.PostAsync(new Uri(deploymentUrl, $"/_emulator/{Text(step, "name")}"), null, cancellationToken))
                {
                    response.EnsureSuccessStatusCode();
                }

                break;
            case "waitStats":
                await WaitForStatsAsync(step, cancellationToken);
                break;
            case "close":
                await _client.DisposeAsync().AsTask().WaitAsync(s_stepTimeout, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown step kind '{op}'.");
        }
    }

    private bool? LastAuthChange
    {
        get
        {
            lock (_authChanges)
            {
                return _authChanges.Count == 0 ? null : _authChanges[^1];
            }
        }
    }

    private bool[] AuthChanges
    {
        get
        {
            lock (_authChanges)
            {
                return [.. _authChanges];
            }
        }
    }

    /// <summary>A provider that hands out the step's tokens in order (the last one repeatedly), as the npm driver's does.</summary>
    private void SetTokenAuth(IReadOnlyList<string> tokens)
    {
        var calls = 0;
        _client.SetAuth(
            (_, _) => ValueTask.FromResult<string?>(tokens[Math.Min(Interlocked.Increment(ref calls) - 1, tokens.Count - 1)]),
            authenticated =>
            {
                lock (_authChanges)
                {
                    _authChanges.Add(authenticated);
                }
            });
    }

    /// <summary>Awaits a call and checks it against the step's <c>expect</c> / <c>expectError</c>; saves its value under <c>saveAs</c>.</summary>
    private async Task SettleAsync(Task<ConvexValue> call, JsonObject step, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ConvexValue value;
        try
        {
            value = await call.WaitAsync(timeout, cancellationToken);
        }
        catch (ConvexException ex) when (step["expectError"] is JsonObject expectError)
        {
            CheckError(ex, expectError);
            return;
        }

        if (step["expectError"] is { } unexpected)
        {
            throw new InvalidOperationException($"Expected an error {unexpected.ToJsonString()}, but the call succeeded.");
        }

        if (step["expect"] is JsonObject expect && !Matches(value, expect))
        {
            throw new InvalidOperationException($"Expected {expect.ToJsonString()}, got {value}.");
        }

        if (step["saveAs"] is JsonValue saveAs)
        {
            _saved[saveAs.GetValue<string>()] = value;
        }
    }

    /// <summary><c>{"code": C}</c>: a ConvexError whose data.code is C. <c>{"messageIncludes": T}</c>: a message containing T.</summary>
    private static void CheckError(ConvexException error, JsonObject expectError)
    {
        if (expectError["code"] is JsonValue code &&
            !(error is ConvexErrorException convexError && convexError.ErrorData.TryGetField("code", out var actual) &&
              actual is ConvexString s && s.Value == code.GetValue<string>()))
        {
            throw new InvalidOperationException($"Expected a ConvexError with code {code}, got {error.GetType().Name}: {error.Message}", error);
        }

        if (expectError["messageIncludes"] is JsonValue text && !error.Message.Contains(text.GetValue<string>(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected an error mentioning '{text}', got {error.GetType().Name}: {error.Message}", error);
        }
    }

    private async Task WaitForResultAsync(string name, JsonObject expect, CancellationToken cancellationToken)
    {
        var (subscription, results) = _subscriptions[name];
        var latest = subscription.Latest;
        while (latest is not { IsSuccess: true } || !Matches(latest.Value!, expect))
        {
            var moved = await results.MoveNextAsync().AsTask().WaitAsync(s_stepTimeout, cancellationToken);
            latest = moved ? results.Current : throw new InvalidOperationException($"Subscription '{name}' ended; last result: {latest}.");
        }
    }

    /// <summary><c>{"value": V}</c>: the result is V. <c>{"includes": {field: V}}</c>: the result, or one element of it, has those fields.</summary>
    private bool Matches(ConvexValue actual, JsonObject expect)
    {
        if (expect.TryGetPropertyValue("value", out var value))
        {
            return actual == Resolve(value);
        }

        var fields = Resolve(expect["includes"]).AsObject();
        IEnumerable<ConvexValue> candidates = actual is ConvexArray array ? array : [actual];
        return candidates.Any(c => c is ConvexObject obj && fields.All(f => obj.TryGetField(f.Key, out var v) && v == f.Value));
    }

    private async Task WaitForStatsAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var wanted = step.Where(p => p.Key is not ("op" or "note")).ToList();
        var last = "";
        var deadline = DateTime.UtcNow + s_stepTimeout;
        while (true)
        {
            last = await http.GetStringAsync(new Uri(deploymentUrl, "/_emulator/stats"), cancellationToken);
            var stats = JsonNode.Parse(last)!;
            if (wanted.All(w => JsonNode.DeepEquals(stats[w.Key], w.Value)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {s_stepTimeout.TotalSeconds:0} s waiting for stats {new JsonObject(wanted.Select(w => KeyValuePair.Create(w.Key, w.Value?.DeepClone()))).ToJsonString()} (last: {last}).");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    private ConvexObject Args(JsonObject step) => Resolve(step["args"]).AsObject();

    /// <summary>Scenario JSON → Convex value, with every <c>{"$var": name}</c> replaced by the value saved under that name.</summary>
    private ConvexValue Resolve(JsonNode? json) => ConvexValue.Parse(Substitute(json)?.ToJsonString() ?? "null");

    private JsonNode? Substitute(JsonNode? json) => json switch
    {
        JsonObject { Count: 1 } obj when obj["$var"] is JsonValue name => JsonNode.Parse(_saved[name.GetValue<string>()].ToString()),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Substitute(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Substitute)]),
        _ => json?.DeepClone(),
    };

    private static string Text(JsonObject step, string field) =>
        step[field]?.GetValue<string>() ?? throw new InvalidOperationException($"The step has no '{field}'.");

    private static async Task PollAsync(Func<bool> probe, Func<string> what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_stepTimeout;
        while (!probe())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {s_stepTimeout.TotalSeconds:0} s waiting for {what()}.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
