using System.Text;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>Aligns two frame sequences (longest common subsequence) and renders the differences side by side.</summary>
internal static class FrameDiff
{
    /// <summary>Returns <see langword="null"/> when the sequences are equal, else a readable report of where they differ.</summary>
    public static string? Describe(IReadOnlyList<string> dotnet, IReadOnlyList<string> npm)
    {
        if (dotnet.SequenceEqual(npm, StringComparer.Ordinal))
        {
            return null;
        }

        var rows = Align(dotnet, npm);
        var report = new StringBuilder();
        report.AppendLine("The .NET client's frames (left, 'C#') differ from the npm client's (right, 'npm'):");
        report.AppendLine("  '=' same on both sides; '≠' different at the same place; '<' only C# sent it; '>' only npm sent it.");
        report.AppendLine();
        var mismatches = 0;
        foreach (var row in rows)
        {
            switch (row)
            {
                case { Left: { } l, Right: { } r } when l == r:
                    report.AppendLine($"  =  {l}");
                    break;
                case { Left: { } l, Right: { } r }:
                    mismatches++;
                    report.AppendLine($"  ≠  C#:  {l}");
                    report.AppendLine($"     npm: {r}");
                    report.AppendLine($"     {Caret(l, r)}");
                    break;
                case { Left: { } l }:
                    mismatches++;
                    report.AppendLine($"  <  C#:  {l}");
                    report.AppendLine("     npm: (nothing)");
                    break;
                case { Right: { } r }:
                    mismatches++;
                    report.AppendLine("  >  C#:  (nothing)");
                    report.AppendLine($"     npm: {r}");
                    break;
            }
        }

        report.Insert(0, $"{mismatches} difference(s) in {dotnet.Count} C# vs {npm.Count} npm client→server lines.{Environment.NewLine}");
        return report.ToString();
    }

    /// <summary>
    /// Pairs equal lines by LCS; between two matched lines, unmatched lines are paired up in order ('≠') and the surplus
    /// shown as one-sided, so a changed field reads as one row rather than a deletion and an insertion.
    /// </summary>
    internal static List<(string? Left, string? Right)> Align(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var lcs = new int[left.Count + 1, right.Count + 1];
        for (var i = left.Count - 1; i >= 0; i--)
        {
            for (var j = right.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = left[i] == right[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var rows = new List<(string?, string?)>();
        var (li, ri) = (0, 0);
        var pendingLeft = new List<string>();
        var pendingRight = new List<string>();
        void Flush()
        {
            for (var k = 0; k < Math.Max(pendingLeft.Count, pendingRight.Count); k++)
            {
                rows.Add((k < pendingLeft.Count ? pendingLeft[k] : null, k < pendingRight.Count ? pendingRight[k] : null));
            }

            pendingLeft.Clear();
            pendingRight.Clear();
        }

        while (li < left.Count || ri < right.Count)
        {
            if (li < left.Count && ri < right.Count && left[li] == right[ri])
            {
                Flush();
                rows.Add((left[li++], right[ri++]));
            }
            else if (ri >= right.Count || (li < left.Count && lcs[li + 1, ri] >= lcs[li, ri + 1]))
            {
                pendingLeft.Add(left[li++]);
            }
            else
            {
                pendingRight.Add(right[ri++]);
            }
        }

        Flush();
        return rows;
    }

    /// <summary>A marker under the first character where two lines differ.</summary>
    private static string Caret(string left, string right)
    {
        var at = 0;
        while (at < left.Length && at < right.Length && left[at] == right[at])
        {
            at++;
        }

        return new string(' ', at + "npm: ".Length) + "^ first difference at column " + (at + 1);
    }
}
