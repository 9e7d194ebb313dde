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
