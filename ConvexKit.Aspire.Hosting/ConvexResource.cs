using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The self-hosted Convex backend, run from <c>ghcr.io/get-convex/convex-backend</c>.</summary>
/// <param name="name">The resource name.</param>
/// <param name="instanceSecret">The 64-hex-character instance secret.</param>
/// <param name="adminKey">The admin key derived from the instance name and secret.</param>
public class ConvexResource(string name, ParameterResource instanceSecret, ParameterResource adminKey)
    : ContainerResource(name), IConvexResource
{
    private EndpointReference? _httpEndpoint;
    private EndpointReference? _siteEndpoint;

    /// <inheritdoc />
    public string InstanceName => ConvexEndpoints.DefaultInstanceName;

    /// <inheritdoc />
    public ParameterResource InstanceSecretParameter { get; } = instanceSecret;

    /// <inheritdoc />
    public ParameterResource AdminKeyParameter { get; } = adminKey;

    /// <inheritdoc />
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, ConvexEndpoints.HttpName);

    /// <inheritdoc />
    public EndpointReference SiteEndpoint => _siteEndpoint ??= new(this, ConvexEndpoints.SiteName);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ConvexEndpoints.ConnectionString(this);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        ConvexEndpoints.ConnectionProperties(this);
}
