using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Healthy when <c>GET {path}</c> on an endpoint answers with a success status. Aspire's <c>WithHttpHealthCheck</c>
/// registers its check as the resource is added, which is too late for children added when the app starts; this one
/// is registered early and finds its endpoint at check time.
/// </summary>
internal sealed class HttpGetHealthCheck(Func<EndpointReference> endpoint, string path, Func<HttpClient> httpClientFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var baseUrl = new Uri((await endpoint().GetValueAsync(cancellationToken).ConfigureAwait(false))!);
            using var response = await httpClientFactory().GetAsync(new Uri(baseUrl, path), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"GET {path} answered {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"GET {path} got no answer.", ex);
        }
    }
}
