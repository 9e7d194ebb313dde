namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// The endpoints, ports and expressions shared by the backend container and the emulator, so the two modes can't
/// drift apart.
/// </summary>
internal static class ConvexEndpoints
{
    public const string HttpName = "http";
    public const string SiteName = "site";

    // Published as themselves: CONVEX_CLOUD_ORIGIN must work from the host and from inside the container
    // (storage URLs, Node-action callbacks), which only holds when host port == container port (docs/hosting.md, Ports).
    public const int HttpPort = 3210;
    public const int SitePort = 3211;
    public const int DashboardPort = 6791;

    public const string DefaultInstanceName = "convex-self-hosted";

    /// <summary><c>Endpoint=…;SiteEndpoint=…</c>. The admin key stays out: it is a superuser credential.</summary>
    public static ReferenceExpression ConnectionString(IConvexBackendResource convex) =>
        ReferenceExpression.Create(
            $"Endpoint={convex.HttpEndpoint.Property(EndpointProperty.Url)};SiteEndpoint={convex.SiteEndpoint.Property(EndpointProperty.Url)}");

    public static IEnumerable<KeyValuePair<string, ReferenceExpression>> ConnectionProperties(IConvexBackendResource convex)
    {
        yield return new("Host", ReferenceExpression.Create($"{convex.HttpEndpoint.Property(EndpointProperty.Host)}"));
        yield return new("Port", ReferenceExpression.Create($"{convex.HttpEndpoint.Property(EndpointProperty.Port)}"));
        yield return new("Uri", ReferenceExpression.Create($"{convex.HttpEndpoint.Property(EndpointProperty.Url)}"));
        yield return new("SiteUri", ReferenceExpression.Create($"{convex.SiteEndpoint.Property(EndpointProperty.Url)}"));
    }

    /// <summary>
    /// The API URL as the host (and a browser) reaches it. 127.0.0.1 rather than localhost: the backend listens on
    /// IPv4, and inside the container "localhost" may resolve to ::1 first.
    /// </summary>
    public static ReferenceExpression HostUrl(IConvexBackendResource convex, string endpointName) =>
        ReferenceExpression.Create(
            $"http://127.0.0.1:{convex.GetEndpoint(endpointName, KnownNetworkIdentifiers.LocalhostNetwork).Property(EndpointProperty.Port)}");
}
