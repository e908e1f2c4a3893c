namespace OpenLine.Benchmarks.Flow;

/// <summary>What <see cref="CoreReplay"/> measured.</summary>
public sealed class CoreReplayResult
{
    public required FlowOp[] Ops { get; init; }

    /// <summary>Seconds of each timed throughput pass.</summary>
    public required double[] RunSeconds { get; init; }

    public double MedianSeconds
    {
        get
        {
            double[] sorted = [.. RunSeconds];
            Array.Sort(sorted);
            return sorted[sorted.Length / 2];
        }
    }

    public double OpsPerSecond => Ops.Length / MedianSeconds;

    /// <summary>Fills (bets: one per taker order × resting order matched).</summary>
    public required long Fills { get; init; }

    /// <summary>Σ taker stake of the fills, in dollars.</summary>
    public required decimal TakerVolume { get; init; }

    /// <summary>Σ maker stake of the fills, in dollars.</summary>
    public required decimal MakerVolume { get; init; }

    /// <summary>Operations by outcome.</summary>
    public required long[] Outcomes { get; init; }

    /// <summary>Orders resting at the end.</summary>
    public required int RestingAtEnd { get; init; }

    /// <summary>Every pass produced the same fills and end state, and nothing was rejected unexpectedly.</summary>
    public required bool Consistent { get; init; }
}
