using Microsoft.AspNetCore.Components;

namespace ConvexKit.Client.Blazor;

/// <summary>
/// The base of the live components: follows one stream of values from the client (a subscription, a paginated query,
/// the connection state) and re-renders the component on every value, on the renderer's dispatcher. Following a new
/// stream stops the previous one; disposing the component stops it too.
/// </summary>
public abstract class ConvexLiveComponent : ComponentBase, IAsyncDisposable
{
    private CancellationTokenSource? _following;

    /// <summary>Gets the exception that ended the stream unexpectedly (the client stopped on a fatal error), if any.</summary>
    protected Exception? StreamError { get; private set; }

    /// <summary>Stops following the current stream and its source; dispose what the component subscribed.</summary>
    /// <returns>A task that completes when the component let go of everything.</returns>
    public async ValueTask DisposeAsync()
    {
        StopFollowing();
        await DisposeSourceAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the component's subscription (called on dispose and before a new one replaces it).</summary>
    /// <returns>A task that completes when it is released.</returns>
    protected virtual ValueTask DisposeSourceAsync() => ValueTask.CompletedTask;

    /// <summary>Follows <paramref name="stream"/>: each value is handed to <paramref name="onValue"/> and the component re-renders.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="stream">The values, such as a <see cref="ConvexSubscription"/>.</param>
    /// <param name="onValue">Takes a value in, on the renderer's dispatcher.</param>
    protected void Follow<T>(IAsyncEnumerable<T> stream, Action<T> onValue)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onValue);
        StopFollowing();
        StreamError = null;
        var following = new CancellationTokenSource();
        _following = following;
        _ = FollowAsync(stream, onValue, following.Token);
    }

    /// <summary>Stops following the current stream, if any.</summary>
    protected void StopFollowing()
    {
        var following = Interlocked.Exchange(ref _following, null);
        following?.Cancel();
        following?.Dispose();
    }

    private async Task FollowAsync<T>(IAsyncEnumerable<T> stream, Action<T> onValue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var value in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await InvokeAsync(() =>
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        onValue(value);
                        StateHasChanged();
                    }
                }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Replaced or disposed.
        }
        catch (Exception exception) when (exception is ConvexException or ObjectDisposedException)
        {
            // The client stopped for good: the component shows it rather than the circuit failing.
            await InvokeAsync(() =>
            {
                StreamError = exception;
                StateHasChanged();
            }).ConfigureAwait(false);
        }
    }
}
