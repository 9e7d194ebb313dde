using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConvexNotes.Api.Tests;

/// <summary>
/// The real API on a free loopback Kestrel port (real sockets, so body limits and event streams behave as in
/// production), talking to the Convex deployment at <c>convexUrl</c>.
/// </summary>
public sealed class NotesApiFactory : WebApplicationFactory<Program>
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(300);

    private readonly string _connectionString;
    private readonly string _environment;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <summary>The API talking to <paramref name="convexUrl"/>; <paramref name="configure"/> adds settings or services of a test's own.</summary>
    public NotesApiFactory(Uri convexUrl, string environment = "Development", Action<IWebHostBuilder>? configure = null)
        : this($"Endpoint={convexUrl}", environment)
    {
        _configure = configure;
    }

    /// <summary>The API with <c>ConnectionStrings:convex</c> set to <paramref name="connectionString"/> as it is.</summary>
    public NotesApiFactory(string connectionString, string environment = "Development")
    {
        _connectionString = connectionString;
        _environment = environment;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        ClientOptions.AllowAutoRedirect = false;
    }

    /// <summary>A client for the API (starting it on first use) that fails a request after 30 s rather than hanging.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:convex", _connectionString);
        builder.UseSetting("Notes:HeartbeatInterval", HeartbeatInterval.ToString());
        builder.UseSetting("Notes:BackendTimeout", "00:00:03");
        builder.UseSetting("Notes:RetryAfter", "00:00:02");
        _configure?.Invoke(builder);
    }
}
