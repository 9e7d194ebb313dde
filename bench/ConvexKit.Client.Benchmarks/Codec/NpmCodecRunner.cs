using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ConvexKit.Client.Benchmarks.Codec;

/// <summary>Runs bench/npm/codec.mjs with node (the official <c>convex</c> package from the root node_modules) and reads its JSON report.</summary>
internal static class NpmCodecRunner
{
    public static async Task<NpmCodecReport> RunAsync(int warmup, int iterations)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            RepositoryRoot.Combine("bench", "npm", "codec.mjs"), "--json",
            "--warmup", warmup.ToString(CultureInfo.InvariantCulture), "--iterations", iterations.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node bench/npm/codec.mjs exited with {process.ExitCode}: {await stderr}");
        }

        using var report = JsonDocument.Parse(await stdout);
        var root = report.RootElement;
        return new NpmCodecReport(
            $"npm convex {root.GetProperty("convex").GetString()} ({root.GetProperty("runtime").GetString()})",
            root.GetProperty("payloadBytes").GetInt64(),
            root.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("medianMs").GetDouble()));
    }
}

internal sealed record NpmCodecReport(string Runtime, long PayloadBytes, IReadOnlyDictionary<string, double> MedianMilliseconds)
{
    /// <summary>The better (smaller) median of two runs, per operation.</summary>
    public static NpmCodecReport Faster(NpmCodecReport first, NpmCodecReport second) => first with
    {
        MedianMilliseconds = first.MedianMilliseconds.ToDictionary(m => m.Key, m => Math.Min(m.Value, second.MedianMilliseconds[m.Key])),
    };
}
