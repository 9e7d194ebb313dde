using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ConvexKit.Aspire.Hosting;

namespace ConvexNotes.AppHost.Tests;

/// <summary>
/// WithPostgres, WithS3Storage, WithDeploymentVariable and the data commands on an AppHost of their own, checked
/// against the application model: the exact environment of the backend container, what it waits for, and the commands.
/// </summary>
public sealed class StorageAndVariablesModelTests
{
    [Fact]
    public async Task PostgresGivesTheServerUrlWithoutADatabaseAndAnEncodedPasswordAndCreatesTheInstanceDatabaseFirst()
    {
        var builder = Create("--Convex:Backend=container", "--Parameters:pg-password=p@ss:w/rd %1", "--Parameters:pg-user=convex user");
        var postgres = builder.AddPostgres("pg", builder.AddParameter("pg-user"), builder.AddParameter("pg-password", secret: true));
        builder.AddConvex("convex").WithPostgres(postgres);

        await builder.CompleteModelAsync();
        builder.AllocateEndpoints();
        AllocateOnContainerNetwork(postgres.Resource);
        var backend = builder.Resource<ConvexBackendResource>("convex-backend");
        var environment = await backend.EnvironmentAsync();
        var database = builder.Resource<PostgresDatabaseResource>("convex-database");

        // The backend is a container: it reaches the server by its name on Aspire's container network, no database path.
        Assert.Equal("postgresql://convex%20user:p%40ss%3Aw%2Frd%20%251@pg:5432", environment["POSTGRES_URL"]);
        Assert.Equal("1", environment["DO_NOT_REQUIRE_SSL"]);
        Assert.Equal("convex_self_hosted", database.DatabaseName);
        Assert.Same(postgres.Resource, database.Parent);
        Assert.Contains(("convex-database", WaitType.WaitUntilHealthy), backend.Waits());
    }

    [Fact]
    public async Task PostgresWithTheDefaultUserNamesPostgres()
    {
        var builder = Create("--Convex:Backend=container", "--Parameters:pg-password=secret");
        var postgres = builder.AddPostgres("pg", password: builder.AddParameter("pg-password", secret: true));
        builder.AddConvex("convex").WithPostgres(postgres);

        await builder.CompleteModelAsync();
        builder.AllocateEndpoints();
        AllocateOnContainerNetwork(postgres.Resource);
        var environment = await builder.Resource<ConvexBackendResource>("convex-backend").EnvironmentAsync();

        Assert.Equal("postgresql://postgres:secret@pg:5432", environment["POSTGRES_URL"]);
    }

