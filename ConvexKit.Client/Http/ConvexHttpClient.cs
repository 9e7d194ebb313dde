using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvexKit.Client.Http;

/// <summary>
/// Calls Convex functions over the HTTP API (<c>/api/query</c>, <c>/api/mutation</c>, <c>/api/action</c>,
/// <c>/api/query_batch</c>, <c>/api/query_ts</c> and <c>/api/query_at_ts</c>): one request per call, no WebSocket,
/// no subscriptions. Use it for one-shot calls from servers, jobs and scripts; use <see cref="ConvexClient"/> for live
/// queries and read-your-writes ordering.
/// </summary>
/// <remarks>
/// <para>
/// The client is thread-safe and meant to be long-lived. Every call asks for lossless Convex-JSON
/// (<c>"format": "convex_encoded_json"</c>), names this library in the <c>Convex-Client</c> header, honours the
/// caller's <see cref="CancellationToken"/> and a default timeout (<see cref="ConvexHttpClientOptions"/>).
/// </para>
/// <para>
/// Failures are typed: a function that ran and failed throws <see cref="ConvexFunctionException"/> (or
/// <see cref="ConvexErrorException"/> with the <c>ConvexError</c> data); a request the deployment refused, a non-Convex
/// answer, or an unreachable deployment throws <see cref="ConvexRequestException"/>; a call that outlives its timeout
/// throws <see cref="TimeoutException"/>; cancellation throws <see cref="OperationCanceledException"/>. The
/// <c>TryQueryAsync</c>-style methods return function failures as a <see cref="FunctionResult"/> instead.
/// </para>
/// <para>
/// Unlike the JavaScript client, mutations are not queued behind each other: concurrent calls run concurrently, so
/// await a mutation before sending one that must follow it.
/// </para>
/// </remarks>
public sealed class ConvexHttpClient : IDisposable, IFunctionCaller
{
    private readonly ConvexHttpTransport _transport;
    private readonly bool _ownsTransport;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _actionTimeout;
    private volatile HttpAuthorization? _authorization;

