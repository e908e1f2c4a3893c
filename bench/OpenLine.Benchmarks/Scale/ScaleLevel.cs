namespace OpenLine.Benchmarks.Scale;

/// <summary>
/// One point of a scale curve: <see cref="Resting"/> resting orders spread evenly over the
/// moneyline markets of <see cref="Games"/> games, then <see cref="Operations"/> timed operations
/// of the fixed mix, <see cref="Runs"/> times.
/// </summary>
public sealed record ScaleLevel(string Curve, int Resting, int Games, int Operations, int Runs, int Seed);
