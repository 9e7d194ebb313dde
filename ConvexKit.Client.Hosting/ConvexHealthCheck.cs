using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexKit.Client.Hosting;

/// <summary>
/// Probes <c>GET {Endpoint}/version</c> (the endpoint the self-hosted backend's own health check uses), then maps the
/// WebSocket client's state: connected is Healthy, connecting or reconnecting is Degraded, closed is Unhealthy. An
/// unreachable deployment is Unhealthy whatever the socket says.
/// </summary>
internal sealed class ConvexHealthCheck(ConvexClient client, HttpClient http, Uri endpoint, TimeSpan timeout) : IHealthCheck
{
    private readonly Uri _versionUrl = new(new Uri(endpoint.AbsoluteUri.EndsWith('/') ? endpoint.AbsoluteUri : endpoint.AbsoluteUri + "/"), "version");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["endpoint"] = endpoint.AbsoluteUri, ["connectionState"] = client.ConnectionState.ToString() };
        using var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probeTimeout.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(_versionUrl, HttpCompletionOption.ResponseHeadersRead, probeTimeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"The Convex deployment at {endpoint} answered GET /version with HTTP {(int)response.StatusCode}.", data: data);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The Convex deployment at {endpoint} did not answer GET /version within {timeout.TotalSeconds:0.###} s.", data: data);
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"The Convex deployment at {endpoint} is unreachable.", ex, data);
        }

        return client.ConnectionState switch
        {
            ConvexConnectionState.Connected => HealthCheckResult.Healthy($"Connected to the Convex deployment at {endpoint}.", data),
            ConvexConnectionState.Connecting => HealthCheckResult.Degraded($"The Convex deployment at {endpoint} answers, but the WebSocket is still connecting.", data: data),
            ConvexConnectionState.Reconnecting => HealthCheckResult.Degraded($"The Convex deployment at {endpoint} answers, but the WebSocket is reconnecting.", data: data),
            _ => HealthCheckResult.Unhealthy("The Convex client is closed (disposed, or stopped by a fatal server error).", data: data),
        };
    }
}
