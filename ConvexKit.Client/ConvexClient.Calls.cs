using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Engine;
using ConvexKit.Client.Values;

namespace ConvexKit.Client;

public sealed partial class ConvexClient
{
    /// <summary>Runs a mutation or action and returns its outcome; only client-side failures throw.</summary>
    private async Task<FunctionResult> CallAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        ConvexLimits.CheckArguments(args);
        cancellationToken.ThrowIfCancellationRequested();
        var call = new PendingCall(kind, canonicalPath, args);
        _engine.Post(new CallItem(call));
        var telemetry = ConvexCallTelemetry.Start(kind, canonicalPath, _telemetryTags);
        var timeout = kind == ConvexFunctionKind.Action ? _options.ActionTimeout : _options.Timeout;
        try
        {
            return await telemetry.TrackAsync(call.Completion.Task.WaitAsync(timeout, cancellationToken)).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"The Convex {KindName(kind)} {canonicalPath} did not complete within {timeout}; it may still complete on the server.", ex);
        }
    }

    private async Task<FunctionResult> CallOrThrowAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        var result = await CallAsync(kind, canonicalPath, args, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? result : throw ConvexFunctionException.FromResult(kind, canonicalPath, result);
    }

    private async Task<FunctionResult> QueryCoreAsync(string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        // Started in an async method, so the span becomes Activity.Current only for this call, not for the caller.
        var telemetry = ConvexCallTelemetry.Start(ConvexFunctionKind.Query, canonicalPath, _telemetryTags);
        return await telemetry.TrackAsync(FirstQueryResultAsync(canonicalPath, args, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A query is a subscription's first result (what the official clients do): cached if already subscribed, consistent with every other result.</summary>
    private async Task<FunctionResult> FirstQueryResultAsync(string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        var subscription = SubscribeCore(canonicalPath, args, live: false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            try
            {
                await using var results = subscription.GetAsyncEnumerator(timeout.Token);
                return await results.MoveNextAsync().ConfigureAwait(false)
                    ? results.Current
                    : throw new ObjectDisposedException(nameof(ConvexClient));
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The Convex query {canonicalPath} did not return within {_options.Timeout}.", ex);
            }
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<FunctionResult> QueryOrThrowAsync(string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        var result = await QueryCoreAsync(canonicalPath, args, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? result : throw ConvexFunctionException.FromResult(ConvexFunctionKind.Query, canonicalPath, result);
    }

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

    private Task<FunctionResult> MutationCoreAsync(string canonicalPath, ConvexObject args, CancellationToken cancellationToken) =>
        CallAsync(ConvexFunctionKind.Mutation, canonicalPath, args, cancellationToken);

    private Task<FunctionResult> MutationOrThrowAsync(string canonicalPath, ConvexObject args, CancellationToken cancellationToken) =>
        CallOrThrowAsync(ConvexFunctionKind.Mutation, canonicalPath, args, cancellationToken);

    private Task<FunctionResult> ActionCoreAsync(string canonicalPath, ConvexObject args, CancellationToken cancellationToken) =>
        CallAsync(ConvexFunctionKind.Action, canonicalPath, args, cancellationToken);

    private Task<FunctionResult> ActionOrThrowAsync(string canonicalPath, ConvexObject args, CancellationToken cancellationToken) =>
        CallOrThrowAsync(ConvexFunctionKind.Action, canonicalPath, args, cancellationToken);

    private static string KindName(ConvexFunctionKind kind) => kind switch
    {
        ConvexFunctionKind.Query => "query",
        ConvexFunctionKind.Mutation => "mutation",
        _ => "action",
    };
}
