namespace Aspire.Hosting.ApplicationModel;

/// <summary>The Convex dashboard (<c>ghcr.io/get-convex/convex-dashboard</c>), a web UI for one backend.</summary>
/// <param name="name">The resource name.</param>
public class ConvexDashboardResource(string name) : ContainerResource(name)
{
    internal const string HttpEndpointName = "http";

    private EndpointReference? _httpEndpoint;

    /// <summary>The dashboard's web endpoint (port 6791).</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);
}
