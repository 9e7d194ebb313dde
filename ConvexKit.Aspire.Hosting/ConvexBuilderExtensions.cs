using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds a Convex deployment to an Aspire application: <c>builder.AddConvex("convex").WithFunctions("../convex")</c>.</summary>
public static class ConvexBuilderExtensions
{
    /// <summary>
    /// Adds a Convex deployment named <paramref name="name"/>. Services take it with
    /// <c>.WithReference(convex).WaitFor(convex)</c>: <c>ConnectionStrings:{name}</c> is
    /// <c>Endpoint=…;SiteEndpoint=…</c> (never the admin key), and waiting means waiting until the backend is healthy
    /// and the functions are pushed.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The resource name; also the connection string name.</param>
    /// <param name="instanceSecret">
    /// The 64-hex-character INSTANCE_SECRET. By default <c>{name}-instance-secret</c>, generated on the first run and
    /// kept in the AppHost's user secrets.
    /// </param>
    /// <returns>The Convex resource builder.</returns>
    /// <remarks>
    /// The backend is the self-hosted Convex container (<c>ghcr.io/get-convex/convex-backend</c>, API on port 3210,
    /// HTTP actions on 3211) or, without a container runtime, the emulator, a test double: see
    /// <see cref="WithBackendMode"/>. The admin key is derived in the AppHost (<c>{name}-admin-key</c>) and checked
    /// against the running backend by a health check.
    /// </remarks>
    public static IResourceBuilder<ConvexResource> AddConvex(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        IResourceBuilder<ParameterResource>? instanceSecret = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var secret = instanceSecret?.Resource ?? ConvexParameters.AddInstanceSecret(builder, name).Resource;
        var adminKey = ConvexParameters.AddAdminKey(builder, name, ConvexEndpoints.DefaultInstanceName, secret).Resource;
        var convex = builder.AddResource(new ConvexResource(name, secret, adminKey))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Convex",
                State = KnownResourceStates.Starting,
                Properties = [],
            })
            .WithIconName("DatabaseLightning")
            .WithCopyAdminKeyCommand();

        ConvexAppModel.Register(convex);
        ConvexLifecycle.Register(convex);
        return convex;
    }

    /// <summary>
    /// The Convex functions to serve: pushed once when the backend is healthy (<c>convex deploy</c>, the
    /// <c>{name}-functions</c> child), then watched and pushed on every change (<c>convex dev</c>,
    /// <c>{name}-functions-watch</c>). Both run the functions project's own Convex CLI, after an npm install
    /// (<c>{name}-npm-install</c>) that runs only when node_modules is missing or older than package-lock.json.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="path">
    /// The functions directory, relative to the AppHost's directory (e.g. <c>../convex</c>). Its parent folder is the
    /// functions project: it holds package.json (with the <c>convex</c> package) and node_modules.
    /// </param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithFunctions(this IResourceBuilder<ConvexResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);

        builder.Resource.Setup.FunctionsDirectory = Path.GetFullPath(Path.Combine(builder.ApplicationBuilder.AppHostDirectory, path));
        return builder.WithPushFunctionsCommand();
    }

    /// <summary>
    /// Adds the Convex dashboard (<c>ghcr.io/get-convex/convex-dashboard</c>, same tag as the backend) on port 6791,
    /// pointed at the backend's host URL with the admin key prefilled: one click on "Log In" and it is open. Container
    /// mode only: the emulator has no dashboard.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="configureContainer">Configures the dashboard container, once it is added.</param>
    /// <param name="containerName">The dashboard resource name; <c>{name}-dashboard</c> by default.</param>
    /// <returns>The Convex resource builder.</returns>
    /// <remarks>The page embeds the admin key, so treat the dashboard URL as secret.</remarks>
    public static IResourceBuilder<ConvexResource> WithDashboard(
        this IResourceBuilder<ConvexResource> builder,
        Action<IResourceBuilder<ConvexDashboardResource>>? configureContainer = null,
        string? containerName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var setup = builder.Resource.Setup;
        if (setup.DashboardName is null)
        {
            setup.DashboardName = containerName ?? $"{builder.Resource.Name}-dashboard";
            ConvexContainerBackend.RegisterDashboardHealthCheck(builder);
            builder.WithOpenDashboardCommand();
        }

        if (configureContainer is not null)
        {
            setup.DashboardCallbacks.Add(configureContainer);
        }

        return builder;
    }

    /// <summary>
    /// Keeps the backend's data across runs. Container mode: a named volume at <c>/convex/data</c> (SQLite database,
    /// files, and the backend's copy of the credentials). Emulator mode: the data file
    /// <c>obj/convex-emulator/{name}.json</c> under the AppHost's directory.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="name">The volume name; generated from the application and resource names by default.</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithDataVolume(this IResourceBuilder<ConvexResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Setup.Data = new(name ?? VolumeNameGenerator.Generate(builder, "data"), HostPath: null);
        return builder;
    }

    /// <summary>
    /// Keeps the backend's data in a host folder. Container mode: bind-mounted at <c>/convex/data</c>. Emulator mode:
    /// the data file <c>{name}.json</c> in that folder.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="source">The host folder, relative to the AppHost's directory or absolute.</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithDataBindMount(this IResourceBuilder<ConvexResource> builder, string source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(source);
        builder.Resource.Setup.Data = new(VolumeName: null, Path.GetFullPath(Path.Combine(builder.ApplicationBuilder.AppHostDirectory, source)));
        return builder;
    }

    /// <summary>
    /// Chooses the backend: <see cref="ConvexBackendMode.Container"/> (the self-hosted Convex containers),
    /// <see cref="ConvexBackendMode.Emulator"/> (the emulator, a test double of Convex that needs only Node), or
    /// <see cref="ConvexBackendMode.Auto"/> (the default: the containers when a container runtime answers, otherwise
    /// the emulator, with a warning). The configuration key <c>Convex:Backend</c>, when set, wins over this call.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="mode">The backend mode.</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithBackendMode(this IResourceBuilder<ConvexResource> builder, ConvexBackendMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a Convex backend mode.");
        }

        builder.Resource.Setup.Mode = mode;
        return builder;
    }
}
