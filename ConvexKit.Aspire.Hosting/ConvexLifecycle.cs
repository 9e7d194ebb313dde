
namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// The state of a <see cref="ConvexResource"/>, which runs nothing itself: Starting until its backend is healthy and
/// the first functions push has finished, then Running (which releases everything that waits for it), Exited when the
/// backend stops, Running again when it is back. A failed first push is FailedToStart, so the services keep waiting
/// rather than start against a backend without functions.
/// </summary>
internal static class ConvexLifecycle
{
    private static readonly HashSet<string> s_terminalStates =
        [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    public static void Register(IResourceBuilder<ConvexResource> convex) =>
        convex.OnInitializeResource((resource, @event, cancellationToken) =>
        {
            // The handler must return at once; the tracking runs for as long as the app does.
            _ = Task.Run(() => TrackAsync(resource, @event, cancellationToken), cancellationToken);
            return Task.CompletedTask;
        });

    private static async Task TrackAsync(ConvexResource convex, InitializeResourceEvent @event, CancellationToken cancellationToken)
    {
        var notifications = @event.Notifications;
        try
        {
            // The children were added before the app started (BeforeStartEvent comes first).
            var parts = convex.Parts ?? throw new InvalidOperationException($"The children of '{convex.Name}' were never added.");
            await notifications.PublishUpdateAsync(convex, snapshot => snapshot with
            {
                State = KnownResourceStates.Starting,
                Properties = [.. snapshot.Properties.Where(p => p.Name != ConvexEmulatorResource.BackendProperty), BackendProperty(parts)],
            }).ConfigureAwait(false);

            if (parts.Push is { } push)
            {
                await WaitForFirstPushAsync(convex, push.Resource.Name, @event, cancellationToken).ConfigureAwait(false);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                await notifications.WaitForResourceHealthyAsync(parts.Backend.Name, WaitBehavior.WaitOnResourceUnavailable, cancellationToken).ConfigureAwait(false);
                await notifications.PublishUpdateAsync(convex, snapshot => snapshot with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                    StopTimeStamp = null,
                }).ConfigureAwait(false);
                await @event.Eventing.PublishAsync(new ConnectionStringAvailableEvent(convex, @event.Services), cancellationToken).ConfigureAwait(false);

                await notifications.WaitForResourceAsync(parts.Backend.Name, e => IsTerminal(e.Snapshot), cancellationToken).ConfigureAwait(false);
                await notifications.PublishUpdateAsync(convex, snapshot => snapshot with
                {
                    State = KnownResourceStates.Exited,
                    StopTimeStamp = DateTime.UtcNow,
                }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            @event.Logger.LogConvexTrackingFailed(ex);
            await notifications.PublishUpdateAsync(convex, snapshot => snapshot with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
        }
    }

    /// <summary>Until the push succeeds; a failed push can be restarted from the dashboard once the functions are fixed.</summary>
    private static async Task WaitForFirstPushAsync(ConvexResource convex, string push, InitializeResourceEvent @event, CancellationToken cancellationToken)
    {
        var notifications = @event.Notifications;
        while (true)
        {
            var pushed = await notifications.WaitForResourceAsync(push, e => IsTerminal(e.Snapshot), cancellationToken).ConfigureAwait(false);
            if (pushed.Snapshot.ExitCode is 0)
            {
                return;
            }

            @event.Logger.LogFunctionsPushFailed(push, pushed.Snapshot.ExitCode);
            await notifications.PublishUpdateAsync(convex, snapshot => snapshot with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
            await notifications.WaitForResourceAsync(push, e => !IsTerminal(e.Snapshot), cancellationToken).ConfigureAwait(false);
            await notifications.PublishUpdateAsync(convex, snapshot => snapshot with { State = KnownResourceStates.Starting }).ConfigureAwait(false);
        }
    }

    private static bool IsTerminal(CustomResourceSnapshot snapshot) => snapshot.State?.Text is { } state && s_terminalStates.Contains(state);

    private static ResourcePropertySnapshot BackendProperty(ConvexParts parts) =>
        parts.Mode is ConvexBackendMode.Emulator
            ? new(ConvexEmulatorResource.BackendProperty, ConvexEmulatorResource.Label) { IsHighlighted = true }
            : new(ConvexEmulatorResource.BackendProperty, "container — the self-hosted Convex backend");
}
