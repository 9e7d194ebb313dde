using ConvexKit.Client.Hosting;
using ConvexKit.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>An empty application builder with in-memory configuration, as the Aspire integration tests use.</summary>
internal static class TestHost
{
    /// <summary>A builder whose configuration has the given keys; a null value leaves the key out.</summary>
    public static HostApplicationBuilder Builder(params (string Key, string? Value)[] configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(null);
        builder.Configuration.AddInMemoryCollection(configuration.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string?>(c.Key, c.Value)));
        return builder;
    }

    public static T Resolve<T>(this IHost host, string? key)
        where T : notnull =>
        key is null ? host.Services.GetRequiredService<T>() : host.Services.GetRequiredKeyedService<T>(key);

    /// <summary>Adds the client keyed under <paramref name="key"/>, or unkeyed (connection name <c>convex</c>) when it is null.</summary>
    public static void AddClient(
        this IHostApplicationBuilder builder,
        string? key,
        Action<ConvexClientSettings>? configureSettings = null,
        Action<ConvexClientOptions>? configureClientOptions = null,
        Action<ConvexHttpClientOptions>? configureHttpClientOptions = null)
    {
        if (key is null)
        {
            builder.AddConvexClient("convex", configureSettings, configureClientOptions, configureHttpClientOptions);
        }
        else
        {
            builder.AddKeyedConvexClient(key, configureSettings, configureClientOptions, configureHttpClientOptions);
        }
    }

    /// <summary>The named options the client registered under <paramref name="key"/> (the default name when unkeyed).</summary>
    public static T Options<T>(this IHost host, string? key)
        where T : class =>
        host.Services.GetRequiredService<IOptionsMonitor<T>>().Get(key ?? Microsoft.Extensions.Options.Options.DefaultName);
}
