using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Streaming;
using ConvexKit.Client.Values;

namespace ConvexKit.Client;

/// <summary>
/// A live query: an async stream of its results (values, and failures as <see cref="FunctionResult"/>s, never thrown),
/// from <see cref="ConvexClient.Subscribe(string, ConvexObject)"/>. Dispose it to unsubscribe.
/// </summary>
/// <remarks>
/// <para>
/// Each enumeration starts with the latest known result, when there is one, then yields one result per change. A slow
/// consumer skips intermediate results and always gets the latest (the Rust client's semantics); a reconnect that
/// re-delivers an unchanged result yields nothing. Several enumerations of one subscription each see every change.
/// </para>
/// <para>
/// Subscriptions with the same function and arguments share one server query. Enumeration ends when the subscription
/// or the client is disposed; it throws <see cref="ConvexFatalErrorException"/> if the client stopped on a fatal error.
/// </para>
/// </remarks>
public sealed class ConvexSubscription : IAsyncEnumerable<FunctionResult>, IAsyncDisposable
{
    // Pairs the end of the results with the live-subscriptions metric, so it is counted down exactly once.
    private readonly Lock _gate = new();
    private readonly LatestValueBroadcast<FunctionResult> _results = new(replayLatest: true);
    private readonly Action<ConvexSubscription> _unsubscribe;
    private ConvexServerTags? _liveTelemetry;

    internal ConvexSubscription(ConvexClient owner, string functionPath, ConvexObject args, Action<ConvexSubscription> unsubscribe)
    {
        Owner = owner;
        FunctionPath = functionPath;
        Args = args;
        _unsubscribe = unsubscribe;
    }

    /// <summary>Gets the client the subscription belongs to (query ids mean something only to it).</summary>
    internal ConvexClient Owner { get; }

    /// <summary>Gets the canonical path of the query, such as <c>notes:list</c>.</summary>
    public string FunctionPath { get; }

    /// <summary>Gets the query's arguments.</summary>
    public ConvexObject Args { get; }

    /// <summary>Gets the latest result, or <see langword="null"/> before the first one arrives.</summary>
    public FunctionResult? Latest => _results.Latest;

    /// <summary>Gets a value indicating whether the subscription has ended (disposed, or its client closed).</summary>
    public bool IsCompleted => _results.IsEnded;

    internal uint QueryId { get; set; }

    internal string? Token { get; set; }

    /// <summary>Returns an enumerator that yields the latest result first (if any), then every change.</summary>
    /// <param name="cancellationToken">Stops the enumeration (the subscription stays live).</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<FunctionResult> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _results.Read(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Unsubscribes: the server query is removed once no subscription shares it, and enumerations end.</summary>
    /// <returns>A completed task; unsubscribing does not wait for the server.</returns>
    public ValueTask DisposeAsync()
    {
        if (Complete(null))
        {
            _unsubscribe(this);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Describes the subscription without its arguments or results (which may hold user data).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexSubscription({FunctionPath})";

    /// <summary>Counts the subscription in the active-subscriptions metric until it completes.</summary>
    internal void TrackAsLive(ConvexServerTags telemetry)
    {
        lock (_gate)
        {
            if (_results.IsEnded)
            {
                return;
            }

            _liveTelemetry = telemetry;
        }

        ConvexMetrics.SubscriptionOpened(telemetry);
    }

    internal void Deliver(FunctionResult result) => _results.Publish(result);

    /// <summary>Ends every enumeration, with <paramref name="error"/> when not <see langword="null"/>; returns whether this call ended it.</summary>
    internal bool Complete(Exception? error)
    {
        ConvexServerTags? live;
        lock (_gate)
        {
            if (!_results.End(error))
            {
                return false;
            }

            live = _liveTelemetry;
        }

        if (live is not null)
        {
            ConvexMetrics.SubscriptionClosed(live);
        }

        return true;
    }
}
