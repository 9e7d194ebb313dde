using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ConvexKit.Aspire.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvexNotes.AppHost.Tests;

/// <summary>Builds the real AppHost's application model (AppHost.cs) without starting anything.</summary>
internal static class AppModel
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The AppHost in <paramref name="backend"/> mode, with the instance secret fixed to the public dev secret so
    /// nothing is generated or written to the developer's user secrets.
    /// </summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync(string backend, params string[] extraArgs)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        return await DistributedApplicationTestingBuilder.CreateAsync<Projects.ConvexNotes_AppHost>(
            [$"--Convex:Backend={backend}", $"--Parameters:convex-instance-secret={AdminKeyTests.DevSecret}", .. extraArgs],
            cancellationToken).WaitAsync(Timeout, cancellationToken);
    }

    /// <summary>
    /// <see cref="CreateAsync"/>, then the step that runs as the app starts (<see cref="BeforeStartEvent"/>), which adds
    /// Convex's children (backend, dashboard, functions push) for the chosen mode; nothing is started.
    /// </summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateModelAsync(string backend, params string[] extraArgs)
    {
        var builder = await CreateAsync(backend, extraArgs);
        await builder.CompleteModelAsync();
        return builder;
    }

    /// <summary>
    /// Adds every Convex resource's children as its <see cref="BeforeStartEvent"/> subscriber does when the app starts
    /// (the same method); the mode must be explicit, since the container runtime probe is not asked here.
    /// </summary>
    public static Task CompleteModelAsync(this IDistributedApplicationBuilder builder)
    {
        foreach (var convex in builder.Resources.OfType<ConvexResource>().ToList())
        {
            ConvexAppModel.AddChildren(builder.CreateResourceBuilder(convex), new NoProbe(), NullLogger.Instance);
        }

        return Task.CompletedTask;
    }

    private sealed class NoProbe : IContainerRuntimeProbe
    {
        public string? FindRunningRuntime(string? configuredRuntime) =>
            throw new InvalidOperationException("Model tests choose the backend mode explicitly.");
    }

    public static T Resource<T>(this IDistributedApplicationBuilder builder, string name) where T : IResource =>
        Assert.IsType<T>(Assert.Single(builder.Resources, resource => resource.Name == name), exactMatch: false);

    /// <summary>Gives every endpoint its declared port on localhost, as DCP would, so URLs can be evaluated.</summary>
    public static void AllocateEndpoints(this IDistributedApplicationBuilder builder)
    {
        var port = 41000;
        foreach (var endpoint in builder.Resources.SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", endpoint.Port ?? port++);
        }
    }

    public static async Task<Dictionary<string, string>> EnvironmentAsync(this IResource resource) =>
        (await ExecutionConfigurationAsync(ExecutionConfigurationBuilder.Create(resource).WithEnvironmentVariablesConfig())).EnvironmentVariables.ToDictionary();

    public static async Task<string[]> ArgumentsAsync(this IResource resource) =>
        [.. (await resource.ArgumentsWithSensitivityAsync()).Select(arg => arg.Value)];

    /// <summary>Arguments with the flag the dashboard uses to mask them.</summary>
    public static async Task<(string Value, bool IsSensitive)[]> ArgumentsWithSensitivityAsync(this IResource resource) =>
        [.. (await ExecutionConfigurationAsync(ExecutionConfigurationBuilder.Create(resource).WithArgumentsConfig())).Arguments];

    // Evaluating a value that isn't available (an endpoint not allocated) waits for it, hence the timeout.
    private static async Task<IExecutionConfigurationResult> ExecutionConfigurationAsync(IExecutionConfigurationBuilder configuration) =>
        await configuration
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static async Task<List<string>> ContainerRuntimeArgsAsync(this ContainerResource container)
    {
        var args = new List<object>();
        foreach (var annotation in container.Annotations.OfType<ContainerRuntimeArgsCallbackAnnotation>())
        {
            await annotation.Callback(new ContainerRuntimeArgsCallbackContext(args, TestContext.Current.CancellationToken))
                .WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }

        return [.. args.Select(arg => arg.ToString() ?? "")];
    }

    public static IEnumerable<(string Resource, WaitType Type)> Waits(this IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => (wait.Resource.Name, wait.WaitType));
}
