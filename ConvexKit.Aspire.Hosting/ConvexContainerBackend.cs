using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexKit.Aspire.Hosting;

/// <summary>Container mode's children: the self-hosted backend and the Convex dashboard.</summary>
internal static class ConvexContainerBackend
{
    private const string DataPath = "/convex/data";

    /// <summary>
    /// The backend container <c>{name}-backend</c> (<inheritdoc cref="ConvexContainerImageTags.Tag" path="/summary"/>)
    /// with its API on port 3210 and HTTP actions on 3211, each published as the same host port. It is stopped with
    /// SIGINT, the only signal the backend drains on.
    /// </summary>
    public static IResourceBuilder<ConvexBackendResource> AddBackend(IResourceBuilder<ConvexResource> convex)
    {
        var parent = convex.Resource;
        var backend = convex.ApplicationBuilder.AddResource(new ConvexBackendResource($"{parent.Name}-backend", parent))
            .WithImage(ConvexContainerImageTags.BackendImage, ConvexContainerImageTags.Tag)
            .WithImageRegistry(ConvexContainerImageTags.Registry)
            .WithHttpEndpoint(port: ConvexEndpoints.HttpPort, targetPort: ConvexEndpoints.HttpPort, name: ConvexEndpoints.HttpName, isProxied: false)
            .WithHttpEndpoint(port: ConvexEndpoints.SitePort, targetPort: ConvexEndpoints.SitePort, name: ConvexEndpoints.SiteName, isProxied: false)
            .WithUrlForEndpoint(ConvexEndpoints.HttpName, url => url.DisplayText = "Convex API")
            .WithUrlForEndpoint(ConvexEndpoints.SiteName, url => url.DisplayText = "HTTP actions")
            .WithEnvironment(context =>
            {
                var backend = (ConvexBackendResource)context.Resource;
                context.EnvironmentVariables["INSTANCE_NAME"] = parent.InstanceName;
                context.EnvironmentVariables["INSTANCE_SECRET"] = parent.InstanceSecretParameter;
                // The URLs clients and browsers use; never leave them empty (upstream self-hosted/README.md).
                context.EnvironmentVariables["CONVEX_CLOUD_ORIGIN"] = ConvexEndpoints.HostUrl(backend, ConvexEndpoints.HttpName);
                context.EnvironmentVariables["CONVEX_SITE_ORIGIN"] = ConvexEndpoints.HostUrl(backend, ConvexEndpoints.SiteName);
                // Any non-empty value turns the flag on, so this one is only ever set, never set to false.
                context.EnvironmentVariables["DISABLE_BEACON"] = "true";
            })
            .WithContainerRuntimeArgs("--stop-signal", "SIGINT")
            .WithHealthCheck(ConvexAppModel.BackendHealthCheckKey(parent))
            .WithIconName("DatabaseLightning")
            .WithParentRelationship(convex);

        switch (parent.Setup.Data)
        {
            case { HostPath: { } hostPath }:
                backend.WithBindMount(hostPath, DataPath);
                break;
            case { VolumeName: { } volume }:
                backend.WithVolume(volume, DataPath);
                break;
        }

        return backend;
    }

    /// <summary>
    /// The Convex dashboard container on port 6791, pointed at the backend's host URL with the admin key prefilled.
    /// </summary>
    public static IResourceBuilder<ConvexDashboardResource> AddDashboard(
        IResourceBuilder<ConvexResource> convex, IResourceBuilder<ConvexBackendResource> backend, string name)
    {
        var dashboard = convex.ApplicationBuilder.AddResource(new ConvexDashboardResource(name))
            .WithImage(ConvexContainerImageTags.DashboardImage, ConvexContainerImageTags.Tag)
            .WithImageRegistry(ConvexContainerImageTags.Registry)
            .WithHttpEndpoint(port: ConvexEndpoints.DashboardPort, targetPort: ConvexEndpoints.DashboardPort, name: ConvexDashboardResource.HttpEndpointName)
            .WithUrlForEndpoint(ConvexDashboardResource.HttpEndpointName, url => url.DisplayText = "Convex dashboard")
            // Read by the browser, so it must be the host URL, not the container network's (upstream self-hosted/README.md).
            .WithEnvironment("NEXT_PUBLIC_DEPLOYMENT_URL", ConvexEndpoints.HostUrl(backend.Resource, ConvexEndpoints.HttpName))
            .WithEnvironment("NEXT_PUBLIC_ADMIN_KEY", convex.Resource.AdminKeyParameter)
            .WithHealthCheck(DashboardHealthCheckKey(convex.Resource))
            .WithParentRelationship(convex)
            .WaitFor(backend);

        convex.WithUrl(ReferenceExpression.Create($"{dashboard.Resource.HttpEndpoint.Property(EndpointProperty.Url)}"), "Convex dashboard");
        foreach (var configure in convex.Resource.Setup.DashboardCallbacks)
        {
            configure(dashboard);
        }

        return dashboard;
    }

    /// <summary>
    /// <c>GET /</c> on the dashboard, registered when <c>WithDashboard</c> is called: health checks can't be
    /// registered once the app is built, and the dashboard itself is added only when the app starts.
    /// </summary>
    public static void RegisterDashboardHealthCheck(IResourceBuilder<ConvexResource> convex)
    {
        var key = DashboardHealthCheckKey(convex.Resource);
        convex.ApplicationBuilder.Services.AddHttpClient(key).RemoveAllLoggers();
        convex.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            services => new HttpGetHealthCheck(
                () => (convex.Resource.Parts?.Dashboard?.Resource.HttpEndpoint)
                    ?? throw new InvalidOperationException("The Convex dashboard runs only in container mode."),
                "/",
                () => services.GetRequiredService<IHttpClientFactory>().CreateClient(key)),
            failureStatus: default,
            tags: default));
    }

    private static string DashboardHealthCheckKey(ConvexResource convex) => $"{convex.Name}_dashboard_check";
}
