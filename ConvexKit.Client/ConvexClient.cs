using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Http;
using ConvexKit.Client.Streaming;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Transport;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvexKit.Client;

/// <summary>
/// A long-lived, thread-safe client for one Convex deployment over the sync protocol: queries, live subscriptions,
/// mutations and actions on one WebSocket, with the JavaScript client's guarantees.
/// </summary>
/// <remarks>
/// <para>
/// Create one per deployment and share it (register it as a singleton). It connects at once and reconnects forever
/// with jittered backoff; the session id stays the same across reconnects, so mutations in flight are replayed and
/// the server runs each exactly once. A mutation's task completes only after the client has seen a state that
/// includes its writes ("read your writes"), so a query or subscription read afterwards reflects it.
/// </para>
/// <para>
/// Every awaited call takes a <see cref="CancellationToken"/> and has a default timeout
/// (<see cref="ConvexClientOptions.Timeout"/>, <see cref="ConvexClientOptions.ActionTimeout"/>). Cancelling or timing
/// out stops the wait; a mutation already sent may still run. Function failures throw
/// <see cref="ConvexFunctionException"/> (or <see cref="ConvexErrorException"/> with the <c>ConvexError</c> data);
/// the <c>Try…Async</c> methods return them as a <see cref="FunctionResult"/> instead.
/// </para>
/// <para>
/// Internally one background loop owns the protocol state; public members only post work to it, so they never block
/// and may be called from any thread. Events and stream items are delivered off that loop.
/// </para>
/// </remarks>
public sealed class ConvexClient : IAsyncDisposable, IFunctionCaller
{
    /// <summary>The name of the client's <see cref="System.Diagnostics.ActivitySource"/> (see <see cref="ConvexTelemetry"/>).</summary>
    public const string ActivitySourceName = ConvexTelemetry.ActivitySourceName;

    /// <summary>How many unread states a <see cref="WatchConnectionState"/> stream keeps (the oldest give way).</summary>
    internal const int StatesKeptPerWatcher = 16;

    private readonly SyncEngine _engine;
    private readonly ConvexClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConvexServerTags _telemetryTags;
    private readonly LatestValueBroadcast<ConvexConnectionState> _states = new(replayLatest: true, StatesKeptPerWatcher);
    private readonly LatestValueBroadcast<ConvexQuerySetSnapshot> _snapshots = new(replayLatest: false);
    private int _disposed;

