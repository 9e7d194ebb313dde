using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Asks the backend whether it accepts the derived admin key (<c>GET /api/check_admin_key</c>). Everything that
/// waits for the backend (the function push, the Convex dashboard, the services) therefore starts only once the key
/// is known to be good, and a rejected key shows up as a health report on the resource, not as a failed push.
/// </summary>
internal sealed class ConvexAdminKeyHealthCheck(IConvexResource convex, Func<HttpClient> httpClientFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var baseUrl = await convex.HttpEndpoint.GetValueAsync(cancellationToken).ConfigureAwait(false);
            var adminKey = await convex.AdminKeyParameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(baseUrl!), "/api/check_admin_key"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Convex", adminKey);

            using var response = await httpClientFactory().SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Healthy("The backend accepts the derived admin key.");
            }

            // The body is the backend's error JSON (e.g. BadAdminKey); it never contains the key.
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Unhealthy(
                $"The backend rejected the derived admin key ({(int)response.StatusCode}: {body}). The instance secret or name " +
                $"no longer matches the one the backend uses; check the '{convex.InstanceSecretParameter.Name}' parameter and the data volume.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("The admin key could not be checked yet: the backend did not answer.", ex);
        }
    }
}