    /// <summary>Creates a client for the deployment at <paramref name="deploymentUrl"/> with its own <see cref="HttpClient"/>.</summary>
    /// <param name="deploymentUrl">The deployment URL, such as <c>http://127.0.0.1:3210</c> or <c>https://happy-animal-123.convex.cloud</c>.</param>
    /// <param name="options">Timeouts; defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">
    /// The logger factory for the client's own debug logs (category <c>ConvexKit.Client.Http.ConvexHttpClient</c>) and
    /// the functions' <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>); nothing is logged when
    /// it is <see langword="null"/>. Arguments, results, tokens and keys are never logged.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="deploymentUrl"/> is not an absolute http(s) URL, or an option is out of range.</exception>
    public ConvexHttpClient(Uri deploymentUrl, ConvexHttpClientOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(new HttpEndpoints(deploymentUrl), httpClient: null, options, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/>, e.g. one from <c>IHttpClientFactory</c> with
    /// resilience handlers. The client does not dispose it. Its own <see cref="HttpClient.Timeout"/> still applies, on
    /// top of the timeouts in <paramref name="options"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send through.</param>
    /// <param name="deploymentUrl">The deployment URL; <paramref name="httpClient"/>'s <see cref="HttpClient.BaseAddress"/> when <see langword="null"/>.</param>
    /// <param name="options">Timeouts; defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">
    /// The logger factory for the client's own debug logs (category <c>ConvexKit.Client.Http.ConvexHttpClient</c>) and
    /// the functions' <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>); nothing is logged when
    /// it is <see langword="null"/>. Arguments, results, tokens and keys are never logged.
    /// </param>
    /// <exception cref="ArgumentException">There is no valid deployment URL, or an option is out of range.</exception>
    public ConvexHttpClient(HttpClient httpClient, Uri? deploymentUrl = null, ConvexHttpClientOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(new HttpEndpoints(deploymentUrl ?? BaseAddressOf(httpClient)), httpClient, options, loggerFactory)
    {
    }

    private ConvexHttpClient(HttpEndpoints endpoints, HttpClient? httpClient, ConvexHttpClientOptions? options, ILoggerFactory? loggerFactory)
    {
        options ??= new ConvexHttpClientOptions();
        ConvexOptionsRules.ThrowIfAny(ConvexOptionsRules.Check(options), nameof(ConvexHttpClientOptions));
        _timeout = options.Timeout;
        _actionTimeout = options.ActionTimeout;
        loggerFactory ??= NullLoggerFactory.Instance;
        _transport = new ConvexHttpTransport(
            endpoints, httpClient, loggerFactory.CreateLogger<ConvexHttpClient>(), loggerFactory.CreateLogger(ConvexHttpClientLog.FunctionLogCategory));
        _ownsTransport = true;
    }

    private ConvexHttpClient(ConvexHttpClient parent, HttpAuthorization? authorization)
    {
        _transport = parent._transport;
        _timeout = parent._timeout;
        _actionTimeout = parent._actionTimeout;
        _authorization = authorization;
    }

    /// <summary>Gets the deployment URL (always ending with <c>/</c>).</summary>
    public Uri DeploymentUrl => _transport.Endpoints.DeploymentUrl;

    /// <summary>
    /// Sends <paramref name="token"/> (a user's JWT) as <c>Authorization: Bearer …</c> on every later call of this
    /// instance. On a client shared between users prefer <see cref="WithAuth"/>.
    /// </summary>
    /// <param name="token">The JWT; never logged.</param>
    /// <exception cref="ArgumentException">The token is empty or contains control characters.</exception>
    public void SetAuth(string token) => _authorization = HttpAuthorization.User(token);

    /// <summary>
    /// Sends <paramref name="adminKey"/> as <c>Authorization: Convex …</c> on every later call of this instance, which
    /// may then call internal functions; with <paramref name="actingAs"/> the functions see that user identity.
    /// </summary>
    /// <param name="adminKey">The deployment's admin or deploy key; never logged.</param>
    /// <param name="actingAs">The identity to act as, or <see langword="null"/> for the admin identity itself.</param>
    /// <exception cref="ArgumentException">The key is empty or contains control characters.</exception>
    public void SetAdminAuth(string adminKey, UserIdentityAttributes? actingAs = null) =>
        _authorization = HttpAuthorization.Admin(adminKey, actingAs);

    /// <summary>Stops sending credentials: later calls of this instance are anonymous.</summary>
    public void ClearAuth() => _authorization = null;

    /// <summary>
    /// Returns a client for the same deployment that authenticates as the user with <paramref name="token"/>, sharing
    /// this client's connections. Use it for per-request identities in a server; it lives as long as this client and
    /// need not be disposed.
    /// </summary>
    /// <param name="token">The JWT; never logged.</param>
    /// <returns>A lightweight client with its own credentials.</returns>
    /// <exception cref="ArgumentException">The token is empty or contains control characters.</exception>
    public ConvexHttpClient WithAuth(string token) => new(this, HttpAuthorization.User(token));

    /// <summary>
    /// Returns a client for the same deployment that authenticates with <paramref name="adminKey"/> (optionally acting as
    /// <paramref name="actingAs"/>), sharing this client's connections; it need not be disposed.
    /// </summary>
    /// <param name="adminKey">The deployment's admin or deploy key; never logged.</param>
    /// <param name="actingAs">The identity to act as, or <see langword="null"/> for the admin identity itself.</param>
    /// <returns>A lightweight client with its own credentials.</returns>
    /// <exception cref="ArgumentException">The key is empty or contains control characters.</exception>
    public ConvexHttpClient WithAdminAuth(string adminKey, UserIdentityAttributes? actingAs = null) =>
        new(this, HttpAuthorization.Admin(adminKey, actingAs));

    /// <summary>Disposes the <see cref="HttpClient"/> if this client created it; a caller's <see cref="HttpClient"/> is left alone.</summary>
    public void Dispose()
    {
        if (_ownsTransport)
        {
            _transport.Dispose();
        }
    }

    /// <summary>Describes the client: its deployment and what kind of identity it sends, never the credential.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexHttpClient({DeploymentUrl}, auth: {_authorization?.Description ?? "none"})";

    private static Uri BaseAddressOf(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return httpClient.BaseAddress
            ?? throw new ArgumentException("Pass the deployment URL, or give the HttpClient a BaseAddress.", nameof(httpClient));
    }

    /// <summary>
    /// Runs several queries in one request (<c>/api/query_batch</c>), all at the same database timestamp, so their
    /// results are consistent with each other.
    /// </summary>
    /// <param name="queries">The queries, in the order their results are returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per query, in order; a failed query does not fail the others.</returns>
    /// <exception cref="ArgumentException">A function path is not valid.</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public async Task<ImmutableArray<FunctionResult>> QueryBatchAsync(IEnumerable<ConvexQueryRequest> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var calls = queries.Select(q => (FunctionPath.Canonicalize((q ?? throw new ArgumentException("The batch holds a null query.", nameof(queries))).FunctionPath), FunctionArgs.From(q.Args))).ToList();
        if (calls.Count == 0)
        {
            return [];
        }

        var body = HttpRequestBody.Batch(calls);
        var telemetry = ConvexCallTelemetry.StartBatch(calls.Count, _transport.TelemetryTags);
        ImmutableArray<FunctionResult> results;
        try
        {
            results = await _transport.PostAsync(
                _transport.Endpoints.QueryBatch, body, _authorization, $"query batch of {calls.Count}", _timeout, b => HttpResponseReader.ReadBatch(b, calls.Count), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            telemetry.Fail(ex);
            throw;
        }

        telemetry.Complete(results);
        for (var i = 0; i < calls.Count; i++)
        {
            _transport.LogFunctionLines(ConvexFunctionKind.Query, calls[i].Item1, results[i].LogLines);
        }

        return results;
    }

    /// <summary>
    /// Takes the deployment's current database timestamp (<c>/api/query_ts</c>) as a snapshot; every query run through
    /// the snapshot (<c>/api/query_at_ts</c>) reads the database as of that timestamp, so separate queries see one
    /// consistent state. This is the JavaScript client's <c>consistentQuery</c>, with the snapshot made explicit.
    /// </summary>
    /// <remarks>A deployment keeps only a short history (about 30 seconds), so use a snapshot promptly and then drop it.</remarks>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public async Task<ConvexHttpSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var timestamp = await _transport.PostAsync(
            _transport.Endpoints.QueryTs, body: null, _authorization, "query_ts", _timeout, HttpResponseReader.ReadTimestamp, cancellationToken).ConfigureAwait(false);
        return new ConvexHttpSnapshot(this, timestamp);
    }

    // The queries, mutations and actions over HTTP: the overloads of ConvexClient (their docs are inherited from there),
    // each one call into FunctionCalls; what is this client's own is IFunctionCaller.CallAsync at the end.
    /// <summary>Runs a query and returns its value.</summary>
    /// <inheritdoc cref="ConvexClient.QueryAsync(string, ConvexObject, CancellationToken)" path="/returns|/exception[contains(@cref, 'ConvexErrorException') or contains(@cref, 'ConvexFunctionException')]"/>
    /// <inheritdoc cref="TryQueryAsync(string, ConvexObject, CancellationToken)" path="/param|/exception"/>
    public Task<ConvexValue> QueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Query, functionPath, args, cancellationToken);

