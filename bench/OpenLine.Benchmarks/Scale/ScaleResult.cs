namespace OpenLine.Benchmarks.Scale;

/// <summary>
/// What one level measured (written by the child process as one JSON line). Memory in bytes:
/// <see cref="HeapEmpty"/> after setup (accounts, games), <see cref="HeapBuilt"/> with the resting
/// orders, <see cref="HeapAfter"/> after the timed runs (which add history); all after a full,
/// compacting collection. Working sets are the process's, at the same moments.
/// </summary>
public sealed record ScaleResult(
    ScaleLevel Level,
    double BuildSeconds,
    long HeapEmpty,
    long HeapBuilt,
    long HeapAfter,
    long WorkingSetBuilt,
    long PeakWorkingSet,
    double[] OpsPerSecond,
    double P50Nanos,
    double P99Nanos,
    double P999Nanos,
    double[] P50NanosByKind,
    long Rests,
    long Cancels,
    long Matches,
    long Fills,
    int RestingAtEnd,
    int Gen0,
    int Gen1,
    int Gen2)
{
    public double BytesPerRestingOrder => Level.Resting > 0 ? (HeapBuilt - HeapEmpty) / (double)Level.Resting : 0;

    public double MedianOpsPerSecond
    {
        get
        {
            double[] sorted = [.. OpsPerSecond.Order()];
            return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
