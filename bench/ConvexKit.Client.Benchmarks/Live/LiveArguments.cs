using System.Globalization;

namespace ConvexKit.Client.Benchmarks.Live;

/// <summary><c>--name value</c> integer options of the live benchmarks, with defaults.</summary>
internal sealed class LiveArguments(string[] args)
{
    public int Get(string name, int fallback)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Whether the flag <c>--name</c> is given.</summary>
    public bool Has(string name) => Array.IndexOf(args, "--" + name) >= 0;

    /// <summary><c>--only csharp</c> or <c>--only npm</c> runs one side (to profile it); both by default.</summary>
    public bool Runs(Side side)
    {
        var index = Array.IndexOf(args, "--only");
        return index < 0 || index + 1 >= args.Length || string.Equals(args[index + 1], side == Side.Npm ? "npm" : "csharp", StringComparison.OrdinalIgnoreCase);
    }
}
