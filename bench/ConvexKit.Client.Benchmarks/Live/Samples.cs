namespace ConvexKit.Client.Benchmarks.Live;

/// <summary>Latency samples in milliseconds; both sides' raw samples go through the same percentile rule.</summary>
internal sealed class Samples(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    /// <summary>Nearest-rank percentile: the smallest sample with at least <paramref name="percent"/>% of samples at or below it.</summary>
    public double Percentile(double percent)
    {
        if (_sorted.Length == 0)
        {
            // A side skipped with --only: shown as "—".
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }
}
