using System.Globalization;

namespace ConvexKit.Client.Benchmarks.ClientCost;

/// <summary>What this process spent between <see cref="Start"/> and <see cref="PerOperation"/>: CPU, allocations, thread-pool work.</summary>
internal readonly record struct ProcessCost(TimeSpan Cpu, long Allocated, long WorkItems)
{
    public static ProcessCost Start() =>
        new(Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: true), ThreadPool.CompletedWorkItemCount);

    public (double CpuMicroseconds, double Bytes, double WorkItems) PerOperation(int operations)
    {
        var now = Start();
        return (
            (now.Cpu - Cpu).TotalMilliseconds * 1000 / operations,
            (now.Allocated - Allocated) / (double)operations,
            (now.WorkItems - WorkItems) / (double)operations);
    }

    public static string Describe((double CpuMicroseconds, double Bytes, double WorkItems) cost) =>
        string.Create(CultureInfo.InvariantCulture, $"CPU {cost.CpuMicroseconds:0} µs, {cost.Bytes:N0} B allocated, {cost.WorkItems:0.0} thread-pool work items per round trip");
}
