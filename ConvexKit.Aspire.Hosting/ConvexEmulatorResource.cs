using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The project's Convex-protocol emulator (<c>tools/convex-emulator</c>) standing in for the backend where no
/// container runtime answers. It is a test double of Convex, not Convex.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="workingDirectory">The repository root, which holds <c>package.json</c> and <c>convex/</c>.</param>
/// <param name="instanceSecret">The instance secret the admin key is derived from.</param>
/// <param name="adminKey">The admin key derived from the instance name and secret.</param>
public class ConvexEmulatorResource(string name, string workingDirectory, ParameterResource instanceSecret, ParameterResource adminKey)
    : ExecutableResource(name, "node", workingDirectory), IConvexResource
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
