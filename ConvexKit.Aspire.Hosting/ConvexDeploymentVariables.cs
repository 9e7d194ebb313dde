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

    /// <summary>
    /// Once the children exist: the variables are set before the first push starts. Without a push (the emulator
    /// loading the functions itself) they are set as soon as the emulator is healthy.
    /// </summary>
    public static void Register(IResourceBuilder<ConvexResource> convex) =>
        convex.Resource.Setup.PartsCallbacks.Add(parts =>
        {
            if (!convex.Resource.Annotations.OfType<ConvexDeploymentVariableAnnotation>().Any() || ConvexCli.WorkingDirectory(convex.Resource) is not { } workingDirectory)
            {
                return;
            }

            if (parts.Push is { } push)
            {
                push.OnBeforeResourceStarted((resource, @event, cancellationToken) => SetAsync(convex.Resource, workingDirectory, resource, @event.Services, cancellationToken));
            }
            else if (parts.Emulator is { } emulator)
            {
                emulator.OnResourceReady((resource, @event, cancellationToken) => SetAsync(convex.Resource, workingDirectory, resource, @event.Services, cancellationToken));
            }
        });

    /// <summary>Runs <c>convex env set</c> for every variable of <paramref name="convex"/>, logging to <paramref name="resource"/>.</summary>
    private static async Task SetAsync(ConvexResource convex, string workingDirectory, IResource resource, IServiceProvider services, CancellationToken cancellationToken)
    {
            var variables = convex.Annotations.OfType<ConvexDeploymentVariableAnnotation>().ToList();
            // The push waits for the backend too, but that wait may come after this handler: wait here as well.
            await services.GetRequiredService<ResourceNotificationService>()
                .WaitForResourceHealthyAsync(convex.Backend.Name, cancellationToken).ConfigureAwait(false);
            var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
            logger.LogSettingDeploymentVariables(variables.Count, string.Join(", ", variables.Select(v => v.Name)));
            foreach (var variable in variables)
            {
                var value = await variable.GetValueAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new DistributedApplicationException($"The deployment variable '{variable.Name}' has no value.");
                if (value.Length > MaxValueLength)
                {
                    throw new DistributedApplicationException($"The deployment variable '{variable.Name}' is longer than the backend's limit of {MaxValueLength} bytes.");
                }

                var exitCode = await ConvexCli.RunAsync(convex, workingDirectory, ConvexCli.EnvSet(variable.Name), value, logger, cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new DistributedApplicationException($"convex env set {variable.Name} failed with exit code {exitCode}; see the log of '{resource.Name}'.");
                }
            }
    }
}
