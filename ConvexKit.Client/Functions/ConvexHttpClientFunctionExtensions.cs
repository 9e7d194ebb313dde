using ConvexKit.Client.Calls;
using ConvexKit.Client.Http;

namespace ConvexKit.Client.Functions;

/// <summary>
/// <see cref="ConvexHttpClient"/> and <see cref="ConvexHttpSnapshot"/> calls that take a generated function reference:
/// the <see cref="ConvexClientFunctionExtensions"/> overloads over HTTP (a snapshot has only the query ones).
/// </summary>
public static class ConvexHttpClientFunctionExtensions
{
    /// <summary>Runs a query over HTTP.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.QueryAsync{TArgs, TResult}(ConvexClient, QueryReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<TResult> QueryAsync<TArgs, TResult>(
        this ConvexHttpClient client, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(client ?? throw new ArgumentNullException(nameof(client)), query, args, cancellationToken);

    /// <summary>Runs a query that takes no arguments over HTTP.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.QueryAsync{TResult}(ConvexClient, QueryReference{NoArgs, TResult}, CancellationToken)" path="/typeparam|/param|/returns"/>
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
        this ConvexHttpSnapshot snapshot, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(snapshot ?? throw new ArgumentNullException(nameof(snapshot)), query, args, cancellationToken);

    /// <summary>Runs a query that takes no arguments at the snapshot's timestamp.</summary>
    /// <inheritdoc cref="QueryAsync{TArgs, TResult}(ConvexHttpSnapshot, QueryReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam[@name='TResult']|/param[@name!='args']|/returns"/>
    public static Task<TResult> QueryAsync<TResult>(
        this ConvexHttpSnapshot snapshot, QueryReference<NoArgs, TResult> query, CancellationToken cancellationToken = default) =>
        snapshot.QueryAsync(query, NoArgs.Value, cancellationToken);

    /// <summary>Runs a query over HTTP and returns its outcome instead of throwing for a failed query.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.TryQueryAsync{TArgs, TResult}(ConvexClient, QueryReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<FunctionResult<TResult>> TryQueryAsync<TArgs, TResult>(
        this ConvexHttpClient client, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(client ?? throw new ArgumentNullException(nameof(client)), query, args, cancellationToken);

    /// <summary>Runs a mutation over HTTP.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.MutationAsync{TArgs, TResult}(ConvexClient, MutationReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<TResult> MutationAsync<TArgs, TResult>(
        this ConvexHttpClient client, MutationReference<TArgs, TResult> mutation, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(client ?? throw new ArgumentNullException(nameof(client)), mutation, args, cancellationToken);

    /// <summary>Runs a mutation that takes no arguments over HTTP.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.MutationAsync{TResult}(ConvexClient, MutationReference{NoArgs, TResult}, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<TResult> MutationAsync<TResult>(
        this ConvexHttpClient client, MutationReference<NoArgs, TResult> mutation, CancellationToken cancellationToken = default) =>
        client.MutationAsync(mutation, NoArgs.Value, cancellationToken);

    /// <summary>Runs a mutation over HTTP and returns its outcome instead of throwing for a failed mutation.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.TryMutationAsync{TArgs, TResult}(ConvexClient, MutationReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<FunctionResult<TResult>> TryMutationAsync<TArgs, TResult>(
        this ConvexHttpClient client, MutationReference<TArgs, TResult> mutation, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(client ?? throw new ArgumentNullException(nameof(client)), mutation, args, cancellationToken);

    /// <summary>Runs an action over HTTP.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.ActionAsync{TArgs, TResult}(ConvexClient, ActionReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<TResult> ActionAsync<TArgs, TResult>(
        this ConvexHttpClient client, ActionReference<TArgs, TResult> action, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(client ?? throw new ArgumentNullException(nameof(client)), action, args, cancellationToken);

    /// <summary>Runs an action that takes no arguments over HTTP.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.ActionAsync{TResult}(ConvexClient, ActionReference{NoArgs, TResult}, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<TResult> ActionAsync<TResult>(
        this ConvexHttpClient client, ActionReference<NoArgs, TResult> action, CancellationToken cancellationToken = default) =>
        client.ActionAsync(action, NoArgs.Value, cancellationToken);

    /// <summary>Runs an action over HTTP and returns its outcome instead of throwing for a failed action.</summary>
    /// <inheritdoc cref="ConvexClientFunctionExtensions.TryActionAsync{TArgs, TResult}(ConvexClient, ActionReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param|/returns"/>
    public static Task<FunctionResult<TResult>> TryActionAsync<TArgs, TResult>(
        this ConvexHttpClient client, ActionReference<TArgs, TResult> action, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(client ?? throw new ArgumentNullException(nameof(client)), action, args, cancellationToken);
}
