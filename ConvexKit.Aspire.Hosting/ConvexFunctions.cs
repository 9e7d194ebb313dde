namespace ConvexKit.Aspire.Hosting;

/// <summary>The children that install the functions project's npm packages and push its functions with the Convex CLI.</summary>
internal static class ConvexFunctions
{
    /// <summary>
    /// <c>{name}-npm-install</c>: runs <c>npm ci</c> in the functions project when node_modules is missing or older
    /// than package-lock.json, and finishes at once otherwise.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddNpmInstall(IResourceBuilder<ConvexResource> convex, string functionsDirectory) =>
        convex.ApplicationBuilder
            .AddExecutable($"{convex.Resource.Name}-npm-install", ConvexCommandLines.Node, ConvexCommandLines.FunctionsProject(functionsDirectory), ConvexCommandLines.Install())
            .WithIconName("CloudArrowDown")
            .WithParentRelationship(convex);

    /// <summary>
    /// <c>{name}-functions</c> pushes the functions once when the backend is healthy (its admin key checked), and
    /// <c>{name}-functions-watch</c> then watches them and pushes every change. Both run the functions project's own
    /// Convex CLI against <paramref name="backend"/> (the container, or an emulator that takes pushes) and nothing else.
    /// </summary>
    public static (IResourceBuilder<ExecutableResource> Push, IResourceBuilder<ExecutableResource> Watch) AddPushAndWatch(
        IResourceBuilder<ConvexResource> convex,
        IConvexBackendResource backend,
        string functionsDirectory,
        IResourceBuilder<ExecutableResource> npmInstall)
    {
        var builder = convex.ApplicationBuilder;
        var name = $"{convex.Resource.Name}-functions";
        var workingDirectory = ConvexCommandLines.FunctionsProject(functionsDirectory);
        var backendBuilder = builder.CreateResourceBuilder(backend);

        var push = builder.AddExecutable(name, ConvexCommandLines.Node, workingDirectory, ConvexCommandLines.Push())
            .WithCliEnvironment(backend)
            .WithParentRelationship(convex)
            .WithIconName("CloudArrowUp")
            .WaitForCompletion(npmInstall)
            .WaitFor(backendBuilder);

        var watch = builder.AddExecutable($"{name}-watch", ConvexCommandLines.Node, workingDirectory, ConvexCommandLines.Watch())
            .WithCliEnvironment(backend)
            .WithParentRelationship(convex)
            .WithIconName("Eye")
            .WaitForCompletion(push);

        return (push, watch);
    }

    private static IResourceBuilder<ExecutableResource> WithCliEnvironment(this IResourceBuilder<ExecutableResource> builder, IConvexBackendResource backend) =>
        builder.WithEnvironment(context =>
        {
            foreach (var (name, value) in ConvexCommandLines.CliEnvironment(backend))
            {
                context.EnvironmentVariables[name] = value;
            }
        });
}
