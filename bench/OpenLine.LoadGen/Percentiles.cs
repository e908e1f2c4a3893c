using System.Diagnostics;

namespace OpenLine.LoadGen;

/// <summary>Exact latency percentiles in milliseconds: nearest rank over every sample.</summary>
internal readonly record struct Percentiles(double P50, double P99, double P999, double Max, long Samples)
{
    public static readonly Percentiles None = new(double.NaN, double.NaN, double.NaN, double.NaN, 0);

    /// <param name="ticks">Stopwatch ticks; sorted in place.</param>
    public static Percentiles Of(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return None;
        }
        Array.Sort(ticks);
        return new Percentiles(Ms(Rank(ticks, 0.50)), Ms(Rank(ticks, 0.99)), Ms(Rank(ticks, 0.999)), Ms(ticks[^1]), ticks.Length);
    }

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="p"/> of all samples at or below it.</summary>
    private static long Rank(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
