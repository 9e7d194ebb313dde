using System.Net.Http.Json;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Benchmarks;

/// <summary>
/// GET /notes throughput next to a bare endpoint serving the same bytes, in one process and one run (issue 4, item 4).
/// Usage: dotnet run -c Release --project bench/ConvexNotes.Api.Benchmarks [-- --notes 20 --content 200
///        --concurrency 16 --seconds 2 --rounds 10 --warmup 3]
/// </summary>
internal static class ApiBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var settings = BenchmarkSettings.Parse(args);
        Console.WriteLine($"ConvexNotes.Api GET /notes vs a bare endpoint: {settings}");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; load average {LoadAverage()}.");
        Console.WriteLine("Backend: the ConvexNotes emulator, a test double of Convex (not Convex); GET /notes never reaches it once the live list is up.");

        await using var emulator = await ConvexEmulator.StartAsync();
        await using var host = new BenchmarkHost(emulator.Url);
        host.StartServer();
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = host.ClientOptions.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        for (var i = 0; i < settings.Notes; i++)
        {
            var note = new { title = $"Note {i}", content = new string((char)('a' + (i % 26)), settings.ContentLength) };
            using var created = await client.PostAsJsonAsync("/notes", note);
            created.EnsureSuccessStatusCode();
        }

        // Measure the fast path only: wait until the live subscription holds all the notes.
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (host.Feed.Current?.Notes.Length != settings.Notes)
            {
                await Task.Delay(50, deadline.Token);
            }
        }

        var body = await client.GetByteArrayAsync("/notes");
        host.SetBareBody(body);
        var bare = await client.GetByteArrayAsync(BenchmarkHost.BarePath);
        if (!bare.AsSpan().SequenceEqual(body))
        {
            throw new InvalidOperationException("The bare endpoint does not serve the same bytes as GET /notes.");
        }

        Console.WriteLine($"Response: {body.Length:N0} bytes of JSON, identical on both paths.");

        await LoadLoop.RunAsync(client, BenchmarkHost.BarePath, body.Length, settings.Concurrency, settings.Warmup);
        await LoadLoop.RunAsync(client, "/notes", body.Length, settings.Concurrency, settings.Warmup);

        var rounds = new List<(LoadSample Bare, LoadSample Notes)>();
        Console.WriteLine();
        Console.WriteLine("round   bare req/s   GET /notes req/s   ratio   bare CPU µs/req   GET /notes CPU µs/req   CPU ratio");
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Alternate the order so drift on a shared machine does not favour one side.
            var (first, second) = round % 2 == 1 ? (BenchmarkHost.BarePath, "/notes") : ("/notes", BenchmarkHost.BarePath);
            var firstSample = await LoadLoop.RunAsync(client, first, body.Length, settings.Concurrency, settings.Round);
            var secondSample = await LoadLoop.RunAsync(client, second, body.Length, settings.Concurrency, settings.Round);
            var (bareSample, notesSample) = first == BenchmarkHost.BarePath ? (firstSample, secondSample) : (secondSample, firstSample);
            rounds.Add((bareSample, notesSample));
            Console.WriteLine(
                $"{round,5}   {bareSample.RequestsPerSecond,10:N0}   {notesSample.RequestsPerSecond,16:N0}   {RateRatio(bareSample, notesSample),5:0.00}" +
                $"   {bareSample.CpuMicrosecondsPerRequest,15:0.0}   {notesSample.CpuMicrosecondsPerRequest,21:0.0}   {CpuRatio(bareSample, notesSample),9:0.00}");
        }

        // Each round pairs the two endpoints back to back, so the median of the per-round ratios discounts the load
        // other processes put on the machine better than a ratio of totals does. The CPU ratio (bare CPU per request
        // over GET /notes CPU per request) is the throughput ratio the two would have on an otherwise idle machine.
        Console.WriteLine();
        Console.WriteLine(
            $"mean    {rounds.Average(r => r.Bare.RequestsPerSecond),10:N0}   {rounds.Average(r => r.Notes.RequestsPerSecond),16:N0}" +
            $"           {rounds.Average(r => r.Bare.CpuMicrosecondsPerRequest),15:0.0}   {rounds.Average(r => r.Notes.CpuMicrosecondsPerRequest),21:0.0}");
        Console.WriteLine($"median ratio of the rounds: req/s {Median(rounds.Select(r => RateRatio(r.Bare, r.Notes))):0.00}, " +
            $"CPU {Median(rounds.Select(r => CpuRatio(r.Bare, r.Notes))):0.00} (target >= 0.80)");
        return 0;
    }

    private static double RateRatio(LoadSample bare, LoadSample notes) => notes.RequestsPerSecond / bare.RequestsPerSecond;

    private static double CpuRatio(LoadSample bare, LoadSample notes) => bare.CpuMicrosecondsPerRequest / notes.CpuMicrosecondsPerRequest;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
