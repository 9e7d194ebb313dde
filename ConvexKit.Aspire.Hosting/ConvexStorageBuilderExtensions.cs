using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// Moves the backend's data out of its container: documents to PostgreSQL, files, modules, search indexes and
/// snapshots to S3-compatible storage. The variables are those of upstream's self-hosted/docker/docker-compose.yml,
/// read by self-hosted/docker-build/run_backend.sh. See docs/postgres-and-s3.md.
/// </summary>
public static class ConvexStorageBuilderExtensions
{
    /// <summary>
    /// Keeps the backend's database in <paramref name="postgres"/>: <c>POSTGRES_URL</c> is the server URL without a
    /// database path (user name and percent-encoded password included), the database is named after the instance name
    /// with '-' turned into '_' (<c>convex_self_hosted</c>) and is created before the backend starts, which waits for
    /// it; <c>DO_NOT_REQUIRE_SSL</c> is set, as Aspire's PostgreSQL container serves no TLS.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="postgres">The PostgreSQL server (Aspire.Hosting.PostgreSQL's <c>AddPostgres</c>).</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithPostgres(this IResourceBuilder<ConvexResource> builder, IResourceBuilder<PostgresServerResource> postgres)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(postgres);

        var server = postgres.Resource;
        var database = postgres.AddDatabase($"{builder.Resource.Name}-database", ConvexStorage.DatabaseName(builder.Resource.InstanceName));
        return builder.WithBackendContainer(backend => backend
            .WithEnvironment(context =>
            {
                var hostAndPort = server.PrimaryEndpoint.Property(EndpointProperty.HostAndPort);
                // Without a user name parameter the server's user is Aspire's default, "postgres".
                context.EnvironmentVariables[ConvexStorage.PostgresUrl] = server.UserNameParameter is { } user
                    ? ReferenceExpression.Create($"postgresql://{user:uri}:{server.PasswordParameter:uri}@{hostAndPort}")
                    : ReferenceExpression.Create($"postgresql://{ConvexStorage.DefaultPostgresUser}:{server.PasswordParameter:uri}@{hostAndPort}");
                // run_backend.sh passes --do-not-require-ssl for any non-empty value.
                context.EnvironmentVariables[ConvexStorage.DoNotRequireSsl] = "1";
            })
            .WaitFor(database));
    }

    /// <summary>
    /// Keeps files, modules, search indexes, snapshot exports and snapshot imports in S3-compatible storage. All five
    /// buckets must exist; the backend falls back to its local disk when any of them (or the region) is missing.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="accessKeyId">AWS_ACCESS_KEY_ID.</param>
    /// <param name="secretAccessKey">AWS_SECRET_ACCESS_KEY; must be a secret parameter.</param>
    /// <param name="configure">Region, endpoint (for MinIO, R2 and other S3-compatible stores), path-style addressing and bucket names.</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithS3Storage(
        this IResourceBuilder<ConvexResource> builder,
        IResourceBuilder<ParameterResource> accessKeyId,
        IResourceBuilder<ParameterResource> secretAccessKey,
        Action<ConvexS3StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentNullException.ThrowIfNull(secretAccessKey);
        if (!secretAccessKey.Resource.Secret)
        {
            throw new ArgumentException($"The S3 secret access key parameter '{secretAccessKey.Resource.Name}' must be a secret parameter (secret: true).", nameof(secretAccessKey));
        }

        var options = new ConvexS3StorageOptions();
        configure?.Invoke(options);
        options.Validate();
        return builder.WithBackendContainer(backend => backend.WithEnvironment(context =>
        {
            foreach (var (name, value) in ConvexStorage.S3Environment(options))
            {
                context.EnvironmentVariables[name] = value;
            }

            context.EnvironmentVariables["AWS_ACCESS_KEY_ID"] = accessKeyId.Resource;
            context.EnvironmentVariables["AWS_SECRET_ACCESS_KEY"] = secretAccessKey.Resource;
        }));
    }

    /// <summary>
    /// Configures the backend container once it exists (container mode). The emulator keeps its data in its own file,
    /// so in emulator mode Postgres and S3 are not used (docs/postgres-and-s3.md).
    /// </summary>
    private static IResourceBuilder<ConvexResource> WithBackendContainer(this IResourceBuilder<ConvexResource> builder, Action<IResourceBuilder<ConvexBackendResource>> configure)
    {
        builder.Resource.Setup.PartsCallbacks.Add(parts =>
        {
            if (parts.Container is { } container)
            {
                configure(container);
            }
        });
        return builder;
    }
}
