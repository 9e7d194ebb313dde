using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting;

/// <summary>The resources that push the TypeScript functions in <c>convex/</c> to a Convex backend.</summary>
/// <param name="Push">One-shot <c>convex deploy</c>; services wait for its successful completion.</param>
/// <param name="Watch">Long-running <c>convex dev</c>: pushes every change and tails the function logs.</param>
public sealed record ConvexFunctions(IResourceBuilder<ExecutableResource> Push, IResourceBuilder<ExecutableResource> Watch);

/// <summary>Adds the npm install step and the Convex CLI runs (functions push and watch) as executable resources.</summary>
public static class ConvexFunctionsBuilderExtensions
{
    /// <summary>
    /// Adds a one-shot resource that runs <c>npm ci</c> in the repository root when node_modules is missing or older
    /// than package-lock.json, and finishes at once otherwise.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <returns>The install resource builder; dependants use <c>WaitForCompletion</c> on it.</returns>
    public static IResourceBuilder<ExecutableResource> AddNpmInstall(this IDistributedApplicationBuilder builder, [ResourceName] string name = "npm-install")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddExecutable(name, ConvexCommandLines.Node, ConvexCommandLines.RepositoryRoot(builder.AppHostDirectory), ConvexCommandLines.Install())
            .WithIconName("CloudArrowDown");
    }

    /// <summary>
    /// Adds <paramref name="name"/>, which pushes the functions once when the backend is healthy (its admin key
    /// checked), and <c>{name}-watch</c>, which then watches convex/ and pushes every change. Both run the
    /// project's own Convex CLI against the self-hosted backend and nothing else.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The push resource's name.</param>
    /// <param name="convex">The backend to push to.</param>
    /// <param name="npmInstall">The install step both runs wait for.</param>
    /// <returns>The push and watch resource builders.</returns>
    public static ConvexFunctions AddConvexFunctions(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        IResourceBuilder<ConvexResource> convex,
        IResourceBuilder<ExecutableResource> npmInstall)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(convex);
        ArgumentNullException.ThrowIfNull(npmInstall);

        var workingDirectory = ConvexCommandLines.RepositoryRoot(builder.AppHostDirectory);

        var push = builder.AddExecutable(name, ConvexCommandLines.Node, workingDirectory, ConvexCommandLines.Push())
            .WithCliEnvironment(convex.Resource)
            .WithParentRelationship(convex)
            .WithIconName("CloudArrowUp")
            .WaitForCompletion(npmInstall)
            .WaitFor(convex)
            .SetDeploymentVariablesBeforeStart(convex.Resource, workingDirectory);

        var watch = builder.AddExecutable($"{name}-watch", ConvexCommandLines.Node, workingDirectory, ConvexCommandLines.Watch())
            .WithCliEnvironment(convex.Resource)
            .WithParentRelationship(convex)
            .WithIconName("Eye")
            .WaitForCompletion(push);

        return new(push, watch);
    }

    private static IResourceBuilder<ExecutableResource> WithCliEnvironment(this IResourceBuilder<ExecutableResource> builder, IConvexResource convex) =>
        builder.WithEnvironment(context =>
        {
            foreach (var (name, value) in ConvexCommandLines.CliEnvironment(convex))
            {
                context.EnvironmentVariables[name] = value;
            }
        });
}
