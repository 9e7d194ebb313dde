namespace ConvexKit.Client.Transport;

/// <summary>Derives the sync WebSocket URL from a deployment URL: <c>http(s)://host:port/…</c> → <c>ws(s)://host:port/api/sync</c>.</summary>
internal static class SyncUri
{
    /// <exception cref="ArgumentException">The URL is not an absolute http, https, ws or wss URL.</exception>
    public static Uri From(Uri deploymentUrl)
    {
        ArgumentNullException.ThrowIfNull(deploymentUrl);
        if (!deploymentUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The deployment URL '{deploymentUrl}' must be absolute.", nameof(deploymentUrl));
        }

        var scheme = deploymentUrl.Scheme switch
        {
            "http" or "ws" => "ws",
            "https" or "wss" => "wss",
            _ => throw new ArgumentException($"The deployment URL must be http(s) or ws(s), not '{deploymentUrl.Scheme}'.", nameof(deploymentUrl)),
        };

        // As the official clients do, the sync endpoint hangs off the origin; the Convex-Client header names the
        // client, so the version-less path is used (no npm version in the path, which would imply transition chunks).
        return new UriBuilder(scheme, deploymentUrl.Host, deploymentUrl.Port, "/api/sync").Uri;
    }
}
