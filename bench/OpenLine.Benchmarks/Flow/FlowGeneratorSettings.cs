namespace OpenLine.Benchmarks.Flow;

/// <summary>What <see cref="FlowGenerator"/> writes; the defaults are issue #7's flow.</summary>
public sealed record FlowGeneratorSettings
{
    public long Operations { get; init; } = 1_000_000;
    public int Seed { get; init; } = 42;

    /// <summary>Resting orders the generator steers towards in steady state.</summary>
    public int TargetResting { get; init; } = 5_000;

    /// <summary>Share of operations that are cancels.</summary>
    public double CancelShare { get; init; } = 0.47;

    /// <summary>Share of orders priced to cross the opposite best.</summary>
    public double CrossShare { get; init; } = 0.20;

    /// <summary>Share of crossing orders sent as immediate-or-cancel (<c>I</c>); the rest are <c>L</c>.</summary>
    public double ImmediateShareOfCrossing { get; init; } = 0.5;
}