    [Fact]
    public async Task S3StorageSetsRegionTheFiveBucketsEndpointPathStyleAndTheKeys()
    {
        var builder = Create("--Convex:Backend=container", "--Parameters:s3-key=AKIAEXAMPLE", "--Parameters:s3-secret=wJalr/EXAMPLE");
        builder.AddConvex("convex").WithS3Storage(builder.AddParameter("s3-key"), builder.AddParameter("s3-secret", secret: true), s3 =>
        {
            s3.Region = "eu-west-1";
            s3.EndpointUrl = "http://minio:9000";
            s3.ForcePathStyle = true;
            s3.FilesBucket = "notes-files";
        });

        await builder.CompleteModelAsync();
        builder.AllocateEndpoints();
        var environment = await builder.Resource<ConvexBackendResource>("convex-backend").EnvironmentAsync();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AWS_REGION"] = "eu-west-1",
                ["S3_STORAGE_EXPORTS_BUCKET"] = "convex-snapshot-exports",
                ["S3_STORAGE_SNAPSHOT_IMPORTS_BUCKET"] = "convex-snapshot-imports",
                ["S3_STORAGE_MODULES_BUCKET"] = "convex-modules",
                ["S3_STORAGE_FILES_BUCKET"] = "notes-files",
                ["S3_STORAGE_SEARCH_BUCKET"] = "convex-search-indexes",
                ["S3_ENDPOINT_URL"] = "http://minio:9000",
                ["AWS_S3_FORCE_PATH_STYLE"] = "true",
                ["AWS_ACCESS_KEY_ID"] = "AKIAEXAMPLE",
                ["AWS_SECRET_ACCESS_KEY"] = "wJalr/EXAMPLE",
            },
            environment.Where(e => e.Key.StartsWith("AWS_", StringComparison.Ordinal) || e.Key.StartsWith("S3_", StringComparison.Ordinal)).ToDictionary());
    }

    [Fact]
    public void S3StorageRefusesASecretKeyThatIsNotASecretParameter()
    {
        var builder = Create();
        var convex = builder.AddConvex("convex");

        var error = Assert.Throws<ArgumentException>(() => convex.WithS3Storage(builder.AddParameter("key", "k"), builder.AddParameter("plain", "v")));

        Assert.Contains("must be a secret parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEmulatorIgnoresPostgresAndS3()
    {
        var builder = Create("--Convex:Backend=emulator", "--Parameters:pg-password=x", "--Parameters:k=k", "--Parameters:s=s");
        var postgres = builder.AddPostgres("pg", password: builder.AddParameter("pg-password", secret: true));
        builder.AddConvex("convex").WithFunctions("convex").WithPostgres(postgres)
            .WithS3Storage(builder.AddParameter("k"), builder.AddParameter("s", secret: true));

        await builder.CompleteModelAsync();
        var environment = await builder.Resource<ConvexEmulatorResource>("convex-emulator").EnvironmentAsync();

        Assert.DoesNotContain(environment.Keys, key => key is "POSTGRES_URL" or "AWS_REGION");
    }

    [Theory]
    [InlineData("1ABC")]
    [InlineData("MY-VAR")]
    [InlineData("")]
    [InlineData("has space")]
    public void DeploymentVariableNamesFollowTheBackendsRule(string name)
    {
        var convex = Create().AddConvex("convex");

        Assert.ThrowsAny<ArgumentException>(() => convex.WithDeploymentVariable(name, "value"));
    }

    [Fact]
    public void TheLastValueForADeploymentVariableWins()
    {
        var builder = Create();
        var secret = builder.AddParameter("api-key", "s3cr3t", secret: true);
        var convex = builder.AddConvex("convex")
            .WithDeploymentVariable("GREETING", "hello")
            .WithDeploymentVariable("API_KEY", secret)
            .WithDeploymentVariable("GREETING", "bonjour");

        var variables = convex.Resource.Annotations.OfType<ConvexDeploymentVariableAnnotation>().ToList();

        Assert.Equal(["API_KEY", "GREETING"], variables.Select(v => v.Name).Order());
        Assert.Equal("bonjour", Assert.Single(variables, v => v.Name == "GREETING").Value);
        Assert.Same(secret.Resource, Assert.Single(variables, v => v.Name == "API_KEY").Value);
    }

    [Fact]
    public void TheConvexResourceCarriesTheDataCommands()
    {
        var convex = Create().AddConvex("convex").WithSeedData("notes", "seed/notes.jsonl");

        var commands = convex.Resource.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);

        Assert.Superset(new HashSet<string> { "run-function", "export-data", "import-data", "clear-data", "seed" }, commands.Keys.ToHashSet());
        Assert.Equal(["path", "args"], commands["run-function"].Arguments.Select(a => a.Name));
        Assert.Equal(["path", "mode", "table"], commands["import-data"].Arguments.Select(a => a.Name));
        Assert.NotNull(commands["import-data"].ConfirmationMessage);
        Assert.NotNull(commands["clear-data"].ConfirmationMessage);
    }

    /// <summary>What DCP does for a container on Aspire's container network: its name and target port.</summary>
    private static void AllocateOnContainerNetwork(PostgresServerResource postgres)
    {
        var network = KnownNetworkIdentifiers.DefaultAspireContainerNetwork;
        var endpoint = postgres.PrimaryEndpoint.EndpointAnnotation;
        endpoint.AllAllocatedEndpoints.AddOrUpdateAllocatedEndpoint(
            network, new AllocatedEndpoint(endpoint, postgres.Name, 5432, EndpointBindingMode.SingleAddress, targetPortExpression: null, network));
    }

    private static IDistributedApplicationBuilder Create(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [$"--Parameters:convex-instance-secret={AdminKeyTests.DevSecret}", .. args],
            DisableDashboard = true,
            ProjectDirectory = AppContext.BaseDirectory,
        });
}
