using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace ConvexKit.Aspire.Hosting;

/// <summary>One deployment environment variable: a fixed value or a parameter (secret or not).</summary>
/// <param name="Name">The variable name, as functions read it from <c>process.env</c>.</param>
/// <param name="Value">A <see cref="string"/> or a <see cref="ParameterResource"/>.</param>
internal sealed record ConvexDeploymentVariableAnnotation(string Name, object Value) : IResourceAnnotation
{
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken) =>
        Value is ParameterResource parameter ? parameter.GetValueAsync(cancellationToken) : ValueTask.FromResult<string?>((string)Value);
}

/// <summary>
/// Applies the deployment variables with <c>convex env set</c> right before the functions push starts, once the
/// backend is healthy, so the pushed functions (and everything that waits for the push) see them in <c>process.env</c>.
/// Each value goes to the CLI on standard input: it appears in no command line, environment block or log.
/// </summary>
internal static partial class ConvexDeploymentVariables
{
    /// <summary>The backend's rule (crates/common/src/types/environment_variables.rs): a letter, then letters, digits, '_'.</summary>
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex NamePattern();

    private const int MaxNameLength = 256;
    private const int MaxValueLength = 8 * 1024;

    public static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!NamePattern().IsMatch(name) || name.Length > MaxNameLength)
        {
            throw new ArgumentException(
                $"'{name}' is not a valid Convex environment variable name: it must begin with a letter, contain only a-z, A-Z, 0-9 and '_', and be at most {MaxNameLength} characters.",
                nameof(name));
        }
    }

    /// <summary>Runs <c>convex env set</c> for every variable of <paramref name="convex"/> before <paramref name="push"/> starts.</summary>
    public static IResourceBuilder<ExecutableResource> SetDeploymentVariablesBeforeStart(this IResourceBuilder<ExecutableResource> push, IConvexResource convex, string repositoryRoot) =>
        push.OnBeforeResourceStarted(async (resource, @event, cancellationToken) =>
        {
            var variables = convex.Annotations.OfType<ConvexDeploymentVariableAnnotation>().ToList();
            if (variables.Count == 0)
            {
                return;
            }

            // The push waits for the backend too, but that wait may come after this handler: wait here as well.
            await @event.Services.GetRequiredService<ResourceNotificationService>()
                .WaitForResourceHealthyAsync(convex.Name, cancellationToken).ConfigureAwait(false);
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
            logger.LogSettingDeploymentVariables(variables.Count, string.Join(", ", variables.Select(v => v.Name)));
            foreach (var variable in variables)
            {
                var value = await variable.GetValueAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new DistributedApplicationException($"The deployment variable '{variable.Name}' has no value.");
                if (value.Length > MaxValueLength)
                {
                    throw new DistributedApplicationException($"The deployment variable '{variable.Name}' is longer than the backend's limit of {MaxValueLength} bytes.");
                }

                var exitCode = await ConvexCli.RunAsync(convex, repositoryRoot, ConvexCli.EnvSet(variable.Name), value, logger, cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new DistributedApplicationException($"convex env set {variable.Name} failed with exit code {exitCode}; see the log of '{resource.Name}'.");
                }
            }
        });
}
