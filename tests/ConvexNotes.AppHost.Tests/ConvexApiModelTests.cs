using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ConvexKit.Aspire.Hosting;

namespace ConvexNotes.AppHost.Tests;

/// <summary>The hosting API on an AppHost of its own (not ConvexNotes'), its model built as the app would start it.</summary>
public sealed class ConvexApiModelTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("convexkit-hosting-model-");

    [Fact]
    public async Task TheModeChosenInCodeDecidesWhenConfigurationIsSilent()
    {
        var builder = Create();
        builder.AddConvex("convex").WithFunctions(FunctionsDirectory).WithDashboard().WithBackendMode(ConvexBackendMode.Emulator);

        await builder.CompleteModelAsync();

        Assert.Single(builder.Resources.OfType<ConvexEmulatorResource>());
        Assert.Empty(builder.Resources.OfType<ContainerResource>()); // no backend, and no dashboard without a container
    }

    [Fact]
    public async Task ConfigurationWinsOverTheModeChosenInCode()
    {
        var builder = Create("--Convex:Backend=container");
        builder.AddConvex("convex").WithFunctions(FunctionsDirectory).WithBackendMode(ConvexBackendMode.Emulator);

        await builder.CompleteModelAsync();

        Assert.Single(builder.Resources.OfType<ConvexBackendResource>());
        Assert.Empty(builder.Resources.OfType<ConvexEmulatorResource>());
    }

    [Fact]
    public async Task ABindMountHoldsTheContainersDataOrTheEmulatorsDataFile()
    {
        var data = Path.Combine(_temp.FullName, "data");
        var container = Create("--Convex:Backend=container");
        container.AddConvex("convex").WithDataBindMount(data);
        var emulator = Create("--Convex:Backend=emulator");
        emulator.AddConvex("notes").WithFunctions(FunctionsDirectory).WithDataBindMount(data);

        await container.CompleteModelAsync();
        await emulator.CompleteModelAsync();
        var mount = Assert.Single(container.Resource<ConvexBackendResource>("convex-backend").Annotations.OfType<ContainerMountAnnotation>());
        var args = await emulator.Resource<ConvexEmulatorResource>("notes-emulator").ArgumentsAsync();

        Assert.Equal((ContainerMountType.BindMount, data, "/convex/data"), (mount.Type, mount.Source, mount.Target));
        Assert.Equal(["--data", Path.Combine(data, "notes.json")], args[^2..]);
    }

    [Fact]
    public async Task WithoutADataOptionNothingIsKept()
    {
        var container = Create("--Convex:Backend=container");
        container.AddConvex("convex");
        var emulator = Create("--Convex:Backend=emulator");
        emulator.AddConvex("convex").WithFunctions(FunctionsDirectory);

        await container.CompleteModelAsync();
        await emulator.CompleteModelAsync();

        Assert.Empty(container.Resource<ConvexBackendResource>("convex-backend").Annotations.OfType<ContainerMountAnnotation>());
        Assert.DoesNotContain("--data", await emulator.Resource<ConvexEmulatorResource>("convex-emulator").ArgumentsAsync());
    }

    [Fact]
    public async Task WithoutFunctionsNothingIsPushedAndNothingInstalled()
    {
        var builder = Create("--Convex:Backend=container");
        builder.AddConvex("convex");

        await builder.CompleteModelAsync();

        Assert.Empty(builder.Resources.OfType<ExecutableResource>());
    }

    [Fact]
    public async Task TheFunctionsProjectIsTheFunctionsDirectorysParent()
    {
        var builder = Create("--Convex:Backend=container");
        builder.AddConvex("convex").WithFunctions(FunctionsDirectory);

        await builder.CompleteModelAsync();

        Assert.All(
            builder.Resources.OfType<ExecutableResource>(),
            executable => Assert.Equal(_temp.FullName, executable.WorkingDirectory));
    }

    [Fact]
    public async Task TheEmulatorWithoutFunctionsStartsEmptyAndNothingIsPushed()
    {
        var builder = Create("--Convex:Backend=emulator");
        builder.AddConvex("convex");

        await builder.CompleteModelAsync();

        Assert.Contains("--await-push", await builder.Resource<ConvexEmulatorResource>("convex-emulator").ArgumentsAsync());
        Assert.Equal(["convex-emulator"], builder.Resources.OfType<ExecutableResource>().Select(r => r.Name));
    }

    [Fact]
    public async Task TheDashboardIsConfiguredByItsCallbackOnceAdded()
    {
        var builder = Create("--Convex:Backend=container");
        builder.AddConvex("convex").WithDashboard(dashboard => dashboard.WithEnvironment("EXTRA", "1"), containerName: "console");

        await builder.CompleteModelAsync();
        builder.AllocateEndpoints();

        Assert.Equal("1", (await builder.Resource<ConvexDashboardResource>("console").EnvironmentAsync())["EXTRA"]);
    }

    [Fact]
    public void TheConnectionStringIsNotKnownBeforeTheBackendIsChosen()
    {
        var builder = Create();
        var convex = builder.AddConvex("convex");

        var error = Assert.Throws<InvalidOperationException>(() => convex.Resource.ConnectionStringExpression);

        Assert.Contains("when the app starts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherHostPortsComeWithMatchingOriginsDashboardUrlCliUrlAndConnectionString()
    {
        var builder = Create("--Convex:Backend=container");
        var convex = builder.AddConvex("convex").WithFunctions(FunctionsDirectory).WithDashboard().WithHostPorts(api: 3310, site: 3311, dashboard: 6891);

        await builder.CompleteModelAsync();
        builder.AllocateEndpoints();
        var backend = builder.Resource<ConvexBackendResource>("convex-backend");
        var endpoints = backend.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        var dashboard = builder.Resource<ConvexDashboardResource>("convex-dashboard");
        var environment = await backend.EnvironmentAsync();

        Assert.Equal((3310, 3210), (endpoints["http"].Port, endpoints["http"].TargetPort));
        Assert.Equal((3311, 3211), (endpoints["site"].Port, endpoints["site"].TargetPort));
        Assert.Equal((6891, 6791), (dashboard.Annotations.OfType<EndpointAnnotation>().Single().Port, dashboard.Annotations.OfType<EndpointAnnotation>().Single().TargetPort));
        Assert.Equal("http://127.0.0.1:3310", environment["CONVEX_CLOUD_ORIGIN"]);
        Assert.Equal("http://127.0.0.1:3311", environment["CONVEX_SITE_ORIGIN"]);
        Assert.Equal("http://127.0.0.1:3310", (await dashboard.EnvironmentAsync())["NEXT_PUBLIC_DEPLOYMENT_URL"]);
        Assert.Equal("http://127.0.0.1:3310", (await builder.Resource<ExecutableResource>("convex-functions").EnvironmentAsync())["CONVEX_SELF_HOSTED_URL"]);
        Assert.Equal("Endpoint=http://localhost:3310;SiteEndpoint=http://localhost:3311", await convex.Resource.ConnectionStringExpression.GetValueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheEmulatorListensOnTheHostPortsItself()
    {
        var builder = Create("--Convex:Backend=emulator");
        builder.AddConvex("convex").WithFunctions(FunctionsDirectory).WithHostPorts(api: 3310, site: 3311);

        await builder.CompleteModelAsync();
        var emulator = builder.Resource<ConvexEmulatorResource>("convex-emulator");
        var args = await emulator.ArgumentsAsync();
        var endpoints = emulator.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);

        Assert.Equal(["--port", "3310", "--site-port", "3311"], args[3..7]);
        Assert.Equal((3310, 3310, 3311, 3311), (endpoints["http"].Port, endpoints["http"].TargetPort, endpoints["site"].Port, endpoints["site"].TargetPort));
    }

    [Theory]
    [InlineData(3310, 3310, 6791)]
    [InlineData(0, 3211, 6791)]
    public void HostPortsMustBeValidAndDistinct(int api, int site, int dashboard)
    {
        var convex = Create().AddConvex("convex");

        Assert.ThrowsAny<ArgumentException>(() => convex.WithHostPorts(api, site, dashboard));
    }

    [Fact]
    public async Task APersistentLifetimeKeepsBackendAndDashboardRunningAcrossRuns()
    {
        var builder = Create("--Convex:Backend=container");
        builder.AddConvex("convex").WithDashboard().WithDataVolume().WithLifetime(ContainerLifetime.Persistent);

        await builder.CompleteModelAsync();

        Assert.Equal(ContainerLifetime.Persistent, builder.Resource<ConvexBackendResource>("convex-backend").Annotations.OfType<ContainerLifetimeAnnotation>().Last().Lifetime);
        Assert.Equal(ContainerLifetime.Persistent, builder.Resource<ConvexDashboardResource>("convex-dashboard").Annotations.OfType<ContainerLifetimeAnnotation>().Last().Lifetime);
    }

    [Fact]
    public void APortInUseIsReportedByNumberWithWhatToDo()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var error = Assert.Throws<DistributedApplicationException>(() => ConvexPortCheck.EnsureFree("convex-backend", (port, "Convex API")));

        Assert.Contains($"Port {port} (Convex API)", error.Message, StringComparison.Ordinal);
        Assert.Contains("WithHostPorts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreePortPassesThePortCheck()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        ConvexPortCheck.EnsureFree("convex-backend", (port, "Convex API"));
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private string FunctionsDirectory => Path.Combine(_temp.FullName, "convex");

    // The AppHost directory is the test's output folder, inside this repository, where emulator mode finds the emulator.
    private static IDistributedApplicationBuilder Create(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [$"--Parameters:convex-instance-secret={AdminKeyTests.DevSecret}", $"--Parameters:notes-instance-secret={AdminKeyTests.DevSecret}", .. args],
            DisableDashboard = true,
            ProjectDirectory = AppContext.BaseDirectory,
        });
}
