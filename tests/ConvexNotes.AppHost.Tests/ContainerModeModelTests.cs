using Aspire.Hosting.ApplicationModel;
using ConvexKit.Aspire.Hosting;

namespace ConvexNotes.AppHost.Tests;

/// <summary>The container-mode application model, inspected without a container runtime.</summary>
public sealed class ContainerModeModelTests
{
    [Fact]
    public async Task BackendAndDashboardUseOnePinnedCommitTagOnGhcr()
    {
        await using var builder = await AppModel.CreateModelAsync("container");

        var backend = Assert.Single(builder.Resource<ConvexBackendResource>("convex-backend").Annotations.OfType<ContainerImageAnnotation>());
        var dashboard = Assert.Single(builder.Resource<ConvexDashboardResource>("convex-dashboard").Annotations.OfType<ContainerImageAnnotation>());

        Assert.Equal(("ghcr.io", "get-convex/convex-backend"), (backend.Registry, backend.Image));
        Assert.Equal(("ghcr.io", "get-convex/convex-dashboard"), (dashboard.Registry, dashboard.Image));
        Assert.Matches("^[0-9a-f]{40}$", backend.Tag);
        Assert.Equal(backend.Tag, dashboard.Tag);
    }

    [Fact]
    public async Task PortsArePublishedAsThemselvesWithoutAProxy()
    {
        await using var builder = await AppModel.CreateModelAsync("container");

        var endpoints = builder.Resource<ConvexBackendResource>("convex-backend").Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        var dashboard = Assert.Single(builder.Resource<ConvexDashboardResource>("convex-dashboard").Annotations.OfType<EndpointAnnotation>());

        Assert.Equal(["http", "site"], endpoints.Keys.Order());
        Assert.Equal((3210, 3210, false, "http"), (endpoints["http"].Port, endpoints["http"].TargetPort, endpoints["http"].IsProxied, endpoints["http"].UriScheme));
        Assert.Equal((3211, 3211, false, "http"), (endpoints["site"].Port, endpoints["site"].TargetPort, endpoints["site"].IsProxied, endpoints["site"].UriScheme));
        Assert.Equal((6791, 6791), (dashboard.Port, dashboard.TargetPort));
    }

    [Fact]
    public async Task BackendEnvironmentCarriesNameSecretHostOriginsAndNoBeacon()
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        builder.AllocateEndpoints();

        var environment = await builder.Resource<ConvexBackendResource>("convex-backend").EnvironmentAsync();

