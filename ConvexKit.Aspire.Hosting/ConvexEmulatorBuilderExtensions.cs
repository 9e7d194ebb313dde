using ConvexKit.Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Adds the project's Convex emulator in place of the backend container.</summary>
public static class ConvexEmulatorBuilderExtensions
{
    /// <summary>The text the emulator carries wherever it appears: it is not Convex.</summary>
    public const string Label = "emulator — a test double, not Convex";

    /// <summary>The resource property that carries <see cref="Label"/> in the Aspire dashboard.</summary>
    public const string BackendProperty = "convex.backend";

    /// <summary>
    /// Adds <c>tools/convex-emulator</c> as the executable resource <paramref name="name"/>: the same endpoints
    /// (3210 API, 3211 HTTP actions, not proxied), the same <c>/version</c> health check, connection string and admin
    /// key as <see cref="ConvexBuilderExtensions.AddConvex"/>. It loads convex/ itself, so nothing is pushed to it.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The resource name; also the connection string name.</param>
    /// <param name="npmInstall">The install step the emulator waits for (it runs on tsx and convex-test).</param>
    /// <param name="dataFile">
    /// The emulator's JSON snapshot, kept across runs; <c>obj/convex-emulator/{name}.json</c> under the AppHost by default.
    /// </param>
    /// <returns>The emulator resource builder.</returns>
    public static IResourceBuilder<ConvexEmulatorResource> AddConvexEmulator(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        IResourceBuilder<ExecutableResource> npmInstall,
        string? dataFile = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(npmInstall);

        var secret = ConvexParameters.AddInstanceSecret(builder, name).Resource;
        var adminKey = ConvexParameters.AddAdminKey(builder, name, ConvexEndpoints.DefaultInstanceName, secret).Resource;
        var emulator = new ConvexEmulatorResource(name, ConvexCommandLines.RepositoryRoot(builder.AppHostDirectory), secret, adminKey);
        dataFile = Path.GetFullPath(dataFile ?? Path.Combine(builder.AppHostDirectory, "obj", "convex-emulator", $"{name}.json"));

        return builder.AddResource(emulator)
            .WithArgs(ConvexCommandLines.Emulator(emulator.InstanceName, dataFile))
            .WithEnvironment(ConvexCommandLines.EmulatorAdminKeyVariable, adminKey)
            .WithEndpoint(port: ConvexEndpoints.HttpPort, targetPort: ConvexEndpoints.HttpPort, scheme: "http", name: ConvexEndpoints.HttpName, isProxied: false)
            .WithEndpoint(port: ConvexEndpoints.SitePort, targetPort: ConvexEndpoints.SitePort, scheme: "http", name: ConvexEndpoints.SiteName, isProxied: false)
            .WithUrlForEndpoint(ConvexEndpoints.HttpName, url => url.DisplayText = $"Convex API ({Label})")
            .WithUrlForEndpoint(ConvexEndpoints.SiteName, url => url.DisplayText = $"HTTP actions ({Label})")
            .WithHttpHealthCheck("/version", endpointName: ConvexEndpoints.HttpName)
            // The emulator answers /api/check_admin_key too, so both modes become healthy on the same two checks.
            .WithAdminKeyCheck()
            .WithIconName("DatabaseWarning")
            .WithCopyAdminKeyCommand()
            .WithDataCommands(builder.AppHostDirectory)
            .WaitForCompletion(npmInstall)
            .OnBeforeResourceStarted((resource, @event, cancellationToken) =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
                // Said in the resource's own console log, where anyone looking at "convex" will read it.
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource).LogEmulatorStanding(Label);
                // And as a property in the resource's details.
                return @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(resource, snapshot => snapshot with
                {
                    Properties = [.. snapshot.Properties.Where(p => p.Name != BackendProperty), new(BackendProperty, Label) { IsHighlighted = true }],
                });
            });
    }
}
