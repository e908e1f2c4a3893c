using OpenLine.Core;

namespace OpenLine.Benchmarks.Flow;

/// <summary>How <see cref="CoreReplay"/> replays a flow.</summary>
public sealed record CoreReplaySettings
{
    /// <summary>Timed throughput passes (each on a fresh engine); the median is reported.</summary>
    public int Runs { get; init; } = 3;

    public int Accounts { get; init; } = FlowEngine.DefaultAccounts;

    /// <summary>The engine's minimum offer; null for the flow default (one cent, see <see cref="FlowEngine"/>).</summary>
    public Money? MinimumOffer { get; init; }

    /// <summary>Run the per-operation latency pass.</summary>
    public bool LatencyPass { get; init; } = true;

    /// <summary>Run the per-operation allocation pass.</summary>
    public bool AllocationPass { get; init; } = true;

    /// <summary>Also sample allocations by type (runtime allocation-tick events) in a separate pass.</summary>
    public bool AllocationTypes { get; init; }
}
