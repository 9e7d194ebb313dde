using ConvexKit.Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>Adds the self-hosted Convex backend and its dashboard to an Aspire application.</summary>
public static class ConvexBuilderExtensions
{
    /// <summary>
    /// Adds the Convex backend container (<c>ghcr.io/get-convex/convex-backend</c>, <inheritdoc cref="ConvexContainerImageTags.Tag" path="/summary"/>)
    /// with its API on port 3210 and HTTP actions on port 3211, each published as the same host port.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The resource name; also the connection string name.</param>
    /// <param name="instanceSecret">
    /// The 64-hex-character INSTANCE_SECRET. By default <c>{name}-instance-secret</c>, generated on the first run and
    /// kept in the AppHost's user secrets.
    /// </param>
    /// <returns>The backend resource builder.</returns>
    /// <remarks>
    /// The admin key is derived in the AppHost (<c>{name}-admin-key</c>) and checked against the running backend by a
    /// health check, so whatever waits for this resource starts only once the key is known to work. The container
    /// is stopped with SIGINT, the only signal the backend drains on.
    /// </remarks>
    public static IResourceBuilder<ConvexResource> AddConvex(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        IResourceBuilder<ParameterResource>? instanceSecret = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var secret = instanceSecret?.Resource ?? ConvexParameters.AddInstanceSecret(builder, name).Resource;
        var adminKey = ConvexParameters.AddAdminKey(builder, name, ConvexEndpoints.DefaultInstanceName, secret).Resource;
        var convex = new ConvexResource(name, secret, adminKey);

        return builder.AddResource(convex)
            .WithImage(ConvexContainerImageTags.BackendImage, ConvexContainerImageTags.Tag)
            .WithImageRegistry(ConvexContainerImageTags.Registry)
            .WithHttpEndpoint(port: ConvexEndpoints.HttpPort, targetPort: ConvexEndpoints.HttpPort, name: ConvexEndpoints.HttpName, isProxied: false)
            .WithHttpEndpoint(port: ConvexEndpoints.SitePort, targetPort: ConvexEndpoints.SitePort, name: ConvexEndpoints.SiteName, isProxied: false)
            .WithUrlForEndpoint(ConvexEndpoints.HttpName, url => url.DisplayText = "Convex API")
            .WithUrlForEndpoint(ConvexEndpoints.SiteName, url => url.DisplayText = "HTTP actions")
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["INSTANCE_NAME"] = convex.InstanceName;
                context.EnvironmentVariables["INSTANCE_SECRET"] = convex.InstanceSecretParameter;
                // The URLs clients and browsers use; never leave them empty (convex-selfhost.md §1.4).
                context.EnvironmentVariables["CONVEX_CLOUD_ORIGIN"] = ConvexEndpoints.HostUrl(convex, ConvexEndpoints.HttpName);
                context.EnvironmentVariables["CONVEX_SITE_ORIGIN"] = ConvexEndpoints.HostUrl(convex, ConvexEndpoints.SiteName);
                // Any non-empty value turns the flag on, so this one is only ever set, never set to false.
                context.EnvironmentVariables["DISABLE_BEACON"] = "true";
            })
            .WithContainerRuntimeArgs("--stop-signal", "SIGINT")
            .WithHttpHealthCheck("/version", endpointName: ConvexEndpoints.HttpName)
            .WithAdminKeyCheck()
            .WithIconName("DatabaseLightning")
            .WithCopyAdminKeyCommand()
            .WithPushFunctionsCommand(builder.AppHostDirectory)
            .WithDataCommands(builder.AppHostDirectory);
    }

    /// <summary>
    /// Keeps the backend's data (SQLite database, files, and its copy of the credentials) in a named volume at
    /// <c>/convex/data</c>, so it survives restarts.
    /// </summary>
    /// <param name="builder">The backend resource builder.</param>
    /// <param name="name">The volume name; generated from the application and resource names by default.</param>
    /// <returns>The backend resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithDataVolume(this IResourceBuilder<ConvexResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), "/convex/data");
    }

    /// <summary>
    /// Adds the Convex dashboard (<c>ghcr.io/get-convex/convex-dashboard</c>, same tag as the backend) on port 6791,
    /// pointed at the backend's host URL with the admin key prefilled: one click on "Log In" and it is open.
    /// </summary>
    /// <param name="builder">The backend resource builder.</param>
    /// <param name="name">The dashboard resource name; <c>{backend}-dashboard</c> by default.</param>
    /// <returns>The backend resource builder.</returns>
    /// <remarks>The page embeds the admin key, so treat the dashboard URL as secret.</remarks>
    public static IResourceBuilder<ConvexResource> WithDashboard(this IResourceBuilder<ConvexResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var convex = builder.Resource;
        var dashboard = builder.ApplicationBuilder.AddResource(new ConvexDashboardResource(name ?? $"{convex.Name}-dashboard"))
            .WithImage(ConvexContainerImageTags.DashboardImage, ConvexContainerImageTags.Tag)
            .WithImageRegistry(ConvexContainerImageTags.Registry)
            .WithHttpEndpoint(port: ConvexEndpoints.DashboardPort, targetPort: ConvexEndpoints.DashboardPort, name: ConvexDashboardResource.HttpEndpointName)
            .WithUrlForEndpoint(ConvexDashboardResource.HttpEndpointName, url => url.DisplayText = "Convex dashboard")
            // Read by the browser, so it must be the host URL, not the container network's (convex-selfhost.md §1.9).
            .WithEnvironment("NEXT_PUBLIC_DEPLOYMENT_URL", ConvexEndpoints.HostUrl(convex, ConvexEndpoints.HttpName))
            .WithEnvironment("NEXT_PUBLIC_ADMIN_KEY", convex.AdminKeyParameter)
            .WithHttpHealthCheck("/", endpointName: ConvexDashboardResource.HttpEndpointName)
            .WithParentRelationship(builder)
            .WaitFor(builder);

        return builder
            .WithUrl(ReferenceExpression.Create($"{dashboard.Resource.HttpEndpoint.Property(EndpointProperty.Url)}"), "Convex dashboard")
            .WithOpenDashboardCommand(dashboard.Resource);
    }

    /// <summary>Adds the <c>GET /api/check_admin_key</c> health check (see <see cref="ConvexAdminKeyHealthCheck"/>).</summary>
    internal static IResourceBuilder<T> WithAdminKeyCheck<T>(this IResourceBuilder<T> builder) where T : IConvexResource
    {
        var key = $"{builder.Resource.Name}_admin_key_check";
        var convex = builder.Resource;
        // Probes fail by design until the backend is up; the health report says why, the console needn't.
        builder.ApplicationBuilder.Services.AddHttpClient(key).RemoveAllLoggers();
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            services => new ConvexAdminKeyHealthCheck(convex, () => services.GetRequiredService<IHttpClientFactory>().CreateClient(key)),
            failureStatus: default,
            tags: default));
        return builder.WithHealthCheck(key);
    }
}
