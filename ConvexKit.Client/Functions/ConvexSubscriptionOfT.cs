using System.Text.Json.Serialization.Metadata;

namespace ConvexKit.Client.Functions;

/// <summary>
/// A live query whose results are read as the query's declared type: each new result, success or failure, as a
/// <see cref="FunctionResult{TResult}"/>. Made by <see cref="ConvexClientFunctionExtensions.Subscribe{TArgs, TResult}(ConvexClient, QueryReference{TArgs, TResult}, TArgs)"/>.
/// </summary>
/// <typeparam name="TResult">The value the query returns.</typeparam>
public sealed class ConvexSubscription<TResult> : IAsyncEnumerable<FunctionResult<TResult>>, IAsyncDisposable
{
    private readonly JsonTypeInfo<TResult> _resultTypeInfo;

    internal ConvexSubscription(ConvexSubscription untyped, JsonTypeInfo<TResult> resultTypeInfo)
    {
        Untyped = untyped;
        _resultTypeInfo = resultTypeInfo;
    }

    /// <summary>Gets the subscription as the client keeps it (for <see cref="ConvexQuerySetSnapshot"/> lookups and the untyped stream).</summary>
    public ConvexSubscription Untyped { get; }

    /// <summary>Gets the most recent result, or <see langword="null"/> before the first.</summary>
    public FunctionResult<TResult>? Latest => Untyped.Latest is { } latest ? Typed(latest) : null;

    /// <summary>Gets a value indicating whether the subscription has ended.</summary>
    public bool IsCompleted => Untyped.IsCompleted;

    /// <summary>Streams the results, the current one first.</summary>
    /// <param name="cancellationToken">Stops the enumeration (not the subscription).</param>
    /// <returns>The results.</returns>
    public async IAsyncEnumerator<FunctionResult<TResult>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var result in Untyped.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return Typed(result);
        }
    }

    /// <summary>Ends the subscription.</summary>
    /// <returns>A task that completes when the server has been told.</returns>
    public ValueTask DisposeAsync() => Untyped.DisposeAsync();

    /// <summary>Names the subscription without its arguments.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Untyped.ToString();

    internal FunctionResult<TResult> Typed(FunctionResult result) => new(result, _resultTypeInfo);
}