        Assert.Equal("convex-self-hosted", environment["INSTANCE_NAME"]);
        Assert.Equal(AdminKeyTests.DevSecret, environment["INSTANCE_SECRET"]);
        Assert.Equal("http://127.0.0.1:3210", environment["CONVEX_CLOUD_ORIGIN"]);
        Assert.Equal("http://127.0.0.1:3211", environment["CONVEX_SITE_ORIGIN"]);
        Assert.Equal("true", environment["DISABLE_BEACON"]);
        Assert.Equal("172800", environment["DOCUMENT_RETENTION_DELAY"]);
        Assert.Equal("true", environment["DISABLE_METRICS_ENDPOINT"]);
    }

    [Fact]
    public async Task ConvexIsAParentThatRunsNothingItselfWithItsChildrenBeneathIt()
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        var convex = builder.Resource<ConvexResource>("convex");

        var children = builder.Resources
            .Where(r => r.Annotations.OfType<ResourceRelationshipAnnotation>().Any(a => a.Type == "Parent" && a.Resource == convex))
            .Select(r => r.Name)
            .Order();

        Assert.IsNotType<ContainerResource>(convex, exactMatch: false);
        Assert.IsNotType<ExecutableResource>(convex, exactMatch: false);
        Assert.Empty(convex.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Equal(["convex-backend", "convex-dashboard", "convex-functions", "convex-functions-watch", "convex-npm-install"], children);
    }

    [Fact]
    public async Task DataLivesInAVolumeAtConvexData()
    {
        await using var builder = await AppModel.CreateModelAsync("container");

        var mount = Assert.Single(builder.Resource<ConvexBackendResource>("convex-backend").Annotations.OfType<ContainerMountAnnotation>());

        Assert.Equal(ContainerMountType.Volume, mount.Type);
        Assert.Equal("/convex/data", mount.Target);
        Assert.False(string.IsNullOrEmpty(mount.Source));
        Assert.False(mount.IsReadOnly);
    }

    [Fact]
    public async Task BackendStopsWithSigint()
    {
        await using var builder = await AppModel.CreateModelAsync("container");

        var args = await builder.Resource<ConvexBackendResource>("convex-backend").ContainerRuntimeArgsAsync();

        Assert.Equal(["--stop-signal", "SIGINT"], args);
        Assert.Equal(["--stop-signal", "SIGINT"], await builder.Resource<ConvexDashboardResource>("convex-dashboard").ContainerRuntimeArgsAsync());
    }

    [Fact]
    public async Task BackendIsHealthyOnlyWhenVersionAnswersAndTheAdminKeyIsAccepted()
    {
        await using var builder = await AppModel.CreateModelAsync("container");

        var checks = builder.Resource<ConvexBackendResource>("convex-backend").Annotations.OfType<HealthCheckAnnotation>().Select(c => c.Key).ToList();

        // One check asks GET /version, then GET /api/check_admin_key (AdminKeyHealthCheckTests runs it against a server).
        Assert.Equal(["convex_admin_key_check"], checks);
    }

    [Fact]
    public async Task DashboardPointsTheBrowserAtTheBackendWithTheAdminKeyPrefilled()
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        builder.AllocateEndpoints();
        var dashboard = builder.Resource<ConvexDashboardResource>("convex-dashboard");

        var environment = await dashboard.EnvironmentAsync();

        Assert.Equal("http://127.0.0.1:3210", environment["NEXT_PUBLIC_DEPLOYMENT_URL"]);
        Assert.StartsWith("convex-self-hosted|", environment["NEXT_PUBLIC_ADMIN_KEY"], StringComparison.Ordinal);
        Assert.NotEmpty(ConvexAdminKey.Open(environment["NEXT_PUBLIC_ADMIN_KEY"], AdminKeyTests.DevSecret));
        Assert.Contains(("convex-backend", WaitType.WaitUntilHealthy), dashboard.Waits());
        Assert.Contains(dashboard.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Type == "Parent" && r.Resource.Name == "convex");
        Assert.Equal(["convex_dashboard_check"], dashboard.Annotations.OfType<HealthCheckAnnotation>().Select(c => c.Key));
    }

    [Fact]
    public async Task ConnectionStringHasBothEndpointsAndNoAdminKey()
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        var convex = builder.Resource<ConvexResource>("convex");

        Assert.Equal("Endpoint={convex-backend.bindings.http.url};SiteEndpoint={convex-backend.bindings.site.url}", convex.ConnectionStringExpression.ValueExpression);
        Assert.Equal(
            ["Host", "Port", "Uri", "SiteUri"],
            ((IResourceWithConnectionString)convex).GetConnectionProperties().Select(p => p.Key));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    [InlineData("web")]
    public async Task ServicesReferenceConvexAndWaitOnlyForIt(string service)
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        builder.AllocateEndpoints();
        var project = builder.Resource<ProjectResource>(service);

        var environment = await project.EnvironmentAsync();

        Assert.Equal("Endpoint=http://localhost:3210;SiteEndpoint=http://localhost:3211", environment["ConnectionStrings__convex"]);
        Assert.DoesNotContain(environment.Values, value => value.Contains("convex-self-hosted|", StringComparison.Ordinal));
        // Waiting for convex includes the functions push: ConvexLifecycle keeps it Starting until the push has finished.
        Assert.Equal([("convex", WaitType.WaitUntilHealthy)], project.Waits());
        Assert.Contains(project.Annotations.OfType<HealthCheckAnnotation>(), c => c.Key.Contains("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionsArePushedOnceWithTheProjectCliThenWatched()
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        var push = builder.Resource<ExecutableResource>("convex-functions");
        var watch = builder.Resource<ExecutableResource>("convex-functions-watch");
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

        var pushArgs = await push.ArgumentsAsync();
        var watchArgs = await watch.ArgumentsAsync();

        Assert.Equal(("node", repositoryRoot), (push.Command, push.WorkingDirectory));
        Assert.Equal(["node_modules/convex/bin/main.js", "deploy"], pushArgs[..2]);
        Assert.Equal(("node", repositoryRoot), (watch.Command, watch.WorkingDirectory));
        Assert.EndsWith("fail-on-exit.mjs", watchArgs[0], StringComparison.Ordinal);
        Assert.True(File.Exists(watchArgs[0]), watchArgs[0]);
        Assert.Equal(["node_modules/convex/bin/main.js", "dev"], watchArgs[1..3]);
        Assert.Contains(("convex-backend", WaitType.WaitUntilHealthy), push.Waits());
        Assert.Contains(("convex-npm-install", WaitType.WaitForCompletion), push.Waits());
        Assert.Contains(("convex-functions", WaitType.WaitForCompletion), watch.Waits());
    }

    [Theory]
    [InlineData("convex-functions")]
    [InlineData("convex-functions-watch")]
    public async Task TheCliTalksToTheSelfHostedBackendOnly(string resource)
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        builder.AllocateEndpoints();

        var environment = await builder.Resource<ExecutableResource>(resource).EnvironmentAsync();

        Assert.Equal("http://127.0.0.1:3210", environment["CONVEX_SELF_HOSTED_URL"]);
        Assert.NotEmpty(ConvexAdminKey.Open(environment["CONVEX_SELF_HOSTED_ADMIN_KEY"], AdminKeyTests.DevSecret));
        Assert.Equal("", environment["CONVEX_DEPLOYMENT"]);
        Assert.Equal("", environment["CONVEX_DEPLOY_KEY"]);
        Assert.Equal("", environment["CONVEX_DEPLOYMENT_TOKEN"]);
        Assert.Equal("1", environment["CI"]);
    }

    [Fact]
    public async Task AdminKeyIsASecretParameterDerivedFromTheInstanceSecret()
    {
        await using var builder = await AppModel.CreateModelAsync("container");
        var adminKey = builder.Resource<ParameterResource>("convex-admin-key");

        var value = await adminKey.GetValueAsync(TestContext.Current.CancellationToken);

        Assert.True(adminKey.Secret);
        Assert.True(builder.Resource<ParameterResource>("convex-instance-secret").Secret);
        Assert.Equal([0x10], ConvexAdminKey.Open(value!, AdminKeyTests.DevSecret)[..1]);
    }

    [Fact]
    public async Task ConvexOffersPushOpenDashboardAndCopyAdminKeyCommands()
    {
        await using var builder = await AppModel.CreateModelAsync("container");

        var commands = builder.Resource<ConvexResource>("convex").Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name);

        Assert.Superset(new HashSet<string>(["push-functions", "open-dashboard", "copy-admin-key"]), commands.ToHashSet());
    }
}
