using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using ConvexKit.Client.Benchmarks.Live;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Benchmarks.ClientCost;

/// <summary>
/// Where the C# side's bytes per round trip go: sequential mutations against the scripted server, as in (e), with the
/// runtime's sampled allocation events (GCAllocationTick, about one per 100 KB) counted per allocated type. A sample
/// stands for the bytes allocated since the previous one, so the shares are estimates; the total is exact.
/// </summary>
internal static class AllocationProbe
{
    public static async Task<int> RunAsync(LiveArguments options)
    {
        var warmup = options.Get("warmup", 2000);
        var iterations = options.Get("iterations", 20000);
        await using var server = await ScriptedServer.StartAsync();
        await using var client = new ConvexClient(server.Url);
        var id = (await client.MutationAsync("notes:create", ConvexObject.Of(("title", "probe"), ("content", "")))).AsString();
        await using var subscription = client.Subscribe("notes:get", ConvexObject.Of(("id", id)));
        for (var i = 0; i < warmup; i++)
        {
            await client.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", "probe " + Text(i))));
        }

        using var listener = new AllocationListener();
        var cost = ProcessCost.Start();
        for (var i = 0; i < iterations; i++)
        {
            await client.MutationAsync("notes:update", ConvexObject.Of(("id", id), ("title", "probe " + Text(i))));
        }

        var perTrip = cost.PerOperation(iterations);
        listener.Dispose();
        Console.WriteLine($"{iterations} round trips: {ProcessCost.Describe(perTrip)}");
        var samples = listener.Samples.ToArray();
        var total = samples.Sum(s => s.Value);
        Console.WriteLine("Sampled allocations by type (estimated bytes per round trip):");
        foreach (var (type, bytes) in samples.OrderByDescending(s => s.Value).Take(options.Get("top", 40)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes * perTrip.Bytes / Math.Max(total, 1),8:0} B  {type}"));
        }

        return 0;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> Samples { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: GCAllocationTick
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
            {
                return;
            }

            var names = eventData.PayloadNames!;
            var type = eventData.Payload[names.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[names.IndexOf(names.Contains("AllocationAmount64") ? "AllocationAmount64" : "AllocationAmount")], CultureInfo.InvariantCulture);
            Samples.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
