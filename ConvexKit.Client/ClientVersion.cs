using System.Reflection;

namespace ConvexKit.Client;

/// <summary>
/// How this library names itself to a deployment: <c>Convex-Client: dotnet-&lt;semver&gt;</c> on every HTTP call and on
/// the WebSocket upgrade (crates/common/src/version.rs). An unrecognized client name is always "supported" by the backend, and it
/// must not impersonate <c>npm-…</c>, which would switch on npm-only behaviour such as transition chunks.
/// </summary>
internal static class ClientVersion
{
    public const string HeaderName = "Convex-Client";

    public const string ClientName = "dotnet";

    /// <summary>Gets the semantic version of this assembly (build metadata such as <c>+sha</c> stripped).</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>Gets the header value, e.g. <c>dotnet-1.0.0</c>.</summary>
    public static string HeaderValue { get; } = $"{ClientName}-{Version}";

    private static string ReadVersion()
    {
        var informational = typeof(ClientVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0];
        return string.IsNullOrEmpty(version) ? "0.0.0" : version;
    }
}
