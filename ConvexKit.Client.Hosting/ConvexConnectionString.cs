using System.Data.Common;

namespace ConvexKit.Client.Hosting;

/// <summary>
/// Reads <c>ConnectionStrings:{name}</c>: either a bare deployment URL, or <c>Endpoint=…;SiteEndpoint=…[;AdminKey=…]</c>
/// (keys case-insensitive, others ignored). Error messages never quote the connection string: it may hold the admin key.
/// </summary>
internal static class ConvexConnectionString
{
    public static void ApplyTo(ConvexClientSettings settings, string connectionString, string connectionName)
    {
        if (TryParseUrl(connectionString, out var bare))
        {
            settings.Endpoint = bare;
            return;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException ex)
        {
            throw Invalid(connectionName, "it is neither a URL nor a list of Key=Value pairs", ex);
        }

        if (parts.TryGetValue("Endpoint", out var endpoint))
        {
            settings.Endpoint = ParseUrl(endpoint, "Endpoint", connectionName);
        }

        if (parts.TryGetValue("SiteEndpoint", out var siteEndpoint))
        {
            settings.SiteEndpoint = ParseUrl(siteEndpoint, "SiteEndpoint", connectionName);
        }

        if (parts.TryGetValue("AdminKey", out var adminKey) && adminKey is string { Length: > 0 } key)
        {
            settings.AdminKey = key;
        }
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL, which is what both clients accept as a deployment.</summary>
    public static bool IsDeploymentUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static bool TryParseUrl(string text, out Uri? url) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out url) && IsDeploymentUrl(url);

    private static Uri ParseUrl(object? value, string key, string connectionName) =>
        value is string text && TryParseUrl(text, out var url)
            ? url!
            : throw Invalid(connectionName, $"its {key} is not an absolute http(s) URL", inner: null);

    private static InvalidOperationException Invalid(string connectionName, string problem, Exception? inner) =>
        new($"The connection string 'ConnectionStrings:{connectionName}' is not valid for a Convex client: {problem}. " +
            "Use a deployment URL such as 'http://127.0.0.1:3210', or 'Endpoint=http://127.0.0.1:3210;SiteEndpoint=http://127.0.0.1:3211'.",
            inner);
}
