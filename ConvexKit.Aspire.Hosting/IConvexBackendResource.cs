namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// The child that actually serves Convex: the backend container (<see cref="ConvexBackendResource"/>) or the emulator
/// (<see cref="ConvexEmulatorResource"/>). Both expose the same endpoints, so the CLI runs, the health check and the
/// connection string can't tell them apart.
/// </summary>
internal interface IConvexBackendResource : IResourceWithEndpoints, IResourceWithWaitSupport
{
    /// <summary>The Convex resource this backend serves; it holds the admin key.</summary>
    ConvexResource Parent { get; }

    /// <summary>The API endpoint (port 3210 by default): HTTP function API and WebSocket sync.</summary>
    EndpointReference HttpEndpoint { get; }

    /// <summary>The HTTP actions endpoint (port 3211 by default).</summary>
    EndpointReference SiteEndpoint { get; }
}
