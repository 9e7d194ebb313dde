using ConvexKit.Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>The Convex part of the app, whichever backend mode was chosen.</summary>
/// <param name="Backend">The resource services reference: the backend container or the emulator.</param>
/// <param name="Mode">Container or Emulator.</param>
/// <param name="FunctionsPush">The one-shot functions push (<c>convex deploy</c>), in both modes.</param>
public sealed record ConvexBackend(
    IResourceBuilder<IConvexResource> Backend,
    ConvexBackendMode Mode,
    IResourceBuilder<ExecutableResource> FunctionsPush);

/// <summary>Chooses and adds the Convex backend per <c>Convex:Backend</c>.</summary>
public static class ConvexBackendBuilderExtensions
{
    /// <summary>Where the emulator keeps its data; <c>obj/convex-emulator/{name}.json</c> under the AppHost by default.</summary>
    public const string EmulatorDataFileKey = "Convex:EmulatorDataFile";

    private static readonly TimeSpan s_runtimeProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds the Convex backend for <c>Convex:Backend</c> = <c>container</c> | <c>emulator</c> | <c>auto</c> (default:
    /// the container when a container runtime answers, otherwise the emulator, with a warning).
    /// Container mode: backend (data volume), Convex dashboard, npm install, functions push and watcher.
    /// Emulator mode: npm install, the emulator, and the same functions push and watcher (the emulator speaks the
    /// CLI's deployment API), so both modes are one resource graph.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The backend resource name; also the connection string name.</param>
    /// <returns>The backend and what services must wait for.</returns>
    public static ConvexBackend AddConvexBackend(this IDistributedApplicationBuilder builder, [ResourceName] string name) =>
        builder.AddConvexBackend(name, new ContainerRuntimeProbe(s_runtimeProbeTimeout));

    internal static ConvexBackend AddConvexBackend(this IDistributedApplicationBuilder builder, string name, IContainerRuntimeProbe probe)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var selection = ConvexBackendSelection.Resolve(builder.Configuration, probe);
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ConvexKit.Aspire.Hosting");
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

            return Task.CompletedTask;
        });

        var npmInstall = builder.AddNpmInstall();
        IResourceBuilder<IConvexResource> convex = selection.Mode is ConvexBackendMode.Emulator
            ? builder.AddConvexEmulator(name, npmInstall, builder.Configuration[EmulatorDataFileKey])
            : builder.AddConvex(name).WithDataVolume().WithDashboard();
        var functions = builder.AddConvexFunctions($"{name}-functions", convex, npmInstall);
        return new(convex, selection.Mode, functions.Push);
    }

    /// <summary>Waits for the first functions push to finish successfully (both modes).</summary>
    /// <typeparam name="T">The dependent resource type.</typeparam>
    /// <param name="builder">The dependent resource.</param>
    /// <param name="convex">The Convex backend.</param>
    /// <returns>The dependent resource builder.</returns>
    public static IResourceBuilder<T> WaitForFunctions<T>(this IResourceBuilder<T> builder, ConvexBackend convex)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(convex);
        return builder.WaitForCompletion(convex.FunctionsPush);
    }
}
