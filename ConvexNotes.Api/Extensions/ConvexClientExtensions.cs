using System.Data.Common;
using Convex.Client;

namespace ConvexNotes.Api.Extensions;

/// <summary>
/// LOCAL SHIM, to be replaced by <c>builder.AddConvexClient("convex")</c> from Convex.Client once it exists: registers
/// one <see cref="ConvexClient"/> for the app from <c>ConnectionStrings:{name}</c>, either
/// <c>Endpoint=…;SiteEndpoint=…</c> or a bare URL.
/// </summary>
internal static class ConvexClientExtensions
{
    public static IHostApplicationBuilder AddConvexClientShim(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set; give it the Convex deployment URL (Endpoint=http://127.0.0.1:3210).");
        var endpoint = ParseEndpoint(connectionString);

        builder.Services.AddSingleton(services => new ConvexClient(endpoint, new ConvexClientOptions
        {
            LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
        }));
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
