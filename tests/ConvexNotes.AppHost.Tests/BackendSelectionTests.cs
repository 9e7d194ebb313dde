using ConvexKit.Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace ConvexNotes.AppHost.Tests;

public sealed class BackendSelectionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void AutoChoosesTheContainerWhenARuntimeAnswers(string? configured)
    {
        var probe = new FakeProbe("docker");

        var selection = ConvexBackendSelection.Resolve(Configuration(("Convex:Backend", configured)), ConvexBackendMode.Auto, probe);

        Assert.Equal(ConvexBackendMode.Container, selection.Mode);
        Assert.False(selection.IsFallback);
        Assert.Contains("docker", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoFallsBackToTheEmulatorWhenNoRuntimeAnswers()
    {
        var selection = ConvexBackendSelection.Resolve(Configuration(), ConvexBackendMode.Auto, new FakeProbe(null));

        Assert.Equal(ConvexBackendMode.Emulator, selection.Mode);
        Assert.True(selection.IsFallback);
    }

    [Theory]
    [InlineData("ASPIRE_CONTAINER_RUNTIME")]
    [InlineData("DOTNET_ASPIRE_CONTAINER_RUNTIME")]
    public void AutoAsksOnlyTheRuntimeAspireIsConfiguredToUse(string key)
    {
        var probe = new FakeProbe("podman");

        ConvexBackendSelection.Resolve(Configuration((key, "podman")), ConvexBackendMode.Auto, probe);

        Assert.Equal(["podman"], probe.Asked);
    }

    [Theory]
    [InlineData("container", ConvexBackendMode.Container)]
    [InlineData("Emulator", ConvexBackendMode.Emulator)]
    public void AnExplicitModeIsTakenWithoutProbing(string configured, ConvexBackendMode expected)
    {
        var probe = new FakeProbe("docker");

        var selection = ConvexBackendSelection.Resolve(Configuration(("Convex:Backend", configured)), ConvexBackendMode.Auto, probe);

        Assert.Equal(expected, selection.Mode);
        Assert.Empty(probe.Asked);
    }

    [Theory]
    [InlineData(ConvexBackendMode.Container)]
    [InlineData(ConvexBackendMode.Emulator)]
    public void TheModeChosenInCodeIsTakenWithoutProbingWhenConfigurationIsSilent(ConvexBackendMode codeMode)
    {
        var probe = new FakeProbe("docker");

        var selection = ConvexBackendSelection.Resolve(Configuration(), codeMode, probe);

        Assert.Equal(codeMode, selection.Mode);
        Assert.Contains("WithBackendMode", selection.Reason, StringComparison.Ordinal);
        Assert.Empty(probe.Asked);
    }

    [Fact]
    public void ConfigurationWinsOverTheModeChosenInCode()
    {
        var selection = ConvexBackendSelection.Resolve(Configuration(("Convex:Backend", "emulator")), ConvexBackendMode.Container, new FakeProbe("docker"));

        Assert.Equal(ConvexBackendMode.Emulator, selection.Mode);
        Assert.Contains("Convex:Backend", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownModeIsAConfigurationError()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => ConvexBackendSelection.Resolve(Configuration(("Convex:Backend", "cloud")), ConvexBackendMode.Auto, new FakeProbe(null)));

        Assert.Contains("'cloud'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbeReportsNoRuntimeWhenTheCliIsNotInstalled()
    {
        var probe = new ContainerRuntimeProbe(TimeSpan.FromSeconds(5));

        Assert.Null(probe.FindRunningRuntime("convexnotes-no-such-container-runtime"));
    }

    [Fact]
    public void ProbeReportsNoRuntimeWhenInfoFails()
    {
        // `node info` exits non-zero (there is no script called "info"), like `docker info` with the daemon down.
        var probe = new ContainerRuntimeProbe(TimeSpan.FromSeconds(10));

        Assert.Null(probe.FindRunningRuntime("node"));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value)))
            .Build();

    private sealed class FakeProbe(string? answeringRuntime) : IContainerRuntimeProbe
    {
        public List<string> Asked { get; } = [];

        public string? FindRunningRuntime(string? configuredRuntime)
        {
            Asked.Add(configuredRuntime ?? "(any)");
            return configuredRuntime is null || configuredRuntime == answeringRuntime ? answeringRuntime : null;
        }
    }
}
