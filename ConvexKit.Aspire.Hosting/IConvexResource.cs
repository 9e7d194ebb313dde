namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Convex deployment the app can reference: the self-hosted backend container (<see cref="ConvexResource"/>) or
/// the project's emulator (<see cref="ConvexEmulatorResource"/>). Both expose the same endpoints, connection string
/// and admin key, so the services that reference them can't tell the difference.
/// </summary>
public interface IConvexResource : IResourceWithConnectionString, IResourceWithEndpoints, IResourceWithWaitSupport
{
    /// <summary>The deployment's instance name; it is baked into every admin key.</summary>
    string InstanceName { get; }

    /// <summary>The 64-hex-character instance secret that admin keys are derived from.</summary>
    ParameterResource InstanceSecretParameter { get; }

    /// <summary>The admin key the AppHost derives from <see cref="InstanceName"/> and the instance secret.</summary>
    ParameterResource AdminKeyParameter { get; }

    /// <summary>The API endpoint (port 3210): HTTP function API and WebSocket sync.</summary>
    EndpointReference HttpEndpoint { get; }

    /// <summary>The HTTP actions endpoint (port 3211).</summary>
    EndpointReference SiteEndpoint { get; }
}
