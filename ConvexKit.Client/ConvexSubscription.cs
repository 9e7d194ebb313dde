using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ConvexKit.Client.Diagnostics;
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
    private readonly Lock _gate = new();
    private readonly List<Channel<FunctionResult>> _listeners = [];
    private readonly Action<ConvexSubscription> _unsubscribe;
    private FunctionResult? _latest;
    private ConvexServerTags? _liveTelemetry;
    private Exception? _completion;
    private bool _completed;

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
    public FunctionResult? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Gets a value indicating whether the subscription has ended (disposed, or its client closed).</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    internal uint QueryId { get; set; }

    internal string? Token { get; set; }

    /// <summary>Returns an enumerator that yields the latest result first (if any), then every change.</summary>
    /// <param name="cancellationToken">Stops the enumeration (the subscription stays live).</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<FunctionResult> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        Enumerate(cancellationToken).GetAsyncEnumerator(cancellationToken);

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
            if (_completed)
            {
                return;
            }

            _liveTelemetry = telemetry;
        }

        ConvexMetrics.SubscriptionOpened(telemetry);
    }

    internal void Deliver(FunctionResult result)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _latest = result;
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(result);
            }
        }
    }

    /// <summary>Ends every enumeration, with <paramref name="error"/> when not <see langword="null"/>; returns whether this call ended it.</summary>
    internal bool Complete(Exception? error)
    {
        ConvexServerTags? live;
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            _completion = error;
            foreach (var listener in _listeners)
            {
                listener.Writer.TryComplete(error);
            }

            _listeners.Clear();
            live = _liveTelemetry;
        }

        if (live is not null)
        {
            ConvexMetrics.SubscriptionClosed(live);
        }

        return true;
    }

    // A local iterator keeps [EnumeratorCancellation] off the public signature.
    private async IAsyncEnumerable<FunctionResult> Enumerate([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<FunctionResult>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        lock (_gate)
        {
            if (_latest is not null)
            {
                channel.Writer.TryWrite(_latest);
            }

            if (_completed)
            {
                channel.Writer.TryComplete(_completion);
            }
            else
            {
                _listeners.Add(channel);
            }
        }

        try
        {
            await foreach (var result in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners.Remove(channel);
            }
        }
    }
}
