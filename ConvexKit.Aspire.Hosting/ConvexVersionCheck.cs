using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Once the backend container is ready, compares what its <c>GET /version</c> reports with the Convex CLI that pushes
/// to it (the functions project's node_modules/convex, else the version this library records) and warns, naming both,
/// when they differ. Upstream tests only a backend with the CLI of the same commit.
/// </summary>
internal static class ConvexVersionCheck
{
    public static IResourceBuilder<ConvexBackendResource> WithVersionCheck(this IResourceBuilder<ConvexBackendResource> backend) =>
        backend.OnResourceReady(async (resource, @event, cancellationToken) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource.Parent);
            try
            {
                var baseUrl = new Uri((await resource.HttpEndpoint.GetValueAsync(cancellationToken).ConfigureAwait(false))!);
                // The backend's own client (registered with its health check), bounded here to a quick answer.
                var http = @event.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ConvexAppModel.BackendHealthCheckKey(resource.Parent));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var reported = (await http.GetStringAsync(new Uri(baseUrl, "/version"), timeout.Token).ConfigureAwait(false)).Trim();
                var (cli, source) = CliVersion(resource.Parent.Setup.FunctionsDirectory);
                if (!Matches(reported, cli))
                {
                    logger.LogVersionSkew(reported, cli, source, ConvexContainerImageTags.Tag, ConvexContainerImageTags.TagCliVersion);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                logger.LogVersionCheckFailed(ex.Message);
            }
        });

    /// <summary>True when the backend's version string names the CLI's version (e.g. "1.48.0" in "convex-backend 1.48.0").</summary>
    internal static bool Matches(string reported, string cliVersion) =>
        reported.Split([' ', '-', '+', '/', 'v'], StringSplitOptions.RemoveEmptyEntries).Contains(cliVersion, StringComparer.Ordinal);

    private static (string Version, string Source) CliVersion(string? functionsDirectory)
    {
        if (functionsDirectory is not null)
        {
            var packageJson = Path.Combine(ConvexCommandLines.FunctionsProject(functionsDirectory), "node_modules", "convex", "package.json");
            if (File.Exists(packageJson))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
                if (document.RootElement.TryGetProperty("version", out var version) && version.GetString() is { } installed)
                {
                    return (installed, packageJson);
                }
            }
        }

        return (ConvexContainerImageTags.CliVersion, "the version ConvexKit.Aspire.Hosting records");
    }
}
