using System.Diagnostics;
using System.Net;

namespace ConvexNotes.Api.Benchmarks;

/// <summary>Drives one path with N concurrent GET loops for a fixed time and counts the complete, correct answers.</summary>
internal static class LoadLoop
{
    public static async Task<LoadSample> RunAsync(HttpClient client, string path, int expectedLength, int concurrency, TimeSpan duration)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            long completed = 0;
            while (stopwatch.Elapsed < duration)
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK || body.Length != expectedLength)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} with {body.Length} bytes.");
                }

                completed++;
            }

            return completed;
        }));
        var requests = (await Task.WhenAll(loops)).Sum();
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return new LoadSample(requests / elapsed.TotalSeconds, cpu.TotalMicroseconds / requests);
    }
}

/// <summary>
/// One path's figures for one timed run. The CPU time is this whole process's (client and server share it): unlike
/// requests per second, it barely moves when other processes load the machine.
/// </summary>
internal readonly record struct LoadSample(double RequestsPerSecond, double CpuMicrosecondsPerRequest);
