using ConvexNotes.Testing;
using ConvexNotes.Worker.Watcher;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ConvexNotes.Worker.Tests.Infrastructure;

/// <summary>
/// The real worker (its Program, options, Convex client and watcher) on an in-memory server, watching the Convex
/// deployment at <c>convexUrl</c>, with its logs captured and every observation of the watcher recorded.
/// </summary>
public sealed class WorkerFactory : WebApplicationFactory<Program>
{
    private readonly Uri? _convexUrl;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    /// <param name="convexUrl">The deployment to watch; none (no connection string) when null.</param>
    /// <param name="settings">Configuration on top of the worker's appsettings.json, such as <c>NotesWatcher:*</c>.</param>
    /// <param name="time">The clock the watcher reads, to move health through its thresholds without waiting.</param>
    public WorkerFactory(Uri? convexUrl, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        _convexUrl = convexUrl;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _time = time;
    }

    internal ObservationRecorder Observations { get; } = new();

    internal NotesWatcher Watcher => Services.GetRequiredService<NotesWatcher>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Starts the worker and waits for the watcher's first list.</summary>
    internal async Task<NotesObservation> StartAndWaitForBaselineAsync()
    {
        _ = Services;
        return await Observations.NextAsync(NotesObservationKind.Baseline);
    }

    /// <summary>Reads <c>/health</c>: <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c> (the last with HTTP 503).</summary>
    public async Task<string> GetHealthAsync()
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until <c>/health</c> reads <paramref name="status"/>.</summary>
    public Task WaitForHealthAsync(string status) =>
        Poll.UntilAsync(async () => await GetHealthAsync() == status, $"/health to read {status}");

    /// <summary>Waits until the watcher has seen the Convex client's connection reach <paramref name="state"/> (e.g. <c>Reconnecting</c>).</summary>
    public Task WaitForConnectionStateAsync(string state) =>
        Poll.UntilAsync(
            () => Watcher.CheckHealth().Data.TryGetValue("connectionState", out var value) && (string)value == state,
            $"the watcher to see the connection {state}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (_convexUrl is not null)
        {
            builder.UseSetting("ConnectionStrings:convex", $"Endpoint={_convexUrl}");
        }

        // Reconnect within about a second, so restart tests take seconds rather than the default 16 s backoff ceiling.
        builder.UseSetting("Aspire:Convex:Client:ClientOptions:MaxReconnectDelay", "00:00:01");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureTestServices(services =>
        {
            if (_time is not null)
            {
                services.AddSingleton(_time);
            }

            // The same watcher the worker builds, with the recorder attached before it can see its first result.
            services.AddSingleton(provider =>
            {
                var watcher = ActivatorUtilities.CreateInstance<NotesWatcher>(provider);
                watcher.Observed += Observations.Add;
                return watcher;
            });
        });
    }
}
