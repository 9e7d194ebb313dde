using System.Diagnostics;
using System.Net;

namespace ConvexNotes.Api.Benchmarks;

/// <summary>Drives one path with N concurrent GET loops for a fixed time and counts the complete, correct answers.</summary>
internal static class LoadLoop
{
    public static async Task<double> RequestsPerSecondAsync(
        HttpClient client, string path, int expectedLength, int concurrency, TimeSpan duration)
    {
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
        var counts = await Task.WhenAll(loops);
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }
}
