using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Http;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client;

public sealed partial class ConvexClient
{
    /// <summary>Runs a query and returns its value: the first result of a subscription, so it is consistent with every live subscription (and immediate when one is already live).</summary>
    /// <param name="functionPath">The function, such as <c>notes:list</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The query's value (Convex <c>null</c> included).</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="ConvexErrorException">The query threw a <c>ConvexError</c>.</exception>
    /// <exception cref="ConvexFunctionException">The query failed in any other way.</exception>
    /// <exception cref="TimeoutException">No result within <see cref="ConvexClientOptions.Timeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public async Task<ConvexValue> QueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default)
    {
        var result = await QueryOrThrowAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), cancellationToken).ConfigureAwait(false);
        return result.Value!;
    }

    /// <summary>Runs a query and converts its value to <typeparamref name="TResult"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:list</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/> from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> QueryAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var result = await QueryOrThrowAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>Runs a query with typed arguments and a typed value (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments; it must convert to an object.</typeparam>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:list</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> QueryAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var result = await QueryOrThrowAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args, argsTypeInfo), cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>
    /// Runs a query with reflection-based System.Text.Json: <paramref name="args"/> (an anonymous object, a record, a
    /// <see cref="ConvexObject"/>) is converted with camelCase names unless <paramref name="options"/> say otherwise, and so is the value.
    /// </summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:list</c>.</param>
    /// <param name="args">The arguments; none when <see langword="null"/>.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public async Task<TResult> QueryAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await QueryOrThrowAsync(path, FunctionArgs.FromReflection(args, options), cancellationToken).ConfigureAwait(false);
        return result.GetValue<TResult>(options);
    }

    /// <summary>Runs a query and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of throwing for a failed query.</summary>
    /// <param name="functionPath">The function, such as <c>notes:list</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value, or the error message (and <c>ConvexError</c> data) of the failed query.</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="TimeoutException">No result within <see cref="ConvexClientOptions.Timeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public Task<FunctionResult> TryQueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        QueryCoreAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), cancellationToken);
}
