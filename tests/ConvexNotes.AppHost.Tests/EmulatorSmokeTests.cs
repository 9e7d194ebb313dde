using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexNotes.AppHost.Tests;

/// <summary>
/// Starts the real AppHost in emulator mode through DCP with only the emulator (and the npm install it waits for), to
/// pin down the emulator resource itself; <see cref="EndToEndTests"/> runs the whole app. Uses the fixed ports 3210 and 3211.
/// </summary>
[Collection(FixedPortsCollection.Name)]
public sealed class EmulatorSmokeTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
    // A directory of its own: the emulator keeps a log beside its data file (FILE.log) until it stops cleanly.
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("convexnotes-apphost-smoke-");

    private string DataFile => Path.Combine(_dataDirectory.FullName, "convex.json");

    [Fact]
    public async Task EmulatorResourceStartsBecomesHealthyAndAcceptsTheDerivedAdminKey()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var builder = await AppModel.CreateAsync("emulator", $"--Convex:EmulatorDataFile={DataFile}");
        foreach (var service in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(service);
        }

        await using var app = await builder.BuildAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);

        ResourceEvent? healthy = null;
        try
        {
            healthy = await app.ResourceNotifications
                .WaitForResourceHealthyAsync("convex", WaitBehavior.StopOnResourceUnavailable, cancellationToken)
                .WaitAsync(s_timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or DistributedApplicationException)
        {
            Assert.Fail($"convex did not become healthy ({ex.Message}). {await ResourceLogs.DescribeAsync(app, "convex-emulator", cancellationToken)}");
        }

        // convex is Running only once its backend child is healthy.
        Assert.True(app.ResourceNotifications.TryGetCurrentState("convex-emulator", out var emulator));

        using var http = app.CreateHttpClient("convex-emulator", "http");
        using var version = await http.GetAsync(new Uri("/version", UriKind.Relative), cancellationToken).WaitAsync(s_timeout, cancellationToken);
        var adminKey = await app.Services.GetParameterValueAsync("convex-admin-key", cancellationToken);
        using var check = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/check_admin_key", UriKind.Relative));
        check.Headers.Authorization = new AuthenticationHeaderValue("Convex", adminKey);
        using var checkResponse = await http.SendAsync(check, cancellationToken).WaitAsync(s_timeout, cancellationToken);
        var connectionString = await app.GetConnectionStringAsync("convex", cancellationToken).AsTask().WaitAsync(s_timeout, cancellationToken);
        var copyAdminKey = await app.ResourceCommands.ExecuteCommandAsync("convex", "copy-admin-key", cancellationToken).WaitAsync(s_timeout, cancellationToken);
        // The banner precedes the READY line, so by the time the resource is healthy its lines are all logged.
        var logs = await ResourceLogs.ReadAsync(app, "convex-emulator", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(HttpStatusCode.OK, checkResponse.StatusCode);
        Assert.Equal("Endpoint=http://localhost:3210;SiteEndpoint=http://localhost:3211", connectionString);
        Assert.True(copyAdminKey.Success, copyAdminKey.Message);
        Assert.Equal(adminKey, copyAdminKey.Data?.Value);
        Assert.Contains(logs, line => line.Contains("NOT a Convex backend", StringComparison.Ordinal)); // the emulator's banner
        Assert.Contains(logs, line => line.Contains("a test double, not Convex", StringComparison.Ordinal)); // the AppHost's warning
        Assert.DoesNotContain(logs, line => line.Contains(adminKey, StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Healthy, emulator.Snapshot.HealthStatus);
        Assert.Contains(healthy!.Snapshot.Properties, p => p.Name == "convex.backend" && Equals(p.Value, ConvexEmulatorResource.Label));
        Assert.Contains(emulator.Snapshot.Properties, p => p.Name == "convex.backend" && Equals(p.Value, ConvexEmulatorResource.Label));
        Assert.NotEmpty(emulator.Snapshot.Urls);
        Assert.All(emulator.Snapshot.Urls, url => Assert.Contains("a test double, not Convex", url.DisplayProperties.DisplayName, StringComparison.Ordinal));

        await app.StopAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
    }

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}

internal static class ParameterValues
{
    public static async Task<string> GetParameterValueAsync(this IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        var model = services.GetRequiredService<DistributedApplicationModel>();
        var parameter = Assert.IsType<ParameterResource>(Assert.Single(model.Resources, r => r.Name == name));
        return await parameter.GetValueAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken) ?? "";
    }
}
