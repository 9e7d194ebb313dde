using ConvexKit.Client.Calls;

namespace ConvexKit.Client.Functions;

/// <summary>
/// <see cref="ConvexClient"/> calls that take a generated function reference (<c>ConvexApi.Notes.Create</c>): the
/// path, the argument and value types and their JSON metadata come from the reference, so a call is checked by the
/// compiler against the function's validators. Each is one call into the implementation the string-path overloads
/// share, with the reference's kind, path and metadata.
/// </summary>
public static class ConvexClientFunctionExtensions
{
    /// <summary>Runs a query (see <see cref="ConvexClient.QueryAsync{TArgs, TResult}(string, TArgs, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TArgs}, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TResult}, CancellationToken)"/>).</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="query">The query.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> QueryAsync<TArgs, TResult>(
        this ConvexClient client, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(client ?? throw new ArgumentNullException(nameof(client)), query, args, cancellationToken);

    /// <summary>Runs a query that takes no arguments.</summary>
    /// <inheritdoc cref="QueryAsync{TArgs, TResult}(ConvexClient, QueryReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam[@name='TResult']|/param[@name!='args']|/returns"/>
    public static Task<TResult> QueryAsync<TResult>(
        this ConvexClient client, QueryReference<NoArgs, TResult> query, CancellationToken cancellationToken = default) =>
        client.QueryAsync(query, NoArgs.Value, cancellationToken);

    /// <summary>Runs a query and returns its outcome instead of throwing for a failed query.</summary>
    /// <returns>The value, or the error of the failed query.</returns>
    /// <inheritdoc cref="QueryAsync{TArgs, TResult}(ConvexClient, QueryReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param"/>
    public static Task<FunctionResult<TResult>> TryQueryAsync<TArgs, TResult>(
        this ConvexClient client, QueryReference<TArgs, TResult> query, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(client ?? throw new ArgumentNullException(nameof(client)), query, args, cancellationToken);

    /// <summary>Runs a mutation (see <see cref="ConvexClient.MutationAsync{TArgs, TResult}(string, TArgs, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TArgs}, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TResult}, CancellationToken)"/>).</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="mutation">The mutation.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> MutationAsync<TArgs, TResult>(
        this ConvexClient client, MutationReference<TArgs, TResult> mutation, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(client ?? throw new ArgumentNullException(nameof(client)), mutation, args, cancellationToken);

    /// <summary>Runs a mutation that takes no arguments.</summary>
    /// <inheritdoc cref="MutationAsync{TArgs, TResult}(ConvexClient, MutationReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam[@name='TResult']|/param[@name!='args']|/returns"/>
    public static Task<TResult> MutationAsync<TResult>(
        this ConvexClient client, MutationReference<NoArgs, TResult> mutation, CancellationToken cancellationToken = default) =>
        client.MutationAsync(mutation, NoArgs.Value, cancellationToken);

    /// <summary>Runs a mutation and returns its outcome instead of throwing for a failed mutation.</summary>
    /// <returns>The value, or the error of the failed mutation.</returns>
    /// <inheritdoc cref="MutationAsync{TArgs, TResult}(ConvexClient, MutationReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param"/>
    public static Task<FunctionResult<TResult>> TryMutationAsync<TArgs, TResult>(
        this ConvexClient client, MutationReference<TArgs, TResult> mutation, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(client ?? throw new ArgumentNullException(nameof(client)), mutation, args, cancellationToken);

    /// <summary>Runs an action (see <see cref="ConvexClient.ActionAsync{TArgs, TResult}(string, TArgs, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TArgs}, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TResult}, CancellationToken)"/>).</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="action">The action.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    public static Task<TResult> ActionAsync<TArgs, TResult>(
        this ConvexClient client, ActionReference<TArgs, TResult> action, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.ValueAsync(client ?? throw new ArgumentNullException(nameof(client)), action, args, cancellationToken);

    /// <summary>Runs an action that takes no arguments.</summary>
    /// <inheritdoc cref="ActionAsync{TArgs, TResult}(ConvexClient, ActionReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam[@name='TResult']|/param[@name!='args']|/returns"/>
    public static Task<TResult> ActionAsync<TResult>(
        this ConvexClient client, ActionReference<NoArgs, TResult> action, CancellationToken cancellationToken = default) =>
        client.ActionAsync(action, NoArgs.Value, cancellationToken);

    /// <summary>Runs an action and returns its outcome instead of throwing for a failed action.</summary>
    /// <returns>The value, or the error of the failed action.</returns>
    /// <inheritdoc cref="ActionAsync{TArgs, TResult}(ConvexClient, ActionReference{TArgs, TResult}, TArgs, CancellationToken)" path="/typeparam|/param"/>
    public static Task<FunctionResult<TResult>> TryActionAsync<TArgs, TResult>(
        this ConvexClient client, ActionReference<TArgs, TResult> action, TArgs args, CancellationToken cancellationToken = default) =>
        FunctionCalls.TryAsync(client ?? throw new ArgumentNullException(nameof(client)), action, args, cancellationToken);

    /// <summary>Subscribes to a query; its results stream as <typeparamref name="TResult"/>.</summary>
    /// <typeparam name="TArgs">The arguments record.</typeparam>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="query">The query.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The subscription; dispose it to end it.</returns>
    public static ConvexSubscription<TResult> Subscribe<TArgs, TResult>(this ConvexClient client, QueryReference<TArgs, TResult> query, TArgs args)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        return new ConvexSubscription<TResult>(client.Subscribe(query.Path, args, query.ArgsTypeInfo), query.ResultTypeInfo);
    }

    /// <summary>Subscribes to a query that takes no arguments.</summary>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="query">The query.</param>
    /// <returns>The subscription; dispose it to end it.</returns>
    public static ConvexSubscription<TResult> Subscribe<TResult>(this ConvexClient client, QueryReference<NoArgs, TResult> query) =>
        client.Subscribe(query, NoArgs.Value);

    /// <summary>Looks up a typed subscription's result in a <see cref="ConvexClient.WatchAll"/> snapshot.</summary>
    /// <typeparam name="TResult">The value.</typeparam>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="subscription">The subscription.</param>
    /// <param name="result">Its result in this snapshot.</param>
    /// <returns><see langword="true"/> when the snapshot holds a result for the subscription.</returns>
    public static bool TryGetResult<TResult>(
        this ConvexQuerySetSnapshot snapshot, ConvexSubscription<TResult> subscription, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FunctionResult<TResult>? result)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(subscription);
        if (snapshot.TryGetResult(subscription.Untyped, out var untyped))
        {
            result = subscription.Typed(untyped);
            return true;
        }

        result = null;
        return false;
    }
}
