using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting;

/// <summary>Deployment environment variables for the Convex functions (<c>process.env</c> in queries, mutations and actions).</summary>
public static class ConvexDeploymentVariableBuilderExtensions
{
    /// <summary>
    /// Sets a deployment environment variable to a fixed value: applied with <c>convex env set</c> before the functions
    /// are pushed, so every function sees it as <c>process.env[name]</c>.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="name">A letter, then letters, digits and '_' (the backend's rule).</param>
    /// <param name="value">The value (at most 8 KiB).</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithDeploymentVariable(this IResourceBuilder<ConvexResource> builder, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        return builder.WithDeploymentVariableValue(name, value);
    }

    /// <summary>
    /// Sets a deployment environment variable from a parameter. A secret parameter's value is handed to
    /// <c>convex env set</c> on standard input only: it never appears in a command line, a resource's environment or a log.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="name">A letter, then letters, digits and '_' (the backend's rule).</param>
    /// <param name="value">The parameter that holds the value.</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithDeploymentVariable(this IResourceBuilder<ConvexResource> builder, string name, IResourceBuilder<ParameterResource> value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        return builder.WithDeploymentVariableValue(name, value.Resource);
    }

    private static IResourceBuilder<ConvexResource> WithDeploymentVariableValue(this IResourceBuilder<ConvexResource> builder, string name, object value)
    {
        ConvexDeploymentVariables.CheckName(name);
        // The last call for a name wins, as with WithEnvironment.
        foreach (var existing in builder.Resource.Annotations.OfType<ConvexDeploymentVariableAnnotation>().Where(v => v.Name == name).ToList())
        {
            builder.Resource.Annotations.Remove(existing);
        }

        return builder.WithAnnotation(new ConvexDeploymentVariableAnnotation(name, value));
    }
}
