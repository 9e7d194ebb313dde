using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The Convex-protocol emulator standing in for the backend where no container runtime answers, a child of a
/// <see cref="ConvexResource"/>. It is a test double of Convex, not Convex.
/// </summary>
/// <remarks>
/// Shown beneath its parent through a parent relationship, not <see cref="IResourceWithParent"/>: Aspire gives such children
/// their parent's state, and this one has a life of its own (the parent's state follows it, not the other way round).
/// </remarks>
public class ConvexEmulatorResource : ExecutableResource, IConvexBackendResource
{
    /// <summary>The text the emulator carries wherever it appears: it is not Convex.</summary>
    internal const string Label = "emulator — a test double, not Convex";

    /// <summary>The resource property that carries <see cref="Label"/> in the Aspire dashboard.</summary>
    internal const string BackendProperty = "convex.backend";

    private EndpointReference? _httpEndpoint;
    private EndpointReference? _siteEndpoint;

    /// <summary>Creates the emulator resource, run by <c>node</c>.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="workingDirectory">The directory the emulator runs in (its npm packages are found from there).</param>
    /// <param name="parent">The Convex resource it serves.</param>
    public ConvexEmulatorResource(string name, string workingDirectory, ConvexResource parent)
        : base(name, ConvexCommandLines.Node, workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(parent);
        Parent = parent;
    }

    /// <summary>The Convex resource this emulator serves.</summary>
    public ConvexResource Parent { get; }

    /// <summary>The API endpoint: HTTP function API and WebSocket sync.</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, ConvexEndpoints.HttpName);

    /// <summary>The HTTP actions endpoint.</summary>
    public EndpointReference SiteEndpoint => _siteEndpoint ??= new(this, ConvexEndpoints.SiteName);
}
