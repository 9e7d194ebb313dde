using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Adds the children of a <see cref="ConvexResource"/> when the app starts (<see cref="BeforeStartEvent"/>): only then
/// are all the <c>With…</c> calls and the configuration known, and the container runtime probe (Auto mode) runs only
/// for an app that actually starts. Aspire's own integrations that switch what runs (Azure's <c>RunAsContainer</c>,
/// <c>RunAsEmulator</c>) decide when a method is called; here the decision also depends on the machine, hence the event.
/// </summary>
internal static class ConvexAppModel
{
    /// <summary>
    /// Emulator mode: whether the emulator takes its functions from the CLI (<c>convex deploy</c>, as the container
    /// does) instead of loading the functions directory itself. It does: the emulator implements the CLI's deployment
    /// API (tools/convex-emulator/src/deploy), starts empty, and the same push and watcher resources as in container
    /// mode serve it. Kept as a switch so the emulator can still be pointed at a directory (tests, benchmarks).
    /// </summary>
    internal const bool EmulatorTakesPushes = true;

    private static readonly TimeSpan s_runtimeProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Subscribes the child-building step and registers the backend's health check (which must exist before the app is built).</summary>
    public static void Register(IResourceBuilder<ConvexResource> convex)
    {
        var builder = convex.ApplicationBuilder;
        var healthCheckKey = BackendHealthCheckKey(convex.Resource);
        // Probes fail by design until the backend is up; the health report says why, the console needn't.
        builder.Services.AddHttpClient(healthCheckKey).RemoveAllLoggers();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            services => new ConvexAdminKeyHealthCheck(() => convex.Resource.Backend, () => services.GetRequiredService<IHttpClientFactory>().CreateClient(healthCheckKey)),
            failureStatus: default,
            tags: default));

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ConvexKit.Aspire.Hosting");
            var maxWait = builder.Configuration.GetValue(StartingRuntimeWait.MaxWaitConfigurationKey, StartingRuntimeWait.DefaultMaxWait);
            var probe = new StartingRuntimeWait(
                new ContainerRuntimeProbe(s_runtimeProbeTimeout), StartingRuntimeWait.DockerDesktopRunning, maxWait, TimeSpan.FromSeconds(2),
                wait =>
                {
                    logger.LogWaitingForContainerRuntime(wait.TotalSeconds, StartingRuntimeWait.MaxWaitConfigurationKey);
                    // Shown once the dashboard is up; the console line above is there at once.
                    @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(
                        convex.Resource, state => state with { State = new("Waiting for Docker Desktop", KnownResourceStateStyles.Info) }).GetAwaiter().GetResult();
                },
                TimeProvider.System);
            AddChildren(convex, probe, logger);
            return Task.CompletedTask;
        });
    }

    /// <summary>The key of the backend's health check: <c>{name}_admin_key_check</c>.</summary>
    public static string BackendHealthCheckKey(ConvexResource convex) => $"{convex.Name}_admin_key_check";

    /// <summary>Resolves the backend mode and adds the children; runs once per app.</summary>
    internal static ConvexParts AddChildren(IResourceBuilder<ConvexResource> convex, IContainerRuntimeProbe probe, ILogger logger)
    {
        if (convex.Resource.Parts is { } added)
        {
            return added;
        }

        var builder = convex.ApplicationBuilder;
        var setup = convex.Resource.Setup;
        var selection = ConvexBackendSelection.Resolve(builder.Configuration, setup.Mode, probe);
        LogSelection(logger, selection);

        var functions = setup.FunctionsDirectory;
        if (functions is null && selection.Mode is ConvexBackendMode.Emulator && !EmulatorTakesPushes)
        {
            throw new InvalidOperationException(
                $"The Convex emulator loads the functions itself: call WithFunctions(\"../convex\") on '{convex.Resource.Name}'.");
        }

        var npmInstall = functions is null ? null : ConvexFunctions.AddNpmInstall(convex, functions);
        ConvexParts parts;
        if (selection.Mode is ConvexBackendMode.Container)
        {
            var container = ConvexContainerBackend.AddBackend(convex);
            var dashboard = setup.DashboardName is { } dashboardName ? ConvexContainerBackend.AddDashboard(convex, container, dashboardName) : null;
            parts = new(selection.Mode, container.Resource, container, Emulator: null, dashboard, npmInstall, Push: null, Watch: null);
        }
        else
        {
            var emulator = ConvexEmulatorBackend.AddEmulator(convex, npmInstall, EmulatorTakesPushes ? null : functions);
            parts = new(selection.Mode, emulator.Resource, Container: null, emulator, Dashboard: null, npmInstall, Push: null, Watch: null);
        }

        if (functions is not null && npmInstall is not null && (selection.Mode is ConvexBackendMode.Container || EmulatorTakesPushes))
        {
            var (push, watch) = ConvexFunctions.AddPushAndWatch(convex, parts.Backend, functions, npmInstall);
            parts = parts with { Push = push, Watch = watch };
        }

        convex.Resource.Parts = parts;
        foreach (var callback in setup.PartsCallbacks)
        {
            callback(parts);
        }

        return parts;
    }

    private static void LogSelection(ILogger logger, ConvexBackendSelection selection)
    {
        if (selection.Mode is ConvexBackendMode.Container)
        {
            logger.LogContainerBackend(selection.Reason);
        }
        else if (selection.IsFallback)
        {
            logger.LogEmulatorFallback(selection.Reason);
        }
        else
        {
            logger.LogEmulatorChosen(selection.Reason);
        }
    }
}
