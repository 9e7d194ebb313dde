using System.Globalization;

namespace ConvexNotes.Api.Benchmarks;

/// <summary>The knobs of one run, from <c>--name value</c> arguments.</summary>
internal sealed record BenchmarkSettings(int Notes, int ContentLength, int Concurrency, TimeSpan Warmup, TimeSpan Round, int Rounds)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new BenchmarkSettings(
            Notes: Int("notes", 20),
            ContentLength: Int("content", 200),
            Concurrency: Int("concurrency", 16),
            Warmup: TimeSpan.FromSeconds(Int("warmup", 3)),
            Round: TimeSpan.FromSeconds(Int("seconds", 2)),
            Rounds: Int("rounds", 10));
    }

    public override string ToString() =>
        $"{Notes} notes of {ContentLength} characters, {Concurrency} concurrent loops, " +
        $"{Rounds} alternating rounds of {Round.TotalSeconds:0} s per endpoint after {Warmup.TotalSeconds:0} s warmup each";
}
