using Aspire.Hosting.ApplicationModel;
using ConvexKit.Aspire.Hosting;

namespace ConvexNotes.AppHost.Tests;

/// <summary>
/// The emulator-mode application model: same endpoints, health check and connection string as the container, and the
/// same functions push and watcher resources (one resource graph in both modes).
/// </summary>
public sealed class EmulatorModeModelTests
{
    [Fact]
    public async Task ConvexIsTheEmulatorRunByNodeFromTheRepositoryRoot()
    {
        await using var builder = await AppModel.CreateModelAsync("emulator", "--Convex:EmulatorDataFile=/tmp/convexnotes-model-test.json");
        var emulator = builder.Resource<ConvexEmulatorResource>("convex-emulator");

        var args = await emulator.ArgumentsAsync();

        Assert.Equal("node", emulator.Command);
        Assert.Equal(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")), emulator.WorkingDirectory);
        Assert.True(File.Exists(Path.Combine(emulator.WorkingDirectory, "package.json")));
        Assert.Equal(
            ["--import", "tsx", "tools/convex-emulator/src/main.ts", "--port", "3210", "--site-port", "3211",
             "--instance-name", "convex-self-hosted", "--await-push", "--data", "/tmp/convexnotes-model-test.json"],
            args);
        Assert.True(File.Exists(Path.Combine(emulator.WorkingDirectory, args[2])), args[2]);
    }

    [Fact]
    public async Task AdminKeyReachesTheEmulatorThroughTheEnvironmentNotTheCommandLine()
    {
        await using var builder = await AppModel.CreateModelAsync("emulator");
        var emulator = builder.Resource<ConvexEmulatorResource>("convex-emulator");

        var environment = await emulator.EnvironmentAsync();
        var args = await emulator.ArgumentsAsync();

        Assert.NotEmpty(ConvexAdminKey.Open(environment["CONVEX_EMULATOR_ADMIN_KEY"], AdminKeyTests.DevSecret));
        Assert.DoesNotContain(args, arg => arg.Contains("convex-self-hosted|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmulatorDataDefaultsToAFileUnderTheAppHostObj()
    {
        await using var builder = await AppModel.CreateModelAsync("emulator");

        var args = await builder.Resource<ConvexEmulatorResource>("convex-emulator").ArgumentsAsync();

        Assert.Equal(Path.Combine(builder.AppHostDirectory, "obj", "convex-emulator", "convex.json"), args[^1]);
    }

    [Fact]
    public async Task EmulatorHasTheSameEndpointsHealthCheckAndConnectionStringAsTheContainer()
    {
        await using var builder = await AppModel.CreateModelAsync("emulator");
        var emulator = builder.Resource<ConvexEmulatorResource>("convex-emulator");

        var endpoints = emulator.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        var checks = emulator.Annotations.OfType<HealthCheckAnnotation>().Select(c => c.Key);

        Assert.Equal((3210, 3210, false), (endpoints["http"].Port, endpoints["http"].TargetPort, endpoints["http"].IsProxied));
        Assert.Equal((3211, 3211, false), (endpoints["site"].Port, endpoints["site"].TargetPort, endpoints["site"].IsProxied));
        Assert.Equal(["convex_admin_key_check"], checks);
        Assert.Equal(
            "Endpoint={convex-emulator.bindings.http.url};SiteEndpoint={convex-emulator.bindings.site.url}",
            builder.Resource<ConvexResource>("convex").ConnectionStringExpression.ValueExpression);
    }

    [Fact]
    public async Task EmulatorModeHasNoContainersAndInstallsNpmPackagesFirst()
    {
        await using var builder = await AppModel.CreateModelAsync("emulator");

        Assert.Empty(builder.Resources.OfType<ContainerResource>());
        Assert.Contains(("convex-npm-install", WaitType.WaitForCompletion), builder.Resource<ConvexEmulatorResource>("convex-emulator").Waits());
    }

    [Theory]
    [InlineData("convex-functions")]
    [InlineData("convex-functions-watch")]
    public async Task FunctionsPushAndWatcherRunTheSameCommandsWithTheSameEnvironmentAsInContainerMode(string resource)
    {
        await using var emulatorModel = await AppModel.CreateModelAsync("emulator");
        await using var containerModel = await AppModel.CreateModelAsync("container");
        emulatorModel.AllocateEndpoints();
        containerModel.AllocateEndpoints();
        var inEmulatorMode = emulatorModel.Resource<ExecutableResource>(resource);
        var inContainerMode = containerModel.Resource<ExecutableResource>(resource);

        var environment = await inEmulatorMode.EnvironmentAsync();
        var containerEnvironment = await inContainerMode.EnvironmentAsync();

        Assert.Equal((inContainerMode.Command, inContainerMode.WorkingDirectory), (inEmulatorMode.Command, inEmulatorMode.WorkingDirectory));
        Assert.Equal(await inContainerMode.ArgumentsAsync(), await inEmulatorMode.ArgumentsAsync());
        // Admin keys are sealed with a fresh nonce each time: equal in what they open to, not in their text.
        const string AdminKey = "CONVEX_SELF_HOSTED_ADMIN_KEY";
        Assert.Equal(containerEnvironment.Where(e => e.Key != AdminKey), environment.Where(e => e.Key != AdminKey));
        Assert.Equal(ConvexAdminKey.Open(containerEnvironment[AdminKey], AdminKeyTests.DevSecret), ConvexAdminKey.Open(environment[AdminKey], AdminKeyTests.DevSecret));
        Assert.Equal("http://127.0.0.1:3210", environment["CONVEX_SELF_HOSTED_URL"]);
        Assert.Equal("1", environment["CI"]);
        Assert.Contains(inEmulatorMode.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Type == "Parent" && r.Resource.Name == "convex");
    }

    [Fact]
    public async Task ThePushWaitsForTheHealthyEmulatorAndTheWatcherForThePush()
    {
        await using var builder = await AppModel.CreateModelAsync("emulator");

        Assert.Equal(
            [("convex-npm-install", WaitType.WaitForCompletion), ("convex-emulator", WaitType.WaitUntilHealthy)],
            builder.Resource<ExecutableResource>("convex-functions").Waits());
        Assert.Equal([("convex-functions", WaitType.WaitForCompletion)], builder.Resource<ExecutableResource>("convex-functions-watch").Waits());
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    [InlineData("web")]
    public async Task ServicesWaitForTheEmulatorAndGetTheSameConnectionString(string service)
    {
        await using var builder = await AppModel.CreateModelAsync("emulator");
        builder.AllocateEndpoints();
        var project = builder.Resource<ProjectResource>(service);

        var environment = await project.EnvironmentAsync();

        Assert.Equal("Endpoint=http://localhost:3210;SiteEndpoint=http://localhost:3211", environment["ConnectionStrings__convex"]);
        Assert.Equal([("convex", WaitType.WaitUntilHealthy)], project.Waits());
    }

    [Fact]
    public async Task EmulatorModeOffersThePushButHidesTheDashboardCommand()
    {
        await using var builder = await AppModel.CreateModelAsync("emulator");
        var commands = builder.Resource<ConvexResource>("convex").Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);
        var snapshot = new CustomResourceSnapshot { ResourceType = "Convex", Properties = [], State = KnownResourceStates.Running };

        ResourceCommandState StateOf(string command) =>
            commands[command].UpdateState(new UpdateCommandStateContext { ResourceSnapshot = snapshot, Services = null! });

        Assert.Equal(ResourceCommandState.Enabled, StateOf("copy-admin-key"));
        Assert.Equal(ResourceCommandState.Enabled, StateOf("push-functions")); // as in container mode: there is a push to run
        Assert.Equal(ResourceCommandState.Hidden, StateOf("open-dashboard"));
    }
}
