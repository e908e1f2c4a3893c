using System.Diagnostics;

namespace OpenLine.LoadGen;

/// <summary>
/// A lock-free latency histogram for the live progress line: microseconds in log-linear buckets
/// (exact below 64 µs, then 32 buckets per power of two, so a percentile is within ~3%), counted
/// with <see cref="Interlocked"/> so every connection records into it while the progress line reads
/// it. The final report does not use it: its percentiles are exact, from every sample.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Linear = 64;          // 0..63 µs: one bucket each
    private const int SubBits = 5;          // then 32 buckets per power of two
    private const int Octaves = 32;         // up to 2^37 µs, far beyond any run
    private readonly long[] _counts = new long[Linear + (Octaves << SubBits)];
    private long _total;

    public long Count => Volatile.Read(ref _total);

    public void Record(long stopwatchTicks)
    {
        long micros = Math.Max(0, stopwatchTicks * 1_000_000 / Stopwatch.Frequency);
        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>The value (ms) at or below which a share <paramref name="p"/> of the samples lie; 0 when empty.</summary>
    public double PercentileMs(double p)
    {
        long total = Count;
        if (total == 0)
        {
            return 0;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return UpperBoundMicros(i) / 1000.0;
            }
        }
        return UpperBoundMicros(_counts.Length - 1) / 1000.0;
    }

    private static int Index(long micros)
    {
        if (micros < Linear)
        {
            return (int)micros;
        }
        int octave = 63 - (int)long.LeadingZeroCount(micros) - 6; // 64..127 µs is octave 0
        if (octave >= Octaves)
        {
            return Linear + (Octaves << SubBits) - 1;
        }
        int sub = (int)(micros >> (octave + 6 - SubBits)) & ((1 << SubBits) - 1);
        return Linear + (octave << SubBits) + sub;
    }

    private static long UpperBoundMicros(int index)
    {
        if (index < Linear)
        {
            return index;
        }
        int octave = (index - Linear) >> SubBits;
        int sub = (index - Linear) & ((1 << SubBits) - 1);
        long width = 1L << (octave + 6 - SubBits);
        return (64L << octave) + ((sub + 1) * width) - 1;
    }
}
