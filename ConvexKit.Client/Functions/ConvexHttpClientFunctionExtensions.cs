using ConvexKit.Client.Http;

namespace ConvexKit.Client.Functions;

/// <summary><see cref="ConvexHttpClient"/> and <see cref="ConvexHttpSnapshot"/> calls that take a generated function reference.</summary>
public static class ConvexHttpClientFunctionExtensions
{
    /// <summary>Runs a query over HTTP.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="query">The query.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> QueryAsync<TArgs, TResult>(
        this ConvexHttpClient client, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        return client.QueryAsync(query.Path, args, query.ArgsTypeInfo, query.ResultTypeInfo, cancellationToken);
    }

    /// <summary>Runs a query that takes no arguments over HTTP.</summary>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> QueryAsync<TResult>(
        this ConvexHttpClient client, QueryReference<NoArgs, TResult> query, CancellationToken cancellationToken = default) =>
        client.QueryAsync(query, NoArgs.Value, cancellationToken);

    /// <summary>Runs a query at the snapshot's timestamp.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="query">The query.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> QueryAsync<TArgs, TResult>(
        this ConvexHttpSnapshot snapshot, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        return snapshot.QueryAsync(query.Path, args, query.ArgsTypeInfo, query.ResultTypeInfo, cancellationToken);
    }

    /// <summary>Runs a query that takes no arguments at the snapshot's timestamp.</summary>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> QueryAsync<TResult>(
        this ConvexHttpSnapshot snapshot, QueryReference<NoArgs, TResult> query, CancellationToken cancellationToken = default) =>
        snapshot.QueryAsync(query, NoArgs.Value, cancellationToken);

    /// <summary>Runs a mutation over HTTP.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="mutation">The mutation.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> MutationAsync<TArgs, TResult>(
        this ConvexHttpClient client, MutationReference<TArgs, TResult> mutation, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mutation);
        return client.MutationAsync(mutation.Path, args, mutation.ArgsTypeInfo, mutation.ResultTypeInfo, cancellationToken);
    }

    /// <summary>Runs a mutation that takes no arguments over HTTP.</summary>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="mutation">The mutation.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> MutationAsync<TResult>(
        this ConvexHttpClient client, MutationReference<NoArgs, TResult> mutation, CancellationToken cancellationToken = default) =>
        client.MutationAsync(mutation, NoArgs.Value, cancellationToken);

    /// <summary>Runs an action over HTTP.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="action">The action.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> ActionAsync<TArgs, TResult>(
        this ConvexHttpClient client, ActionReference<TArgs, TResult> action, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(action);
        return client.ActionAsync(action.Path, args, action.ArgsTypeInfo, action.ResultTypeInfo, cancellationToken);
    }

    /// <summary>Runs an action that takes no arguments over HTTP.</summary>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="action">The action.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> ActionAsync<TResult>(
        this ConvexHttpClient client, ActionReference<NoArgs, TResult> action, CancellationToken cancellationToken = default) =>
        client.ActionAsync(action, NoArgs.Value, cancellationToken);

    /// <summary>Runs a query over HTTP and returns its outcome instead of throwing for a failed query.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="query">The query.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value, or the error of the failed query.</returns>
    public static async Task<FunctionResult<TResult>> TryQueryAsync<TArgs, TResult>(
        this ConvexHttpClient client, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        var result = await client.TryQueryAsync(query.Path, ConvexClientFunctionExtensions.FunctionArgsOf(query, args), cancellationToken).ConfigureAwait(false);
        return new FunctionResult<TResult>(result, query.ResultTypeInfo);
    }

    /// <summary>Runs a mutation over HTTP and returns its outcome instead of throwing for a failed mutation.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="mutation">The mutation.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value, or the error of the failed mutation.</returns>
    public static async Task<FunctionResult<TResult>> TryMutationAsync<TArgs, TResult>(
        this ConvexHttpClient client, MutationReference<TArgs, TResult> mutation, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(mutation);
        var result = await client.TryMutationAsync(mutation.Path, ConvexClientFunctionExtensions.FunctionArgsOf(mutation, args), cancellationToken).ConfigureAwait(false);
        return new FunctionResult<TResult>(result, mutation.ResultTypeInfo);
    }

    /// <summary>Runs an action over HTTP and returns its outcome instead of throwing for a failed action.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="action">The action.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value, or the error of the failed action.</returns>
    public static async Task<FunctionResult<TResult>> TryActionAsync<TArgs, TResult>(
        this ConvexHttpClient client, ActionReference<TArgs, TResult> action, TArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(action);
        var result = await client.TryActionAsync(action.Path, ConvexClientFunctionExtensions.FunctionArgsOf(action, args), cancellationToken).ConfigureAwait(false);
        return new FunctionResult<TResult>(result, action.ResultTypeInfo);
    }
}
