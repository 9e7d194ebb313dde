using Convex.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Convex.Client.Hosting;

/// <summary>Creates the clients of one connection from its settings, with the logger factory and HTTP client factory of the services.</summary>
internal sealed class ConvexClientFactory(ConvexClientSettings settings, Action<ConvexClientOptions>? configureOptions, string connectionName)
{
    /// <summary>The <see cref="IHttpClientFactory"/> name of the connection's HTTP client (also used by its health check).</summary>
    public string HttpClientName { get; } = $"Convex.Client_{connectionName}";

    public ConvexClient CreateClient(IServiceProvider services)
    {
        var options = CreateOptions(services);
        var client = new ConvexClient(settings.Endpoint!, options);
        if (settings.AdminKey is { } adminKey)
        {
            client.SetAdminAuth(adminKey);
        }

        Logger(options).ClientCreated(nameof(ConvexClient), connectionName, settings.Endpoint!, ConvexHostingLog.DescribeAuthentication(settings));
        return client;
    }

    public ConvexHttpClient CreateHttpClient(IServiceProvider services)
    {
        var options = CreateOptions(services);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var client = new ConvexHttpClient(http, settings.Endpoint!, new ConvexHttpClientOptions
        {
            Timeout = options.Timeout,
            ActionTimeout = options.ActionTimeout,
            LoggerFactory = options.LoggerFactory,
        });
        if (settings.AdminKey is { } adminKey)
        {
            client.SetAdminAuth(adminKey);
        }

        Logger(options).ClientCreated(nameof(ConvexHttpClient), connectionName, settings.Endpoint!, ConvexHostingLog.DescribeAuthentication(settings));
        return client;
    }

    private ConvexClientOptions CreateOptions(IServiceProvider services)
    {
        var options = new ConvexClientOptions { LoggerFactory = services.GetService<ILoggerFactory>() };
        configureOptions?.Invoke(options);
        return options;
    }

    private static ILogger Logger(ConvexClientOptions options) =>
        options.LoggerFactory?.CreateLogger(ConvexHostingLog.Category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}
