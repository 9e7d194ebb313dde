using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// The backend's health: it answers <c>GET /version</c> and accepts the derived admin key
/// (<c>GET /api/check_admin_key</c>). Everything that waits for the backend (the function push, the Convex dashboard,
/// and through the Convex resource the services) therefore starts only once the key is known to be good, and a
/// rejected key shows up as a health report on the backend, not as a failed push.
/// </summary>
/// <remarks>
/// Registered when the app is built, before the backend is chosen, so it finds the backend through
/// <paramref name="backend"/> at check time (health checks can't be registered once the app is built).
/// </remarks>
internal sealed class ConvexAdminKeyHealthCheck(Func<IConvexBackendResource> backend, Func<HttpClient> httpClientFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var convex = backend();
        try
        {
            var baseUrl = new Uri((await convex.HttpEndpoint.GetValueAsync(cancellationToken).ConfigureAwait(false))!);
            var http = httpClientFactory();
            using (var version = await http.GetAsync(new Uri(baseUrl, "/version"), cancellationToken).ConfigureAwait(false))
            {
                if (!version.IsSuccessStatusCode)
                {
                    return HealthCheckResult.Unhealthy($"The backend is not ready: GET /version answered {(int)version.StatusCode}.");
                }
            }

            var adminKey = await convex.Parent.AdminKeyParameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "/api/check_admin_key"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Convex", adminKey);

            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Healthy("The backend answers and accepts the derived admin key.");
            }

            // The body is the backend's error JSON (e.g. BadAdminKey); it never contains the key.
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Unhealthy(
                $"The backend rejected the derived admin key ({(int)response.StatusCode}: {body}). The instance secret or name " +
                $"no longer matches the one the backend uses; check the '{convex.Parent.InstanceSecretParameter.Name}' parameter and the data volume.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("The admin key could not be checked yet: the backend did not answer.", ex);
        }
    }
}