    /// <inheritdoc cref="ConvexClient.QueryAsync{TResult}(string, ConvexObject, JsonTypeInfo{TResult}, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> QueryAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Query, functionPath, args, resultTypeInfo, cancellationToken);

    /// <inheritdoc cref="ConvexClient.QueryAsync{TArgs, TResult}(string, TArgs, JsonTypeInfo{TArgs}, JsonTypeInfo{TResult}, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> QueryAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Query, functionPath, args, argsTypeInfo, resultTypeInfo, cancellationToken);

    /// <inheritdoc cref="ConvexClient.QueryAsync{TResult}(string, object, JsonSerializerOptions, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public Task<TResult> QueryAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync<TResult>(this, ConvexFunctionKind.Query, functionPath, args, options, cancellationToken);

    /// <inheritdoc cref="ConvexClient.TryQueryAsync(string, ConvexObject, CancellationToken)" path="/summary|/param|/returns"/>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit (nesting or size).</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public Task<FunctionResult> TryQueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(this, ConvexFunctionKind.Query, functionPath, args, cancellationToken);

    /// <summary>Runs a mutation and returns its value.</summary>
    /// <inheritdoc cref="ConvexClient.MutationAsync(string, ConvexObject, CancellationToken)" path="/returns|/exception[contains(@cref, 'ConvexErrorException') or contains(@cref, 'ConvexFunctionException')]"/>
    /// <inheritdoc cref="TryMutationAsync(string, ConvexObject, CancellationToken)" path="/param|/exception"/>
    public Task<ConvexValue> MutationAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Mutation, functionPath, args, cancellationToken);

    /// <inheritdoc cref="ConvexClient.MutationAsync{TResult}(string, ConvexObject, JsonTypeInfo{TResult}, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> MutationAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Mutation, functionPath, args, resultTypeInfo, cancellationToken);

    /// <inheritdoc cref="ConvexClient.MutationAsync{TArgs, TResult}(string, TArgs, JsonTypeInfo{TArgs}, JsonTypeInfo{TResult}, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> MutationAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Mutation, functionPath, args, argsTypeInfo, resultTypeInfo, cancellationToken);

    /// <inheritdoc cref="ConvexClient.MutationAsync{TResult}(string, object, JsonSerializerOptions, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public Task<TResult> MutationAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync<TResult>(this, ConvexFunctionKind.Mutation, functionPath, args, options, cancellationToken);

    /// <inheritdoc cref="ConvexClient.TryMutationAsync(string, ConvexObject, CancellationToken)" path="/summary|/param|/returns"/>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit (nesting or size).</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public Task<FunctionResult> TryMutationAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(this, ConvexFunctionKind.Mutation, functionPath, args, cancellationToken);

    /// <summary>Runs an action and returns its value.</summary>
    /// <inheritdoc cref="ConvexClient.ActionAsync(string, ConvexObject, CancellationToken)" path="/returns|/exception[contains(@cref, 'ConvexErrorException') or contains(@cref, 'ConvexFunctionException')]"/>
    /// <inheritdoc cref="TryActionAsync(string, ConvexObject, CancellationToken)" path="/param|/exception"/>
    public Task<ConvexValue> ActionAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Action, functionPath, args, cancellationToken);

    /// <inheritdoc cref="ConvexClient.ActionAsync{TResult}(string, ConvexObject, JsonTypeInfo{TResult}, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> ActionAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Action, functionPath, args, resultTypeInfo, cancellationToken);

    /// <inheritdoc cref="ConvexClient.ActionAsync{TArgs, TResult}(string, TArgs, JsonTypeInfo{TArgs}, JsonTypeInfo{TResult}, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public Task<TResult> ActionAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(this, ConvexFunctionKind.Action, functionPath, args, argsTypeInfo, resultTypeInfo, cancellationToken);

    /// <inheritdoc cref="ConvexClient.ActionAsync{TResult}(string, object, JsonSerializerOptions, CancellationToken)" path="/summary|/typeparam|/param|/returns"/>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public Task<TResult> ActionAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync<TResult>(this, ConvexFunctionKind.Action, functionPath, args, options, cancellationToken);

    /// <inheritdoc cref="ConvexClient.TryActionAsync(string, ConvexObject, CancellationToken)" path="/summary|/param|/returns"/>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit (nesting or size).</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.ActionTimeout"/>.</exception>
    public Task<FunctionResult> TryActionAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(this, ConvexFunctionKind.Action, functionPath, args, cancellationToken);

    ConvexServerTags IFunctionCaller.TelemetryTags => _transport.TelemetryTags;

    /// <summary>Each kind posts to its own endpoint; an action waits <see cref="ConvexHttpClientOptions.ActionTimeout"/>, a query or mutation <see cref="ConvexHttpClientOptions.Timeout"/>.</summary>
    Task<FunctionResult> IFunctionCaller.CallAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        var (endpoint, timeout) = kind switch
        {
            ConvexFunctionKind.Query => (_transport.Endpoints.Query, _timeout),
            ConvexFunctionKind.Mutation => (_transport.Endpoints.Mutation, _timeout),
            _ => (_transport.Endpoints.Action, _actionTimeout),
        };
        return _transport.PostFunctionAsync(kind, endpoint, canonicalPath, HttpRequestBody.Call(canonicalPath, args), _authorization, timeout, cancellationToken);
    }

    /// <summary>A query of a <see cref="ConvexHttpSnapshot"/>: at its timestamp (<c>/api/query_at_ts</c>), within <see cref="ConvexHttpClientOptions.Timeout"/>.</summary>
    internal Task<FunctionResult> QueryAtAsync(string canonicalPath, ConvexObject args, ulong timestamp, CancellationToken cancellationToken) =>
        _transport.PostFunctionAsync(ConvexFunctionKind.Query, _transport.Endpoints.QueryAtTs, canonicalPath, HttpRequestBody.Call(canonicalPath, args, timestamp), _authorization, _timeout, cancellationToken);
}
