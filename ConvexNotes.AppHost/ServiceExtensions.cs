namespace Aspire.Hosting;

internal static class ServiceExtensions
{
    /// <summary>
    /// A service's HTTP endpoint normally comes from its launchSettings.json. A service that declares none gets a
    /// plain http endpoint, so its /health check has somewhere to go.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceHttpEndpoint(this IResourceBuilder<ProjectResource> builder) =>
        builder.Resource.GetEndpoints().Any(endpoint => endpoint.EndpointName is "http" or "https")
            ? builder
            : builder.WithHttpEndpoint();
}
