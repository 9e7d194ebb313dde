using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Http;

/// <summary>
/// A database timestamp taken by <see cref="ConvexHttpClient.GetSnapshotAsync"/>: every query run through it reads the
/// database as of that timestamp (<c>/api/query_at_ts</c>), so several separate queries see one consistent state.
/// </summary>
/// <remarks>A deployment keeps only a short history (about 30 seconds), so use a snapshot promptly and then drop it.</remarks>
public sealed class ConvexHttpSnapshot
{
    private readonly ConvexHttpClient _client;

    internal ConvexHttpSnapshot(ConvexHttpClient client, ulong timestamp)
    {
        _client = client;
        Timestamp = timestamp;
    }

    /// <summary>Gets the database timestamp of the snapshot (nanoseconds since the Unix epoch on a real deployment).</summary>
    public ulong Timestamp { get; }

    /// <summary>Runs a query at the snapshot's timestamp and returns its value.</summary>
    /// <param name="functionPath">The function, such as <c>notes:list</c> or <c>dir/file:fn</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The query's value (Convex <c>null</c> included).</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexErrorException">The query threw a <c>ConvexError</c>.</exception>
    /// <exception cref="ConvexFunctionException">The query failed in any other way.</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within the client's <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public async Task<ConvexValue> QueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await _client.CallOrThrowAsync(ConvexFunctionKind.Query, path, FunctionArgs.From(args), Timestamp, cancellationToken).ConfigureAwait(false);
        return result.Value!;
    }

    /// <summary>Runs a query at the snapshot's timestamp and converts its value to <typeparamref name="TResult"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:get</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/> from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> QueryAsync<TResult>(
        string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await _client.CallOrThrowAsync(ConvexFunctionKind.Query, path, FunctionArgs.From(args), Timestamp, cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>Runs a query at the snapshot's timestamp with typed arguments and a typed value (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments; it must convert to an object.</typeparam>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:get</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <param name="resultTypeInfo">Metadata for <typeparamref name="TResult"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    public async Task<TResult> QueryAsync<TArgs, TResult>(
        string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await _client.CallOrThrowAsync(ConvexFunctionKind.Query, path, FunctionArgs.From(args, argsTypeInfo), Timestamp, cancellationToken).ConfigureAwait(false);
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>
    /// Runs a query at the snapshot's timestamp with reflection-based System.Text.Json: <paramref name="args"/> (an anonymous object, a record, a
    /// <see cref="ConvexObject"/>) is converted with camelCase names unless <paramref name="options"/> say otherwise,
    /// and so is the value.
    /// </summary>
    /// <typeparam name="TResult">The CLR type of the value.</typeparam>
    /// <param name="functionPath">The function, such as <c>notes:get</c>.</param>
    /// <param name="args">The arguments; none when <see langword="null"/>.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The converted value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent, or the value does not fit <typeparamref name="TResult"/>.</exception>
    /// <inheritdoc cref="QueryAsync(string, ConvexObject, CancellationToken)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public async Task<TResult> QueryAsync<TResult>(
        string functionPath, object? args = null, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = await _client.CallOrThrowAsync(ConvexFunctionKind.Query, path, FunctionArgs.FromReflection(args, options), Timestamp, cancellationToken).ConfigureAwait(false);
        return result.GetValue<TResult>(options);
    }

    /// <summary>
    /// Runs a query at the snapshot's timestamp and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of
    /// throwing for a failed function.
    /// </summary>
    /// <param name="functionPath">The function, such as <c>notes:list</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or the error message (and <c>ConvexError</c> data) of the failed query.</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within the client's <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public Task<FunctionResult> TryQueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        _client.CallAsync(ConvexFunctionKind.Query, FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), Timestamp, cancellationToken);

    /// <summary>Describes the snapshot.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexHttpSnapshot(ts: {Timestamp})";
}
