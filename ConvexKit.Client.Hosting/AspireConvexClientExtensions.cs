using ConvexKit.Client;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Hosting;
using ConvexKit.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers Convex clients in an application's services, the way Aspire's client integrations do: settings from
/// configuration and the connection string, a health check, and OpenTelemetry tracing and metrics.
/// </summary>
public static class AspireConvexClientExtensions
{
    private const string HealthCheckName = "ConvexKit.Client";

    /// <summary>
    /// Registers a singleton <see cref="ConvexClient"/> (the WebSocket client: live queries, mutations with
    /// read-your-writes) and a singleton <see cref="ConvexHttpClient"/> (one-shot calls over HTTP) for the deployment
    /// named <paramref name="connectionName"/>, plus the resolved <see cref="ConvexClientSettings"/> as a singleton
    /// (for <see cref="ConvexClientSettings.SiteEndpoint"/>, the URL of the deployment's HTTP actions), the health check
    /// <c>ConvexKit.Client</c>, and the client's traces and metrics.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Settings are read from the <c>Aspire:Convex:Client</c> section, then <c>Aspire:Convex:Client:{connectionName}</c>,
    /// then <c>ConnectionStrings:{connectionName}</c> (a URL, or <c>Endpoint=…;SiteEndpoint=…[;AdminKey=…]</c>), then
    /// <paramref name="configureSettings"/>; each overrides the ones before.
    /// </para>
    /// <para>
    /// The clients' options are named options (<see cref="Microsoft.Extensions.Options.Options.DefaultName"/> for this
    /// unkeyed client, the name for a keyed one), read when a client is created: the <see cref="ConvexClientOptions"/>
    /// from <c>Aspire:Convex:Client:ClientOptions</c>, then <c>Aspire:Convex:Client:{connectionName}:ClientOptions</c>,
    /// then <paramref name="configureClientOptions"/>; the <see cref="ConvexHttpClientOptions"/> likewise from the
    /// <c>HttpClientOptions</c> sub-sections and <paramref name="configureHttpClientOptions"/>. For example
    /// <c>{ "Aspire": { "Convex": { "Client": { "ClientOptions": { "MaxReconnectDelay": "00:00:05" } } } } }</c>.
    /// The options types are plain data, bound straight from those sections. They are validated when the host starts,
    /// with the same rules as the clients' constructors; a bad value stops it with a message naming the key that holds
    /// it. Both clients log through the application's <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/>.
    /// </para>
    /// <para>
    /// The HTTP client is created through <see cref="IHttpClientFactory"/> (so service discovery and the application's
    /// HTTP handlers apply), but without resilience handlers: every Convex call is a POST, a retried mutation or action
    /// would run twice, and the standard handler's timeouts would cut off long actions. The clients' own timeouts
    /// (<see cref="ConvexClientOptions.Timeout"/> and <see cref="ConvexClientOptions.ActionTimeout"/>, and the same
    /// properties of <see cref="ConvexHttpClientOptions"/>) apply instead.
    /// </para>
    /// <para>
    /// Adding a client a second time for the same service key (here: unkeyed) changes nothing: the first registration
    /// wins whole, settings, options and health check alike.
    /// </para>
    /// </remarks>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">The name of the connection string, such as <c>convex</c>.</param>
    /// <param name="configureSettings">Changes the settings after they are read from configuration.</param>
    /// <param name="configureClientOptions">Changes the WebSocket client's options (timeouts, reconnects) after they are read from configuration.</param>
    /// <param name="configureHttpClientOptions">Changes the HTTP client's options (timeouts) after they are read from configuration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionName"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="InvalidOperationException">
    /// No endpoint is configured, or it is not an absolute http(s) URL, or the connection string is malformed, or a
    /// setting is out of range; the message names the keys to set.
    /// </exception>
    public static void AddConvexClient(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<ConvexClientSettings>? configureSettings = null,
        Action<ConvexClientOptions>? configureClientOptions = null,
        Action<ConvexHttpClientOptions>? configureHttpClientOptions = null) =>
        AddConvexClient(builder, connectionName, configureSettings, configureClientOptions, configureHttpClientOptions, serviceKey: null);

