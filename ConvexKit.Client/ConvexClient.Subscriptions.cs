using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client;

public sealed partial class ConvexClient
{
    /// <summary>
    /// Subscribes to a query: the returned <see cref="ConvexSubscription"/> streams its results as they change
    /// (<c>await foreach (var result in subscription)</c>), failures included as <see cref="FunctionResult"/>s.
    /// Subscriptions with the same function and arguments share one server query. Dispose it to unsubscribe.
    /// </summary>
    /// <param name="functionPath">The query, such as <c>notes:list</c>.</param>
    /// <param name="args">The arguments object; none when <see langword="null"/>.</param>
    /// <returns>The live subscription.</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path.</exception>
    /// <exception cref="ConvexValueException">The arguments break a Convex limit.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ConvexFatalErrorException">The client stopped after a fatal protocol error.</exception>
    public ConvexSubscription Subscribe(string functionPath, ConvexObject? args = null) =>
        SubscribeCore(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args));

    /// <summary>Subscribes to a query with typed arguments (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments; it must convert to an object.</typeparam>
    /// <param name="functionPath">The query, such as <c>notes:get</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <returns>The live subscription.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent.</exception>
    /// <inheritdoc cref="Subscribe(string, ConvexObject)" path="/exception"/>
    public ConvexSubscription Subscribe<TArgs>(string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo) =>
        SubscribeCore(FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args, argsTypeInfo));

    /// <summary>Subscribes to a query with arguments converted by reflection-based System.Text.Json (camelCase names by default).</summary>
    /// <typeparam name="TArgs">The CLR type of the arguments, such as an anonymous object; it must convert to an object.</typeparam>
    /// <param name="functionPath">The query, such as <c>notes:get</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The live subscription.</returns>
    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent.</exception>
    /// <inheritdoc cref="Subscribe(string, ConvexObject)" path="/exception"/>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public ConvexSubscription Subscribe<TArgs>(string functionPath, TArgs args, JsonSerializerOptions? options = null) =>
        SubscribeCore(FunctionPath.Canonicalize(functionPath), FunctionArgs.FromReflection(args, options));

    // live: whether the subscription counts in the active-subscriptions metric (a query's own one does not).
    private ConvexSubscription SubscribeCore(string canonicalPath, ConvexObject args, bool live = true)
    {
        ConvexLimits.CheckArguments(args);
        var subscription = new ConvexSubscription(this, canonicalPath, args, s => _engine.TryPostUnsubscribe(s));
        _engine.Post(new SubscribeItem(subscription));
        if (live)
        {
            subscription.TrackAsLive(_telemetryTags);
        }

        return subscription;
    }

    /// <summary>
    /// Streams a consistent snapshot of every live subscription's result after each server Transition (the Rust
    /// client's <c>watch_all</c>); a slow reader skips to the latest snapshot. The stream ends when the client closes.
    /// </summary>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The snapshots, starting with the next Transition.</returns>
    // Not ConnectionState: the engine ends the snapshots a moment before it reports Closed, and a stream started in
    // between would never end; the broadcast's own end covers that.
    public IAsyncEnumerable<ConvexQuerySetSnapshot> WatchAll(CancellationToken cancellationToken = default) => _snapshots.Read(cancellationToken);

    /// <summary>Called by the pump after every applied Transition, and with <see langword="null"/> when the client closes.</summary>
    private void OnSnapshot(QueryResults? results)
    {
        if (results is null)
        {
            _snapshots.End();
        }
        else if (_snapshots.HasReaders)
        {
            // Only for readers: a stream starts with the next Transition (no replay), so a snapshot nobody reads is
            // never seen, and building one per Transition was garbage on every mutation round trip.
            _snapshots.Publish(new ConvexQuerySetSnapshot(this, results));
        }
    }
}
