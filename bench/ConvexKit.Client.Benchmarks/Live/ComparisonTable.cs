using System.Globalization;

namespace ConvexKit.Client.Benchmarks.Live;

/// <summary>
/// Prints C# next to npm: one row per metric with the ratio npm ÷ C# (above 1 means C# is faster or smaller) and, when
/// the metric has a target, whether it was met.
/// </summary>
internal sealed class ComparisonTable(string title)
{
    private readonly List<(string Metric, string CSharp, string Npm, string Ratio, string Target, string Met)> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>The ratio npm ÷ C# of each pass's percentile (p50 unless told) and their median: how steady the comparison was on this machine.</summary>
    public static string PerPassRatios(
        string metric, IEnumerable<(IReadOnlyList<double> CSharp, IReadOnlyList<double> Npm)> passes, double percentile = 50)
    {
        var ratios = passes.Where(p => p.CSharp.Count > 0 && p.Npm.Count > 0)
            .Select(p => new Samples(p.Npm).Percentile(percentile) / new Samples(p.CSharp).Percentile(percentile)).ToList();
        return ratios.Count == 0
            ? ""
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{metric}, npm ÷ C# per pass: {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} (median {new Samples(ratios).P50:0.00}).");
    }

    /// <summary>Adds a line printed under the table.</summary>
    public void AddNote(string note)
    {
        if (note.Length > 0)
        {
            _notes.Add(note);
        }
    }

    /// <summary>Adds a lower-is-better metric; <paramref name="minimumRatio"/> is the target for npm ÷ C#, if any.</summary>
    public void Add(string metric, double csharp, double npm, string unit, double? minimumRatio = null, string? target = null)
    {
        var ratio = npm / csharp;
        _rows.Add((
            metric,
            Format(csharp, unit),
            Format(npm, unit),
            double.IsNaN(ratio) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×"),
            target ?? (minimumRatio is { } m ? string.Create(CultureInfo.InvariantCulture, $"npm ÷ C# ≥ {m:0.##}") : "—"),
            minimumRatio is { } min && !double.IsNaN(ratio) ? (ratio >= min ? "yes" : "NO") : "—"));
    }

    public void Print(params string[] notes)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        foreach (var note in notes)
        {
            Console.WriteLine(note);
        }

        Console.WriteLine();
        string[] header = ["metric", "C#", "npm", "ratio (npm ÷ C#)", "target", "met?"];
        var rows = _rows.Select(r => new[] { r.Metric, r.CSharp, r.Npm, r.Ratio, r.Target, r.Met }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        Console.WriteLine(Row(header, widths));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Row(row, widths));
        }

        foreach (var note in _notes)
        {
            Console.WriteLine(note);
        }
    }

    private static string Row(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";

    private static string Format(double value, string unit) => unit switch
    {
        _ when double.IsNaN(value) => "—",
        "ms" => string.Create(CultureInfo.InvariantCulture, $"{value:0.00} ms"),
        "bytes" => string.Create(CultureInfo.InvariantCulture, $"{value:N0} B"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {unit}"),
    };
}
