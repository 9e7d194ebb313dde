using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Http;

public sealed partial class ConvexHttpClient
{
    /// <summary>Runs an action and returns its value.</summary>
    /// <param name="functionPath">The function, such as <c>messages:send</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The action's value (Convex <c>null</c> included).</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit (nesting or size).</exception>
    /// <exception cref="ConvexErrorException">The action threw a <c>ConvexError</c>.</exception>
    /// <exception cref="ConvexFunctionException">The action failed in any other way.</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.ActionTimeout"/>.</exception>
    public async Task<ConvexValue> ActionAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await CallOrThrowAsync(ConvexFunctionKind.Action, path, FunctionArgs.From(args), null, cancellationToken).ConfigureAwait(false);
        return result.Value!;
    }

    /// <summary>Runs an action and converts its value to <typeparamref name="TResult"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>ai:summarize</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/> from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> ActionAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await CallOrThrowAsync(ConvexFunctionKind.Action, path, FunctionArgs.From(args), null, cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>Runs an action with typed arguments and a typed value (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments; it must convert to an object.</typeparam>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>ai:summarize</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> ActionAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await CallOrThrowAsync(ConvexFunctionKind.Action, path, FunctionArgs.From(args, argsTypeInfo), null, cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>
    /// Runs an action with reflection-based System.Text.Json: <paramref name="args"/> (an anonymous object, a record, a
    /// <see cref="ConvexObject"/>) is converted with camelCase names unless <paramref name="options"/> say otherwise,
    /// and so is the value.
    /// </summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>ai:summarize</c>.</param>
    /// <param name="args">The arguments; none when <see langword="null"/>.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="ActionAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public async Task<TResult> ActionAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await CallOrThrowAsync(ConvexFunctionKind.Action, path, FunctionArgs.FromReflection(args, options), null, cancellationToken).ConfigureAwait(false);
        return result.GetValue<TResult>(options);
    }

    /// <summary>
    /// Runs an action and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of
    /// throwing for a failed function.
    /// </summary>
    /// <param name="functionPath">The function, such as <c>messages:send</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or the error message (and <c>ConvexError</c> data) of the failed action.</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit (nesting or size).</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.ActionTimeout"/>.</exception>
    public Task<FunctionResult> TryActionAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        CallAsync(ConvexFunctionKind.Action, FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), null, cancellationToken);
}