    /// <summary>Creates a client for the deployment at <paramref name="deploymentUrl"/> and starts connecting.</summary>
    /// <param name="deploymentUrl">The deployment URL, such as <c>http://127.0.0.1:3210</c> or <c>https://happy-animal-123.convex.cloud</c>.</param>
    /// <param name="options">Timeouts and reconnect settings, copied; defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">
    /// The logger factory for the client's logs (category <c>ConvexKit.Client.ConvexClient</c>) and the functions'
    /// <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>); nothing is logged when it is
    /// <see langword="null"/>. Arguments, results, tokens and keys are never logged.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="deploymentUrl"/> is not an absolute http(s) or ws(s) URL.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names each such option and its allowed range.</exception>
    public ConvexClient(Uri deploymentUrl, ConvexClientOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(deploymentUrl, options, new WebSocketSyncTransport(), loggerFactory)
    {
    }

    internal ConvexClient(Uri deploymentUrl, ConvexClientOptions? options, ISyncTransport transport, ILoggerFactory? loggerFactory = null)
    {
        var syncUri = SyncUri.From(deploymentUrl);
        options ??= new ConvexClientOptions();
        ConvexOptionsRules.ThrowIfAny(ConvexOptionsRules.Check(options), nameof(ConvexClientOptions));
        _telemetryTags = new ConvexServerTags(syncUri, ConvexTelemetryNames.WebSocket);
        DeploymentUrl = deploymentUrl;
        _options = options.Copy();
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ConvexClient>();
        _engine = new SyncEngine(
            transport,
            syncUri,
            _options,
            _logger,
            loggerFactory.CreateLogger(ConvexHttpClientLog.FunctionLogCategory),
            OnStateChanged,
            OnSnapshot);
        _states.Publish(_engine.State);
        _engine.Start();
    }

    /// <summary>Raised when <see cref="ConnectionState"/> changes, on a thread-pool thread; a handler's exception is logged and ignored.</summary>
    public event EventHandler<ConvexConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>Gets the deployment URL.</summary>
    public Uri DeploymentUrl { get; }

    /// <summary>Gets the state of the WebSocket connection.</summary>
    public ConvexConnectionState ConnectionState => _engine.State;

    /// <summary>Gets the session id, kept across reconnects, that lets the server de-duplicate replayed mutations.</summary>
    public Guid SessionId => _engine.SessionId;

    /// <summary>Streams <see cref="ConnectionState"/>: the current state first, then every change, until the client closes.</summary>
    /// <remarks>
    /// Each stream holds at most the last 16 states it has not yet read: a reader that falls further behind (or never
    /// reads) skips the oldest ones, never the latest, so its last item is always the state it would read now.
    /// </remarks>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The states.</returns>
    public IAsyncEnumerable<ConvexConnectionState> WatchConnectionState(CancellationToken cancellationToken = default) => _states.Read(cancellationToken);

    /// <summary>Closes the connection: pending calls fail with <see cref="ObjectDisposedException"/> and subscriptions end.</summary>
    /// <returns>A task that completes once the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _engine.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Describes the client: its deployment and connection state.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexClient({DeploymentUrl}, {ConnectionState})";

    private void OnStateChanged(ConvexConnectionState previous, ConvexConnectionState state, string? reason, int retries)
    {
        _states.Publish(state);
        if (state == ConvexConnectionState.Closed)
        {
            _states.End();
        }

        if (previous == ConvexConnectionState.Connected && state == ConvexConnectionState.Reconnecting)
        {
            ConvexMetrics.ReconnectStarted(_telemetryTags);
        }

        if (ConnectionStateChanged is { } handler)
        {
            var args = new ConvexConnectionStateChangedEventArgs(previous, state, reason, retries);
            ThreadPool.QueueUserWorkItem(
                static state =>
                {
                    try
                    {
                        state.handler(state.client, state.args);
                    }
                    catch (Exception ex)
                    {
                        state.client._logger.StateHandlerFailed(ex);
                    }
                },
                (handler, client: this, args),
                preferLocal: false);
        }
    }

    /// <summary>
    /// Authenticates with JWTs from <paramref name="tokenProvider"/>, as the JavaScript client's <c>setAuth</c>:
    /// the provider is called with <c>forceRefresh: false</c> first (a cached token is fine) while queries and
    /// mutations are held back, then, once the deployment accepts it, with <c>forceRefresh: true</c> for a fresh token,
    /// which is refreshed <see cref="ConvexClientOptions.AuthRefreshLeeway"/> before it expires. When the deployment
    /// rejects a token the provider is asked for a fresh one; after repeated rejections the client continues
    /// unauthenticated and <paramref name="onAuthChange"/> reports <see langword="false"/>.
    /// </summary>
    /// <param name="tokenProvider">
    /// Returns a JWT, or <see langword="null"/> when none can be had (e.g. the user signed out). Its first argument is
    /// <c>forceRefresh</c>: <see langword="true"/> when a cached token must not be returned. Tokens are never logged.
    /// </param>
    /// <param name="onAuthChange">Called (on a thread-pool thread) with <see langword="true"/> once a token is accepted, <see langword="false"/> when auth fails.</param>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void SetAuth(Func<bool, CancellationToken, ValueTask<string?>> tokenProvider, Action<bool>? onAuthChange = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _engine.Post(new SetTokenProviderItem(tokenProvider, onAuthChange));
    }

