namespace OpenLine.Core;

/// <summary>
/// Identifies one two-sided book within a game. <see cref="Line"/> is the canonical number:
/// for spreads the away participant's handicap, for totals the total, for 1x2 the outcome
/// (0 = away, 1 = home, 2 = draw), and 0 for the moneyline. Side 0 of the book is away / over /
/// yes, side 1 is home / under / no; each side matches only against the other.
/// </summary>
public readonly record struct BookKey(MarketType Type, int Line)
{
    public const int AwayOutcome = 0;
    public const int HomeOutcome = 1;
    public const int DrawOutcome = 2;
}
