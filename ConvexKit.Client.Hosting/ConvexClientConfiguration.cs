using Microsoft.Extensions.Configuration;

namespace ConvexKit.Client.Hosting;

/// <summary>Builds <see cref="ConvexClientSettings"/> from its layers and checks the result, naming the keys to set.</summary>
internal static class ConvexClientConfiguration
{
    /// <summary>The configuration section of the settings; <c>{SectionName}:{connectionName}</c> overrides it.</summary>
    public const string SectionName = "Aspire:Convex:Client";

    /// <summary>The sub-section, of <see cref="SectionName"/> and of its named section, bound to <see cref="ConvexClientOptions"/>.</summary>
    public const string ClientOptionsSection = "ClientOptions";

    /// <summary>The sub-section, of <see cref="SectionName"/> and of its named section, bound to <see cref="Http.ConvexHttpClientOptions"/>.</summary>
    public const string HttpClientOptionsSection = "HttpClientOptions";

    /// <exception cref="InvalidOperationException">The endpoint is missing or is not an absolute http(s) URL, or the connection string is malformed.</exception>
    public static ConvexClientSettings Read(IConfiguration configuration, string connectionName, Action<ConvexClientSettings>? configureSettings)
    {
        var settings = new ConvexClientSettings();
        configuration.GetSection(SectionName).Bind(settings);
        configuration.GetSection($"{SectionName}:{connectionName}").Bind(settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            ConvexConnectionString.ApplyTo(settings, connectionString, connectionName);
        }

        configureSettings?.Invoke(settings);
        Validate(settings, connectionName);
        return settings;
    }

    private static void Validate(ConvexClientSettings settings, string connectionName)
    {
        if (settings.Endpoint is null)
        {
            throw new InvalidOperationException(
                $"The Convex client '{connectionName}' has no deployment URL. Set 'ConnectionStrings:{connectionName}' " +
                "(a URL such as 'http://127.0.0.1:3210', or 'Endpoint=http://127.0.0.1:3210;SiteEndpoint=http://127.0.0.1:3211'), " +
                $"or '{SectionName}:Endpoint' (or '{SectionName}:{connectionName}:Endpoint'). In an Aspire app, " +
                $"'.WithReference(convex)' in the AppHost sets the connection string.");
        }

        if (!ConvexConnectionString.IsDeploymentUrl(settings.Endpoint))
        {
            throw new InvalidOperationException(
                $"The Convex client '{connectionName}' has an Endpoint that is not an absolute http(s) URL. " +
                $"Check 'ConnectionStrings:{connectionName}' and '{SectionName}:Endpoint'; it should look like 'http://127.0.0.1:3210'.");
        }

        if (settings.SiteEndpoint is not null && !ConvexConnectionString.IsDeploymentUrl(settings.SiteEndpoint))
        {
            throw new InvalidOperationException(
                $"The Convex client '{connectionName}' has a SiteEndpoint that is not an absolute http(s) URL. " +
                $"Check 'ConnectionStrings:{connectionName}' and '{SectionName}:SiteEndpoint'; it should look like 'http://127.0.0.1:3211'.");
        }

        if (settings.HealthCheckTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"'{SectionName}:HealthCheckTimeout' of the Convex client '{connectionName}' must be positive.");
        }
    }
}