    /// <summary>
    /// Registers a <see cref="ConvexClient"/>, a <see cref="ConvexHttpClient"/> and the resolved
    /// <see cref="ConvexClientSettings"/> as keyed singletons under <paramref name="name"/>, which is also the connection
    /// name, plus the health check <c>ConvexKit.Client_{name}</c> and the client's traces and metrics. Use it for an
    /// application that talks to several deployments.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The service key, options name and connection name, such as <c>convex</c>.</param>
    /// <param name="configureSettings">Changes the settings after they are read from configuration.</param>
    /// <param name="configureClientOptions">Changes the WebSocket client's options (timeouts, reconnects) after they are read from configuration.</param>
    /// <param name="configureHttpClientOptions">Changes the HTTP client's options (timeouts) after they are read from configuration.</param>
    /// <inheritdoc cref="AddConvexClient(IHostApplicationBuilder, string, Action{ConvexClientSettings}?, Action{ConvexClientOptions}?, Action{ConvexHttpClientOptions}?)" path="/remarks"/>
    /// <inheritdoc cref="AddConvexClient(IHostApplicationBuilder, string, Action{ConvexClientSettings}?, Action{ConvexClientOptions}?, Action{ConvexHttpClientOptions}?)" path="/exception"/>
    public static void AddKeyedConvexClient(
        this IHostApplicationBuilder builder,
        string name,
        Action<ConvexClientSettings>? configureSettings = null,
        Action<ConvexClientOptions>? configureClientOptions = null,
        Action<ConvexHttpClientOptions>? configureHttpClientOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        AddConvexClient(builder, name, configureSettings, configureClientOptions, configureHttpClientOptions, serviceKey: name);
    }

    private static void AddConvexClient(
        IHostApplicationBuilder builder,
        string connectionName,
        Action<ConvexClientSettings>? configureSettings,
        Action<ConvexClientOptions>? configureClientOptions,
        Action<ConvexHttpClientOptions>? configureHttpClientOptions,
        string? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        var settings = ConvexClientConfiguration.Read(builder.Configuration, connectionName, configureSettings);
        if (!builder.Properties.TryAdd($"ConvexKit.Client.Registrations.{serviceKey}", connectionName))
        {
            return;
        }

        var optionsName = serviceKey ?? Options.Options.DefaultName;
        ConvexClientOptionsRegistration.Add(builder, connectionName, optionsName, configureClientOptions, configureHttpClientOptions);
        var factory = new ConvexClientFactory(settings, connectionName, optionsName);

        builder.Services.AddHttpClient(factory.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => RemoveResilienceHandlers(handlers));
        if (serviceKey is null)
        {
            builder.Services.TryAddSingleton(settings);
            builder.Services.TryAddSingleton(factory.CreateClient);
            builder.Services.TryAddSingleton(factory.CreateHttpClient);
        }
        else
        {
            builder.Services.TryAddKeyedSingleton(serviceKey, settings);
            builder.Services.TryAddKeyedSingleton(serviceKey, (services, _) => factory.CreateClient(services));
            builder.Services.TryAddKeyedSingleton(serviceKey, (services, _) => factory.CreateHttpClient(services));
        }

        if (!settings.DisableHealthChecks)
        {
            var endpoint = settings.Endpoint!;
            var timeout = settings.EffectiveHealthCheckTimeout;
            var name = serviceKey is null ? HealthCheckName : $"{HealthCheckName}_{connectionName}";
            TryAddHealthCheck(builder, new HealthCheckRegistration(
                name,
                services => new ConvexHealthCheck(
                    serviceKey is null ? services.GetRequiredService<ConvexClient>() : services.GetRequiredKeyedService<ConvexClient>(serviceKey),
                    services.GetRequiredService<IHttpClientFactory>().CreateClient(factory.HttpClientName),
                    endpoint,
                    timeout),
                failureStatus: null,
                tags: null,
                // The check bounds its own probe with HealthCheckTimeout, so it can say what did not answer; a registration
                // timeout of the same length would race it and report only "A timeout occurred while running check."
                timeout: null));
        }

        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(ConvexTelemetry.ActivitySourceName));
        }

        if (!settings.DisableMetrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ConvexTelemetry.MeterName));
        }
    }

    /// <summary>
    /// Takes out the resilience handlers that <c>ConfigureHttpClientDefaults</c> gave every client (what the experimental
    /// <c>RemoveAllResilienceHandlers</c> does): their retries would run a POSTed mutation twice.
    /// </summary>
    private static void RemoveResilienceHandlers(IList<DelegatingHandler> handlers)
    {
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            if (handlers[i] is ResilienceHandler)
            {
                handlers.RemoveAt(i);
            }
        }
    }

    /// <summary>Adds the check once per name, however often the client is added (Aspire's <c>TryAddHealthCheck</c>).</summary>
    private static void TryAddHealthCheck(IHostApplicationBuilder builder, HealthCheckRegistration registration)
    {
        var key = $"ConvexKit.Client.HealthChecks.{registration.Name}";
        if (builder.Properties.TryAdd(key, true))
        {
            builder.Services.AddHealthChecks().Add(registration);
        }
    }
}
