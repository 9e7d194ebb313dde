using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Convex deployment for the app: what services reference (<c>ConnectionStrings:{name}</c>) and wait for. It runs
/// nothing itself; its children do: the backend (the self-hosted container, or the emulator test double), the Convex
/// dashboard, the npm install and the functions push and watcher. It becomes Running, and so releases whatever waits
/// for it, once the backend is healthy and the first functions push has finished.
/// </summary>
/// <remarks>
/// Which backend runs is decided when the app starts (<see cref="ConvexBackendMode"/>), after every <c>With…</c>
/// call and the configuration are known; the children are added to the model then.
/// </remarks>
/// <param name="name">The resource name; also the connection string name.</param>
/// <param name="instanceSecret">The 64-hex-character instance secret that admin keys are derived from.</param>
/// <param name="adminKey">The admin key derived from the instance name and secret.</param>
public class ConvexResource(string name, ParameterResource instanceSecret, ParameterResource adminKey)
    : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <summary>The deployment's instance name; it is baked into every admin key.</summary>
    public string InstanceName => ConvexEndpoints.DefaultInstanceName;

    /// <summary>The 64-hex-character instance secret that admin keys are derived from.</summary>
    public ParameterResource InstanceSecretParameter { get; } = instanceSecret;

    /// <summary>
    /// The admin key the AppHost derives from <see cref="InstanceName"/> and the instance secret. It is a superuser
    /// credential: it never goes into the connection string.
    /// </summary>
    public ParameterResource AdminKeyParameter { get; } = adminKey;

    /// <summary><c>Endpoint=…;SiteEndpoint=…</c> of the running backend; never the admin key.</summary>
    /// <exception cref="InvalidOperationException">Read before the app started, when no backend is chosen yet.</exception>
    public ReferenceExpression ConnectionStringExpression => ConvexEndpoints.ConnectionString(Backend);

    /// <summary>What the <c>With…</c> methods asked for; read when the children are added.</summary>
    internal ConvexSetup Setup { get; } = new();

    /// <summary>The children, once the app has started and the backend mode is resolved.</summary>
    internal ConvexParts? Parts { get; set; }

    /// <summary>The backend child: the container or the emulator.</summary>
    internal IConvexBackendResource Backend => Parts?.Backend
        ?? throw new InvalidOperationException($"The Convex backend of '{Name}' is chosen when the app starts; it is not known yet.");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        ConvexEndpoints.ConnectionProperties(Backend);
}
