// WithProcessCommand is experimental in Aspire 13.6; it is exactly "run a local process from a dashboard button".
#pragma warning disable ASPIREPROCESSCOMMAND001

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Buttons on the convex resource in the Aspire dashboard. Commands run in the AppHost process, not the browser, so
/// they can't open a tab or write the clipboard; they answer with a result dialog the dashboard shows at once.
/// </summary>
internal static class ConvexCommands
{
    public const string PushFunctions = "push-functions";
    public const string OpenDashboard = "open-dashboard";
    public const string CopyAdminKey = "copy-admin-key";

    /// <summary>
    /// Shows the admin key in a result dialog to copy from. The parameter resource shows it masked; this is the
    /// explicit "reveal" for pasting into the Convex dashboard or a CLI.
    /// </summary>
    public static IResourceBuilder<ConvexResource> WithCopyAdminKeyCommand(this IResourceBuilder<ConvexResource> builder) =>
        builder.WithCommand(CopyAdminKey, "Copy admin key", async context =>
        {
            var key = await builder.Resource.AdminKeyParameter.GetValueAsync(context.CancellationToken).ConfigureAwait(false);
            return CommandResults.Success(
                $"Admin key for '{builder.Resource.InstanceName}'. It grants full access: paste it only where it is needed.",
                key ?? "", CommandResultFormat.Text, displayImmediately: true);
        }, new CommandOptions
        {
            Description = "Show the Convex admin key to copy (for the Convex dashboard login or the Convex CLI).",
            IconName = "Key",
            ConfirmationMessage = "Show the Convex admin key in clear text?",
        });

    /// <summary>A link to the Convex dashboard (the same link is also among the resource's URLs). Container mode only.</summary>
    public static IResourceBuilder<ConvexResource> WithOpenDashboardCommand(this IResourceBuilder<ConvexResource> builder) =>
        builder.WithCommand(OpenDashboard, "Open Convex dashboard", async context =>
        {
            if (builder.Resource.Parts?.Dashboard is not { } dashboard)
            {
                return CommandResults.Failure("The Convex dashboard runs only in container mode; the emulator has none.");
            }

            var url = await dashboard.Resource.HttpEndpoint.GetValueAsync(context.CancellationToken).ConfigureAwait(false);
            return CommandResults.Success(
                "Convex dashboard", $"[Open the Convex dashboard]({url}) — the admin key is prefilled; click **Log In**.",
                CommandResultFormat.Markdown, displayImmediately: true);
        }, new CommandOptions
        {
            Description = "Link to the Convex dashboard for this backend.",
            IconName = "Open",
            UpdateState = context => builder.Resource.Parts?.Dashboard is null ? ResourceCommandState.Hidden : IsHealthy(context.ResourceSnapshot),
        });

    /// <summary>Runs the one-shot push (<see cref="ConvexCommandLines.Push"/>) now, with the same environment as the push resource.</summary>
    public static IResourceBuilder<ConvexResource> WithPushFunctionsCommand(this IResourceBuilder<ConvexResource> builder) =>
        builder.WithProcessCommand(PushFunctions, "Push functions", async context =>
        {
            var functions = builder.Resource.Setup.FunctionsDirectory!;
            var environment = new Dictionary<string, string>();
            foreach (var (name, value) in ConvexCommandLines.CliEnvironment(builder.Resource.Backend))
            {
                environment[name] = value is IValueProvider provider
                    ? await provider.GetValueAsync(context.CancellationToken).ConfigureAwait(false) ?? ""
                    : value.ToString() ?? "";
            }

            return new ProcessCommandSpec(ConvexCommandLines.Node)
            {
                Arguments = ConvexCommandLines.Push(),
                WorkingDirectory = ConvexCommandLines.FunctionsProject(functions),
                EnvironmentVariables = environment,
            };
        }, new ProcessCommandOptions
        {
            Description = "Push the functions to the backend now (convex deploy).",
            IconName = "CloudArrowUp",
            MaxOutputLineCount = 40,
            UpdateState = context => builder.Resource.Parts?.Push is null ? ResourceCommandState.Hidden : IsHealthy(context.ResourceSnapshot),
        });

    private static ResourceCommandState IsHealthy(CustomResourceSnapshot snapshot) =>
        snapshot.HealthStatus is HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;
}
