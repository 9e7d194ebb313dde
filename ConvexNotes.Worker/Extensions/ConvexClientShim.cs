using System.Data.Common;
using Convex.Client;

namespace ConvexNotes.Worker.Extensions;

/// <summary>
/// LOCAL SHIM, to be replaced by <c>builder.AddConvexClient("convex")</c> from Convex.Client.Hosting once it exists:
/// registers one <see cref="ConvexClient"/> from <c>ConnectionStrings:{name}</c> (<c>Endpoint=…</c> or a bare URL),
/// with <c>Convex:Client:MaxReconnectDelay</c> as its only setting.
/// </summary>
internal static class ConvexClientShim
{
    public static IHostApplicationBuilder AddConvexClientShim(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set; give it the Convex deployment URL (Endpoint=http://127.0.0.1:3210).");
        var endpoint = ParseEndpoint(connectionString);
        var maxReconnectDelay = builder.Configuration.GetValue<TimeSpan?>("Convex:Client:MaxReconnectDelay");

        builder.Services.AddSingleton(services =>
        {
            var options = new ConvexClientOptions { LoggerFactory = services.GetRequiredService<ILoggerFactory>() };
            if (maxReconnectDelay is { } delay)
            {
                options.MaxReconnectDelay = delay;
            }

            return new ConvexClient(endpoint, options);
        });
        return builder;
    }

    private static Uri ParseEndpoint(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var bare))
        {
            return bare;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return parts.TryGetValue("Endpoint", out var endpoint) && Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException("The Convex connection string has no valid Endpoint=… URL.");
    }
}
