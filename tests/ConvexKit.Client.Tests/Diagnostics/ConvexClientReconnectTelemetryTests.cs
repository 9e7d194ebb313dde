using ConvexKit.Client.Diagnostics;
using ConvexNotes.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ConvexKit.Client.Tests.Diagnostics;

/// <summary>The reconnect counter across a real emulator restart (its own emulator, so other tests keep theirs).</summary>
public sealed class ConvexClientReconnectTelemetryTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ALostConnectionCountsOneReconnect()
    {
        using var reconnects = new MetricCollector<long>(null, ConvexTelemetry.MeterName, "convex.client.reconnects");
        await using var emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions(), Ct).WaitAsync(s_wait, Ct);
        await using var client = new ConvexClient(emulator.Url, new ConvexClientOptions { MaxReconnectDelay = TimeSpan.FromSeconds(1) });
        await using var subscription = client.Subscribe("notes:list");
        await subscription.FirstAsync(Ct).AsTask().WaitAsync(s_wait, Ct);
        Assert.Equal(0, Count(reconnects, emulator));

        await emulator.KillAsync().WaitAsync(s_wait, Ct);
        await client.WatchConnectionState(Ct).FirstAsync(s => s == ConvexConnectionState.Reconnecting, Ct).AsTask().WaitAsync(s_wait, Ct);
        await emulator.StartAgainAsync(Ct).WaitAsync(s_wait, Ct);
        await client.WatchConnectionState(Ct).FirstAsync(s => s == ConvexConnectionState.Connected, Ct).AsTask().WaitAsync(s_wait, Ct);

        Assert.Equal(1, Count(reconnects, emulator));
    }

    private static long Count(MetricCollector<long> collector, ConvexEmulator emulator) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["server.port"], emulator.Url.Port)).Sum(m => m.Value);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
