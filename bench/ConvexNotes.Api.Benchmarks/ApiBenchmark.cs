using System.Net.Http.Json;
using ConvexNotes.Testing;

namespace ConvexNotes.Api.Benchmarks;

/// <summary>
/// GET /notes throughput next to a bare endpoint serving the same bytes, in one process and one run (issue 4, item 4).
/// Usage: dotnet run -c Release --project bench/ConvexNotes.Api.Benchmarks [-- --notes 20 --content 200
///        --concurrency 16 --seconds 5 --rounds 4 --warmup 3]
/// </summary>
internal static class ApiBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var settings = BenchmarkSettings.Parse(args);
        Console.WriteLine($"ConvexNotes.Api GET /notes vs a bare endpoint: {settings}");
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
        await LoadLoop.RequestsPerSecondAsync(client, BenchmarkHost.BarePath, body.Length, settings.Concurrency, settings.Warmup);
        await LoadLoop.RequestsPerSecondAsync(client, "/notes", body.Length, settings.Concurrency, settings.Warmup);

        var bareRates = new List<double>();
        var notesRates = new List<double>();
        Console.WriteLine();
        Console.WriteLine("round   bare req/s   GET /notes req/s   ratio");
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Alternate the order so drift on a shared machine does not favour one side.
            var (first, second) = round % 2 == 1 ? (BenchmarkHost.BarePath, "/notes") : ("/notes", BenchmarkHost.BarePath);
            var firstRate = await LoadLoop.RequestsPerSecondAsync(client, first, body.Length, settings.Concurrency, settings.Round);
            var secondRate = await LoadLoop.RequestsPerSecondAsync(client, second, body.Length, settings.Concurrency, settings.Round);
            var (bareRate, notesRate) = first == BenchmarkHost.BarePath ? (firstRate, secondRate) : (secondRate, firstRate);
            bareRates.Add(bareRate);
            notesRates.Add(notesRate);
            Console.WriteLine($"{round,5}   {bareRate,10:N0}   {notesRate,16:N0}   {notesRate / bareRate,5:0.00}");
        }

        var bareMean = bareRates.Average();
        var notesMean = notesRates.Average();
        Console.WriteLine();
        Console.WriteLine($"mean    {bareMean,10:N0}   {notesMean,16:N0}   {notesMean / bareMean,5:0.00}   (target >= 0.80)");
        return notesMean / bareMean >= 0.8 ? 0 : 1;
    }
}
