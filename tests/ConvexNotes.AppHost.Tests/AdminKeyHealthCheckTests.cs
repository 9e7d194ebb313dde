using Aspire.Hosting.ApplicationModel;
using ConvexKit.Aspire.Hosting;
using ConvexNotes.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConvexNotes.AppHost.Tests;

/// <summary>The admin key check against a real server that checks keys: the emulator, given the key it accepts.</summary>
public sealed class AdminKeyHealthCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _acceptedKey = ConvexAdminKey.Issue("convex-self-hosted", AdminKeyTests.DevSecret);
    private ConvexEmulator _emulator = null!;

    public async ValueTask InitializeAsync() =>
        _emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions { AdminKey = _acceptedKey }, TestContext.Current.CancellationToken)
            .WaitAsync(s_timeout, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task HealthyWhenTheBackendAcceptsTheKey()
    {
        var result = await CheckAsync(_emulator.Url.Port, _acceptedKey);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task UnhealthyWithTheBackendsReasonWhenTheKeyIsForAnotherSecret()
    {
        var otherKey = ConvexAdminKey.Issue("convex-self-hosted", new string('7', 64));

        var result = await CheckAsync(_emulator.Url.Port, otherKey);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("BadAdminKey", result.Description, StringComparison.Ordinal);
        Assert.Contains("convex-instance-secret", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(otherKey, result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhealthyWhenNothingAnswers()
    {
        var port = _emulator.Url.Port;
        await _emulator.StopAsync(TestContext.Current.CancellationToken).WaitAsync(s_timeout, TestContext.Current.CancellationToken);

        var result = await CheckAsync(port, _acceptedKey);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("did not answer", result.Description, StringComparison.Ordinal);
    }

    private static async Task<HealthCheckResult> CheckAsync(int port, string adminKey)
    {
        var parent = new ConvexResource(
            "convex",
            new ParameterResource("convex-instance-secret", _ => AdminKeyTests.DevSecret, secret: true),
            new ParameterResource("convex-admin-key", _ => adminKey, secret: true));
        var convex = new ConvexEmulatorResource("convex-emulator", ".", parent);
        var endpoint = new EndpointAnnotation(System.Net.Sockets.ProtocolType.Tcp, uriScheme: "http", name: "http", port: port, isProxied: false);
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "127.0.0.1", port);
        convex.Annotations.Add(endpoint);

        using var http = new HttpClient();
        var check = new ConvexAdminKeyHealthCheck(() => convex, () => http);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("convex_admin_key_check", check, HealthStatus.Unhealthy, tags: null) };
        return await check.CheckHealthAsync(context, TestContext.Current.CancellationToken).WaitAsync(s_timeout, TestContext.Current.CancellationToken);
    }
}
