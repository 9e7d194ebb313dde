using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client;

// The queries, mutations and actions over the sync protocol. Every overload is one call into FunctionCalls, shared
// with ConvexHttpClient and ConvexHttpSnapshot; what is this client's own is IFunctionCaller.CallAsync at the end.
// Docs are written once: the query overloads document the parameters, each kind's Try overload the failures outside
// the function; the other overloads, and those of the HTTP surfaces, inherit them.
public sealed partial class ConvexClient : IFunctionCaller
{
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