    /// <summary>Authenticates with a fixed JWT (no refresh: when it expires the client continues unauthenticated).</summary>
    /// <param name="token">The JWT; never logged.</param>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void SetAuth(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        SetAuth((_, _) => ValueTask.FromResult<string?>(token));
    }

    /// <summary>
    /// Authenticates with the deployment's admin or deploy key (<c>tokenType: "Admin"</c>), optionally acting as
    /// <paramref name="actingAs"/>. Admin identities may call internal functions. Meant for trusted servers and tools.
    /// </summary>
    /// <param name="adminKey">The admin key; never logged.</param>
    /// <param name="actingAs">The user identity the functions should see, or <see langword="null"/> for the admin identity itself.</param>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void SetAdminAuth(string adminKey, UserIdentityAttributes? actingAs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(adminKey);
        _engine.Post(new SetAdminAuthItem(adminKey, actingAs));
    }

    /// <summary>Logs out: later queries and mutations run unauthenticated (live queries re-run too).</summary>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void ClearAuth() => _engine.Post(new ClearAuthItem());

    /// <summary>
    /// Subscribes to a query: the returned <see cref="ConvexSubscription"/> streams its results as they change
    /// (<c>await foreach (var result in subscription)</c>), failures included as <see cref="FunctionResult"/>s.
    /// Subscriptions with the same function and arguments share one server query. Dispose it to unsubscribe.
    /// </summary>
    /// <param name="functionPath">The query, such as <c>notes:list</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <returns>The live subscription.</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public ConvexSubscription Subscribe(string functionPath, ConvexObject? args = null) =>
        SubscribeCore(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args));

    /// <summary>Subscribes to a query with typed arguments (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments; it must convert to an object.</typeparam>
    /// <param name="functionPath">The query, such as <c>notes:get</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <returns>The live subscription.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent.</exception>
    /// <inheritdoc cref="Subscribe(string, ConvexObject)" path="/exception"/>
    public ConvexSubscription Subscribe<TArgs>(string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo) =>
        SubscribeCore(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args, argsTypeInfo));

    /// <summary>Subscribes to a query with arguments converted by reflection-based System.Text.Json (camelCase names by default).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments, such as an anonymous object; it must convert to an object.</typeparam>
    /// <param name="functionPath">The query, such as <c>notes:get</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The live subscription.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent.</exception>
    /// <inheritdoc cref="Subscribe(string, ConvexObject)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public ConvexSubscription Subscribe<TArgs>(string functionPath, TArgs args, JsonSerializerOptions? options = null) =>
        SubscribeCore(FunctionPath.Canonicalize(functionPath), FunctionArgs.FromReflection(args, options));

    // live: whether the subscription counts in the active-subscriptions metric (a query's own one does not).
    private ConvexSubscription SubscribeCore(string canonicalPath, ConvexObject args, bool live = true)
    {
        ConvexLimits.CheckArguments(args);
        var subscription = new ConvexSubscription(this, canonicalPath, args, s => _engine.TryPostUnsubscribe(s));
        _engine.Post(new SubscribeItem(subscription));
        if (live)
        {
            subscription.TrackAsLive(_telemetryTags);
        }

        return subscription;
    }

    /// <summary>
    /// Streams a consistent snapshot of every live subscription's result after each server Transition (the Rust
    /// client's <c>watch_all</c>); a slow reader skips to the latest snapshot. The stream ends when the client closes.
    /// </summary>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The snapshots, starting with the next Transition.</returns>
    // Not ConnectionState: the engine ends the snapshots a moment before it reports Closed, and a stream started in
    // between would never end; the broadcast's own end covers that.
    public IAsyncEnumerable<ConvexQuerySetSnapshot> WatchAll(CancellationToken cancellationToken = default) => _snapshots.Read(cancellationToken);

    /// <summary>Called by the pump after every applied Transition, and with <see langword="null"/> when the client closes.</summary>
    private void OnSnapshot(QueryResults? results)
    {
        if (results is null)
        {
            _snapshots.End();
        }
        else if (_snapshots.HasReaders)
        {
            // Only for readers: a stream starts with the next Transition (no replay), so a snapshot nobody reads is
            // never seen, and building one per Transition was garbage on every mutation round trip.
            _snapshots.Publish(new ConvexQuerySetSnapshot(this, results));
        }
    }

    // The queries, mutations and actions over the sync protocol. Every overload is one call into FunctionCalls, shared
    // with ConvexHttpClient and ConvexHttpSnapshot; what is this client's own is IFunctionCaller.CallAsync at the end.
    // Docs are written once: the query overloads document the parameters, each kind's Try overload the failures outside
    // the function; the other overloads, and those of the HTTP surfaces, inherit them.
    /// <summary>Runs a query and returns its value: the first result of a subscription, so it is consistent with every live subscription (and immediate when one is already live).</summary>
    /// <returns>The query's value (Convex <c>null</c> included).</returns>
    /// <exception cref="ConvexErrorException">The query threw a <c>ConvexError</c>.</exception>
    /// <exception cref="ConvexFunctionException">The query failed in any other way.</exception>
    /// <inheritdoc cref="TryQueryAsync(string, ConvexObject, CancellationToken)" path="/param|/exception"/>
    public Task<ConvexValue> QueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Query, functionPath, args, cancellationToken);

    /// <summary>Runs a query and converts its value to <typeparamref name="TResult"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function's path, such as <c>notes:list</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/> from your <see cref="JsonSerializerContext"/>.</param>
    /// <param name="cancellationToken">Stops waiting; a mutation or action already sent may still run.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> QueryAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Query, functionPath, args, resultTypeInfo, cancellationToken);

    /// <summary>Runs a query with typed arguments and a typed value (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments; it must convert to an object.</typeparam>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function's path, such as <c>notes:list</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/>.</param>
    /// <param name="cancellationToken">Stops waiting; a mutation or action already sent may still run.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> QueryAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Query, functionPath, args, argsTypeInfo, resultTypeInfo, cancellationToken);

    /// <summary>
    /// Runs a query with reflection-based System.Text.Json: <paramref name="args"/> (an anonymous object, a record, a
    /// <see cref="ConvexObject"/>) is converted with camelCase names unless <paramref name="options"/> say otherwise, and so is the value.
    /// </summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function's path, such as <c>notes:list</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments; none when <see langword="null"/>.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <param name="cancellationToken">Stops waiting; a mutation or action already sent may still run.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public Task<TResult> QueryAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync<TResult>(this, ConvexFunctionKind.Query, functionPath, args, options, cancellationToken);

    /// <summary>Runs a query and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of throwing for a failed query.</summary>
    /// <returns>The value, or the error message (and <c>ConvexError</c> data) of the failed query.</returns>
    /// <param name="functionPath">The function's path, such as <c>notes:list</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting; a mutation or action already sent may still run.</param>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="TimeoutException">No result within <see cref="ConvexClientOptions.Timeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public Task<FunctionResult> TryQueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(this, ConvexFunctionKind.Query, functionPath, args, cancellationToken);

    /// <summary>Runs a mutation and returns its value once the client has seen a state that includes its writes (read your writes).</summary>
    /// <returns>The mutation's value (Convex <c>null</c> included).</returns>
    /// <exception cref="ConvexErrorException">The mutation threw a <c>ConvexError</c>.</exception>
    /// <exception cref="ConvexFunctionException">The mutation failed in any other way.</exception>
    /// <inheritdoc cref="TryMutationAsync(string, ConvexObject, CancellationToken)" path="/param|/exception"/>
    public Task<ConvexValue> MutationAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Mutation, functionPath, args, cancellationToken);

    /// <summary>Runs a mutation and converts its value to <typeparamref name="TResult"/> (trimming- and AOT-safe).</summary>
    /// <inheritdoc cref="QueryAsync{TResult}(string, ConvexObject, JsonTypeInfo{TResult}, CancellationToken)" path="/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> MutationAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Mutation, functionPath, args, resultTypeInfo, cancellationToken);

    /// <summary>Runs a mutation with typed arguments and a typed value (trimming- and AOT-safe).</summary>
    /// <inheritdoc cref="QueryAsync{TArgs, TResult}(string, TArgs, JsonTypeInfo{TArgs}, JsonTypeInfo{TResult}, CancellationToken)" path="/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> MutationAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Mutation, functionPath, args, argsTypeInfo, resultTypeInfo, cancellationToken);

    /// <summary>
    /// Runs a mutation with reflection-based System.Text.Json: <paramref name="args"/> (an anonymous object, a record, a
    /// <see cref="ConvexObject"/>) is converted with camelCase names unless <paramref name="options"/> say otherwise, and so is the value.
    /// </summary>
    /// <inheritdoc cref="QueryAsync{TResult}(string, object, JsonSerializerOptions, CancellationToken)" path="/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public Task<TResult> MutationAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync<TResult>(this, ConvexFunctionKind.Mutation, functionPath, args, options, cancellationToken);

    /// <summary>Runs a mutation and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of throwing for a failed mutation.</summary>
    /// <returns>The value, or the error message (and <c>ConvexError</c> data) of the failed mutation.</returns>
    /// <inheritdoc cref="TryQueryAsync(string, ConvexObject, CancellationToken)" path="/param"/>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="TimeoutException">No result within <see cref="ConvexClientOptions.Timeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public Task<FunctionResult> TryMutationAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(this, ConvexFunctionKind.Mutation, functionPath, args, cancellationToken);

    /// <summary>Runs an action and returns its value. Actions are not retried: if the connection drops first, the call fails with <see cref="ConvexConnectionLostException"/>.</summary>
    /// <returns>The action's value (Convex <c>null</c> included).</returns>
    /// <exception cref="ConvexErrorException">The action threw a <c>ConvexError</c>.</exception>
    /// <exception cref="ConvexFunctionException">The action failed in any other way.</exception>
    /// <inheritdoc cref="TryActionAsync(string, ConvexObject, CancellationToken)" path="/param|/exception"/>
    public Task<ConvexValue> ActionAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Action, functionPath, args, cancellationToken);

    /// <summary>Runs an action and converts its value to <typeparamref name="TResult"/> (trimming- and AOT-safe).</summary>
    /// <inheritdoc cref="QueryAsync{TResult}(string, ConvexObject, JsonTypeInfo{TResult}, CancellationToken)" path="/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> ActionAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Action, functionPath, args, resultTypeInfo, cancellationToken);

    /// <summary>Runs an action with typed arguments and a typed value (trimming- and AOT-safe).</summary>
    /// <inheritdoc cref="QueryAsync{TArgs, TResult}(string, TArgs, JsonTypeInfo{TArgs}, JsonTypeInfo{TResult}, CancellationToken)" path="/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> ActionAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Action, functionPath, args, argsTypeInfo, resultTypeInfo, cancellationToken);

    /// <summary>
    /// Runs an action with reflection-based System.Text.Json: <paramref name="args"/> (an anonymous object, a record, a
    /// <see cref="ConvexObject"/>) is converted with camelCase names unless <paramref name="options"/> say otherwise, and so is the value.
    /// </summary>
    /// <inheritdoc cref="QueryAsync{TResult}(string, object, JsonSerializerOptions, CancellationToken)" path="/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public Task<TResult> ActionAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync<TResult>(this, ConvexFunctionKind.Action, functionPath, args, options, cancellationToken);

    /// <summary>Runs an action and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of throwing for a failed action.</summary>
    /// <returns>The value, or the error message (and <c>ConvexError</c> data) of the failed action.</returns>
    /// <inheritdoc cref="TryQueryAsync(string, ConvexObject, CancellationToken)" path="/param"/>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="ConvexConnectionLostException">The connection dropped while the action was in flight; it may or may not have run.</exception>
    /// <exception cref="TimeoutException">No result within <see cref="ConvexClientOptions.ActionTimeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public Task<FunctionResult> TryActionAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(this, ConvexFunctionKind.Action, functionPath, args, cancellationToken);

    ConvexServerTags IFunctionCaller.TelemetryTags => _telemetryTags;

    /// <summary>A query waits <see cref="ConvexClientOptions.Timeout"/>, as a mutation does; an action waits <see cref="ConvexClientOptions.ActionTimeout"/>.</summary>
    Task<FunctionResult> IFunctionCaller.CallAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken) => kind switch
    {
        ConvexFunctionKind.Query => FirstQueryResultAsync(canonicalPath, args, _options.Timeout, cancellationToken),
        ConvexFunctionKind.Mutation => RequestAsync(kind, canonicalPath, args, _options.Timeout, cancellationToken),
        _ => RequestAsync(kind, canonicalPath, args, _options.ActionTimeout, cancellationToken),
    };

    /// <summary>A query is a subscription's first result (what the official clients do): cached if already subscribed, consistent with every other result.</summary>
    private async Task<FunctionResult> FirstQueryResultAsync(string canonicalPath, ConvexObject args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var subscription = SubscribeCore(canonicalPath, args, live: false);
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                await using var results = subscription.GetAsyncEnumerator(timeoutSource.Token);
                return await results.MoveNextAsync().ConfigureAwait(false)
                    ? results.Current
                    : throw new ObjectDisposedException(nameof(ConvexClient));
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The Convex query {canonicalPath} did not return within {timeout}.", ex);
            }
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A mutation or action is a request the engine sends and answers (a mutation once its writes are visible).</summary>
    private async Task<FunctionResult> RequestAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ConvexLimits.CheckArguments(args);
        cancellationToken.ThrowIfCancellationRequested();
        var call = new PendingCall(kind, canonicalPath, args);
        _engine.Post(new CallItem(call));
        try
        {
            return await call.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"The Convex {ConvexTelemetryNames.TypeName(kind)} {canonicalPath} did not complete within {timeout}; it may still complete on the server.", ex);
        }
    }
}
