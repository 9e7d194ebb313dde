using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Http;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client;

public sealed partial class ConvexClient
{
    /// <summary>Runs a mutation and returns its value once the client has seen a state that includes its writes (read your writes).</summary>
    /// <param name="functionPath">The function, such as <c>notes:create</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the mutation may still run).</param>
    /// <returns>The mutation's value (Convex <c>null</c> included).</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="ConvexErrorException">The mutation threw a <c>ConvexError</c>.</exception>
    /// <exception cref="ConvexFunctionException">The mutation failed in any other way.</exception>
    /// <exception cref="TimeoutException">No result within <see cref="ConvexClientOptions.Timeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public async Task<ConvexValue> MutationAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default)
    {
        var result = await MutationOrThrowAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), cancellationToken).ConfigureAwait(false);
        return result.Value!;
    }

    /// <summary>Runs a mutation and converts its value to <typeparamref name="TResult"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:create</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/> from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> MutationAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var result = await MutationOrThrowAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>Runs a mutation with typed arguments and a typed value (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments; it must convert to an object.</typeparam>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:create</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> MutationAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var result = await MutationOrThrowAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args, argsTypeInfo), cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>
    /// Runs a mutation with reflection-based System.Text.Json: <paramref name="args"/> (an anonymous object, a record, a
    /// <see cref="ConvexObject"/>) is converted with camelCase names unless <paramref name="options"/> say otherwise, and so is the value.
    /// </summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:create</c>.</param>
    /// <param name="args">The arguments; none when <see langword="null"/>.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="MutationAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public async Task<TResult> MutationAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await MutationOrThrowAsync(path, FunctionArgs.FromReflection(args, options), cancellationToken).ConfigureAwait(false);
        return result.GetValue<TResult>(options);
    }

    /// <summary>Runs a mutation and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of throwing for a failed mutation.</summary>
    /// <param name="functionPath">The function, such as <c>notes:create</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value, or the error message (and <c>ConvexError</c> data) of the failed mutation.</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="TimeoutException">No result within <see cref="ConvexClientOptions.Timeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public Task<FunctionResult> TryMutationAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        MutationCoreAsync(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), cancellationToken);
}
