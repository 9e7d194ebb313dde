using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The self-hosted Convex backend container (<c>ghcr.io/get-convex/convex-backend</c>), a child of a <see cref="ConvexResource"/>.</summary>
public class ConvexBackendResource : ContainerResource, IConvexBackendResource
{
    private EndpointReference? _httpEndpoint;
    private EndpointReference? _siteEndpoint;

    /// <summary>Creates the backend container resource.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="parent">The Convex resource it serves.</param>
    public ConvexBackendResource(string name, ConvexResource parent) : base(name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        Parent = parent;
    }

    /// <summary>The Convex resource this backend serves.</summary>
    public ConvexResource Parent { get; }

    /// <summary>The API endpoint: HTTP function API and WebSocket sync.</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, ConvexEndpoints.HttpName);

    /// <summary>The HTTP actions endpoint.</summary>
    public EndpointReference SiteEndpoint => _siteEndpoint ??= new(this, ConvexEndpoints.SiteName);
}
