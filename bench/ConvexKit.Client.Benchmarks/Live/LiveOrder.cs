namespace ConvexKit.Client.Benchmarks.Live;

internal enum Side
{
    Npm,
    CSharp,
}

/// <summary>Which side runs first in a pass: npm in odd passes, C# in even ones, so slow drift on the machine hits both alike.</summary>
internal static class LiveOrder
{
    public static Side[] Sides(int pass, LiveArguments options) =>
        [.. (pass % 2 == 1 ? new[] { Side.Npm, Side.CSharp } : [Side.CSharp, Side.Npm]).Where(options.Runs)];

    public static string Describe(int pass) => pass % 2 == 1 ? "npm, then C#" : "C#, then npm";
}
