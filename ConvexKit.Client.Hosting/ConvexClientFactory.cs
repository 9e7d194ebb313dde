using ConvexKit.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Hosting;

/// <summary>
/// Creates the clients of one connection from its settings and its named options (see
/// <see cref="ConvexClientOptionsRegistration"/>), with the HTTP client factory of the services.
/// </summary>
internal sealed class ConvexClientFactory
{
    private readonly Uri _endpoint;
    private readonly string? _adminKey;
    private readonly string _connectionName;
    private readonly string _optionsName;

    /// <remarks>
    /// The settings' values are copied: the settings object is also registered as a service, and changing it there
    /// must not change clients created later.
    /// </remarks>
    public ConvexClientFactory(ConvexClientSettings settings, string connectionName, string optionsName)
    {
        _endpoint = settings.Endpoint ?? throw new ArgumentException("The settings have no endpoint.", nameof(settings));
        _adminKey = settings.AdminKey;
        _connectionName = connectionName;
        _optionsName = optionsName;
    }

    /// <summary>The <see cref="IHttpClientFactory"/> name of the connection's HTTP client (also used by its health check).</summary>
    public string HttpClientName => $"ConvexKit.Client_{_connectionName}";

    public ConvexClient CreateClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ConvexClientOptions>>().Get(_optionsName);
        var loggerFactory = services.GetService<ILoggerFactory>();
        var client = new ConvexClient(_endpoint, options, loggerFactory);
        if (_adminKey is { } adminKey)
        {
            client.SetAdminAuth(adminKey);
        }

        Logger(loggerFactory).ClientCreated(nameof(ConvexClient), _connectionName, _endpoint, Authentication);
        return client;
    }

    public ConvexHttpClient CreateHttpClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ConvexHttpClientOptions>>().Get(_optionsName);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var loggerFactory = services.GetService<ILoggerFactory>();
        var client = new ConvexHttpClient(http, _endpoint, options, loggerFactory);
        if (_adminKey is { } adminKey)
        {
            client.SetAdminAuth(adminKey);
        }

        Logger(loggerFactory).ClientCreated(nameof(ConvexHttpClient), _connectionName, _endpoint, Authentication);
        return client;
    }

    private string Authentication => _adminKey is null ? "anonymous" : "admin key";

    private static ILogger Logger(ILoggerFactory? loggerFactory) =>
        loggerFactory?.CreateLogger(ConvexHostingLog.Category) ?? NullLogger.Instance;
}
