using ConvexKit.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Hosting;

/// <summary>
/// Registers the named options of one connection's two clients, as Aspire's client integrations do (named
/// <see cref="Options.DefaultName"/> for the unkeyed client, the connection name for a keyed one). Each options object
/// is bound straight from configuration in layers: the <c>ClientOptions</c> (or <c>HttpClientOptions</c>) sub-section of
/// <c>Aspire:Convex:Client</c>, the same sub-section of <c>Aspire:Convex:Client:{connectionName}</c>, then the delegate.
/// It is validated when the host starts, with the clients' own rules, naming the key that holds a bad value.
/// </summary>
internal static class ConvexClientOptionsRegistration
{
    public static void Add(
        IHostApplicationBuilder builder,
        string connectionName,
        string optionsName,
        Action<ConvexClientOptions>? configureClientOptions,
        Action<ConvexHttpClientOptions>? configureHttpClientOptions)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var section = configuration.GetSection(ConvexClientConfiguration.SectionName);
        var namedSection = section.GetSection(connectionName);

        services.AddOptions<ConvexClientOptions>(optionsName)
            .Bind(section.GetSection(ConvexClientConfiguration.ClientOptionsSection))
            .Bind(namedSection.GetSection(ConvexClientConfiguration.ClientOptionsSection))
            .Configure(options => configureClientOptions?.Invoke(options))
            .ValidateOnStart();

        services.AddOptions<ConvexHttpClientOptions>(optionsName)
            .Bind(section.GetSection(ConvexClientConfiguration.HttpClientOptionsSection))
            .Bind(namedSection.GetSection(ConvexClientConfiguration.HttpClientOptionsSection))
            .Configure(options => configureHttpClientOptions?.Invoke(options))
            .ValidateOnStart();

        var validator = new ConvexClientOptionsValidator(configuration, connectionName, optionsName);
        services.AddSingleton<IValidateOptions<ConvexClientOptions>>(validator);
        services.AddSingleton<IValidateOptions<ConvexHttpClientOptions>>(validator);
    }
}
