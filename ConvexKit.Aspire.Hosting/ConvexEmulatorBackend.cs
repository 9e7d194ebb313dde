using Microsoft.Extensions.DependencyInjection;

namespace ConvexKit.Aspire.Hosting;

/// <summary>Emulator mode's child: the Convex-protocol emulator, a test double of Convex, in place of the container.</summary>
internal static class ConvexEmulatorBackend
{
    /// <summary>Overrides where the emulator keeps its data (a file path); tests point it at a temporary folder.</summary>
    public const string DataFileKey = "Convex:EmulatorDataFile";

    /// <summary>
    /// The emulator <c>{name}-emulator</c>: the same endpoints (3210 API, 3211 HTTP actions, not proxied), health
    /// check and connection string as the container. Given <paramref name="functionsDirectory"/>, it loads the
    /// functions itself; without, it serves what the functions push and watcher push to it, as the container does.
    /// </summary>
    public static IResourceBuilder<ConvexEmulatorResource> AddEmulator(
        IResourceBuilder<ConvexResource> convex, IResourceBuilder<ExecutableResource>? npmInstall, string? functionsDirectory)
    {
        var builder = convex.ApplicationBuilder;
        var parent = convex.Resource;
        var sources = ConvexEmulatorSources.Find(builder.AppHostDirectory);
        var dataFile = DataFile(builder, parent);
        var emulator = builder.AddResource(new ConvexEmulatorResource($"{parent.Name}-emulator", sources.WorkingDirectory, parent))
            .WithArgs(ConvexCommandLines.Emulator(sources.MainScript, parent.InstanceName, functionsDirectory, dataFile))
            .WithEnvironment(ConvexCommandLines.EmulatorAdminKeyVariable, parent.AdminKeyParameter)
            .WithEndpoint(port: ConvexEndpoints.HttpPort, targetPort: ConvexEndpoints.HttpPort, scheme: "http", name: ConvexEndpoints.HttpName, isProxied: false)
            .WithEndpoint(port: ConvexEndpoints.SitePort, targetPort: ConvexEndpoints.SitePort, scheme: "http", name: ConvexEndpoints.SiteName, isProxied: false)
            .WithUrlForEndpoint(ConvexEndpoints.HttpName, url => url.DisplayText = $"Convex API ({ConvexEmulatorResource.Label})")
            .WithUrlForEndpoint(ConvexEndpoints.SiteName, url => url.DisplayText = $"HTTP actions ({ConvexEmulatorResource.Label})")
            // The emulator answers /version and /api/check_admin_key too, so both modes become healthy on the same check.
            .WithHealthCheck(ConvexAppModel.BackendHealthCheckKey(parent))
            .WithIconName("DatabaseWarning")
            .WithParentRelationship(convex)
            .OnBeforeResourceStarted((resource, @event, cancellationToken) =>
            {
                if (dataFile is not null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
                }

                // Said in the resource's own console log, where anyone looking at it will read it.
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource).LogEmulatorStanding(ConvexEmulatorResource.Label);
                // And as a property in the resource's details.
                return @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(resource, snapshot => snapshot with
                {
                    Properties = [.. snapshot.Properties.Where(p => p.Name != ConvexEmulatorResource.BackendProperty), new(ConvexEmulatorResource.BackendProperty, ConvexEmulatorResource.Label) { IsHighlighted = true }],
                });
            });

        return npmInstall is null ? emulator : emulator.WaitForCompletion(npmInstall);
    }

    /// <summary>
    /// The data file: <see cref="DataFileKey"/> when configured; otherwise <c>{name}.json</c> in the bind-mounted
    /// folder, or under the AppHost's <c>obj/convex-emulator</c> with a data volume; none (data in memory) without either.
    /// </summary>
    private static string? DataFile(IDistributedApplicationBuilder builder, ConvexResource convex)
    {
        if (builder.Configuration[DataFileKey] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(Path.Combine(builder.AppHostDirectory, configured));
        }

        var folder = convex.Setup.Data switch
        {
            { HostPath: { } hostPath } => hostPath,
            { VolumeName: not null } => Path.Combine(builder.AppHostDirectory, "obj", "convex-emulator"),
            _ => null,
        };
        return folder is null ? null : Path.Combine(folder, $"{convex.Name}.json");
    }
}
