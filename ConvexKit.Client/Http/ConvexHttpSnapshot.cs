using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Http;

/// <summary>
/// A database timestamp taken by <see cref="ConvexHttpClient.GetSnapshotAsync"/>: every query run through it reads the
/// database as of that timestamp (<c>/api/query_at_ts</c>), so several separate queries see one consistent state.
/// It has the query overloads of <see cref="ConvexHttpClient"/> and nothing else: a mutation or action has no
/// timestamp to run at, so the snapshot has no members for them.
/// </summary>
/// <remarks>A deployment keeps only a short history (about 30 seconds), so use a snapshot promptly and then drop it.</remarks>
public sealed class ConvexHttpSnapshot : IFunctionCaller
{
    private readonly ConvexHttpClient _client;

    internal ConvexHttpSnapshot(ConvexHttpClient client, ulong timestamp)
    {
        _client = client;
        Timestamp = timestamp;
    }

    /// <summary>Gets the database timestamp of the snapshot (nanoseconds since the Unix epoch on a real deployment).</summary>
    public ulong Timestamp { get; }

    ConvexServerTags IFunctionCaller.TelemetryTags => ((IFunctionCaller)_client).TelemetryTags;

    /// <summary>Runs a query at the snapshot's timestamp and returns its value.</summary>
    /// <inheritdoc cref="ConvexHttpClient.QueryAsync(string, ConvexObject, CancellationToken)" path="/returns|/exception[contains(@cref, 'ConvexErrorException') or contains(@cref, 'ConvexFunctionException')]"/>
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

    /// <summary>Runs a query at the snapshot's timestamp and returns its outcome, success or function failure, as a <see cref="FunctionResult"/> instead of throwing for a failed query.</summary>
    /// <inheritdoc cref="ConvexHttpClient.TryQueryAsync(string, ConvexObject, CancellationToken)" path="/param|/returns|/exception"/>
    public Task<FunctionResult> TryQueryAsync(string functionPath, ConvexObject? args = null, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(this, ConvexFunctionKind.Query, functionPath, args, cancellationToken);

    /// <summary>Describes the snapshot.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexHttpSnapshot(ts: {Timestamp})";

    /// <summary>Only queries reach here (the snapshot has no other overloads); anything else is a bug in this library.</summary>
    Task<FunctionResult> IFunctionCaller.CallAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken) =>
        kind == ConvexFunctionKind.Query
            ? _client.QueryAtAsync(canonicalPath, args, Timestamp, cancellationToken)
            : throw new NotSupportedException($"A Convex snapshot runs only queries at its timestamp; {canonicalPath} is a {ConvexTelemetryNames.TypeName(kind)}.");
}
