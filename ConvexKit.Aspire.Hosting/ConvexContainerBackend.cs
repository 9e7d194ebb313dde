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
        var ports = parent.Setup.Ports;
        var backend = convex.ApplicationBuilder.AddResource(new ConvexBackendResource($"{parent.Name}-backend", parent))
            .WithImage(ConvexContainerImageTags.BackendImage, ConvexContainerImageTags.Tag)
            .WithImageRegistry(ConvexContainerImageTags.Registry)
            // Inside the container the backend always listens on 3210/3211 (its start script passes --port and
            // --site-proxy-port); the host ports are the ones clients use.
            .WithHttpEndpoint(port: ports.Api, targetPort: ConvexEndpoints.HttpPort, name: ConvexEndpoints.HttpName, isProxied: false)
            .WithHttpEndpoint(port: ports.Site, targetPort: ConvexEndpoints.SitePort, name: ConvexEndpoints.SiteName, isProxied: false)
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
                // Upstream's compose defaults: two days of document history (the binary's own default is 14), and no
                // unauthenticated Prometheus /metrics on the API port.
                context.EnvironmentVariables["DOCUMENT_RETENTION_DELAY"] = "172800";
                context.EnvironmentVariables["DISABLE_METRICS_ENDPOINT"] = "true";
            })
            .WithContainerRuntimeArgs("--stop-signal", "SIGINT")
            .WithLifetime(parent.Setup.Lifetime)
            .OnBeforeResourceStarted((resource, _, _) =>
            {
                // A persistent container that is already running holds its own ports; Aspire reuses it.
                if (parent.Setup.Lifetime is not ContainerLifetime.Persistent)
                {
                    ConvexPortCheck.EnsureFree(resource.Name, (ports.Api, "Convex API"), (ports.Site, "Convex HTTP actions"));
                }

                return Task.CompletedTask;
            })
            .WithHealthCheck(ConvexAppModel.BackendHealthCheckKey(parent))
            .WithIconName("DatabaseLightning")
            .WithParentRelationship(convex)
            .WithVersionCheck();

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
        var setup = convex.Resource.Setup;
        var dashboard = convex.ApplicationBuilder.AddResource(new ConvexDashboardResource(name))
            .WithImage(ConvexContainerImageTags.DashboardImage, ConvexContainerImageTags.Tag)
            .WithImageRegistry(ConvexContainerImageTags.Registry)
            .WithHttpEndpoint(port: setup.Ports.Dashboard, targetPort: ConvexEndpoints.DashboardPort, name: ConvexDashboardResource.HttpEndpointName)
            // As upstream's compose file does: the Next.js server stops cleanly on SIGINT, not on the default SIGTERM.
            .WithContainerRuntimeArgs("--stop-signal", "SIGINT")
            .WithLifetime(setup.Lifetime)
            .OnBeforeResourceStarted((resource, _, _) =>
            {
                if (setup.Lifetime is not ContainerLifetime.Persistent)
                {
                    ConvexPortCheck.EnsureFree(resource.Name, (setup.Ports.Dashboard, "Convex dashboard"));
                }

                return Task.CompletedTask;
            })
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
