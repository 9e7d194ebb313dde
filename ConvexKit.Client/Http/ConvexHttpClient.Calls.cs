using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Http;

// The queries, mutations and actions over HTTP: the overloads of ConvexClient (their docs are inherited from there),
// each one call into FunctionCalls; what is this client's own is IFunctionCaller.CallAsync at the end.
public sealed partial class ConvexHttpClient : IFunctionCaller
{
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

    ConvexServerTags IFunctionCaller.TelemetryTags => _telemetryTags;

    /// <summary>Each kind posts to its own endpoint; an action waits <see cref="ConvexHttpClientOptions.ActionTimeout"/>, a query or mutation <see cref="ConvexHttpClientOptions.Timeout"/>.</summary>
    Task<FunctionResult> IFunctionCaller.CallAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        var (endpoint, timeout) = kind switch
        {
            ConvexFunctionKind.Query => (_endpoints.Query, _timeout),
            ConvexFunctionKind.Mutation => (_endpoints.Mutation, _timeout),
            _ => (_endpoints.Action, _actionTimeout),
        };
        return PostFunctionAsync(kind, endpoint, canonicalPath, HttpRequestBody.Call(canonicalPath, args), timeout, cancellationToken);
    }

    /// <summary>A query of a <see cref="ConvexHttpSnapshot"/>: at its timestamp (<c>/api/query_at_ts</c>), within <see cref="ConvexHttpClientOptions.Timeout"/>.</summary>
    internal Task<FunctionResult> QueryAtAsync(string canonicalPath, ConvexObject args, ulong timestamp, CancellationToken cancellationToken) =>
        PostFunctionAsync(ConvexFunctionKind.Query, _endpoints.QueryAtTs, canonicalPath, HttpRequestBody.Call(canonicalPath, args, timestamp), _timeout, cancellationToken);
}
