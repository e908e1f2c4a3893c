namespace OpenLine.Core;

/// <summary>A game's final score, away first.</summary>
public readonly record struct FinalScore(int Away, int Home)
{
    /// <summary>The highest score accepted for either participant.</summary>
    public const int MaxScore = 1_000_000;

    public bool IsValid => Away is >= 0 and <= MaxScore && Home is >= 0 and <= MaxScore;

    public override string ToString() => $"{Away}-{Home}";
}
