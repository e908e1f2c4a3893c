namespace OpenLine.Core;

/// <summary>
/// The taker's figures for one fill (API §8.9): with stake <c>A</c>, counter-stake
/// <c>G = A × m(odds)</c> and rate <c>c</c>,
/// <c>risk = A + c·min(A, G)</c> (what the taker loses if the bet loses) and
/// <c>win = G − c·G</c> (what the taker nets if it wins). Makers and postArb fills pay none.
/// </summary>
public readonly record struct TakerFigures(Money Risk, Money Win, Money LossCommission, Money WinCommission)
{
    public static TakerFigures For(Money stake, Money counterStake, CommissionRate rate)
    {
        Money lossCommission = rate.Of(Money.Min(stake, counterStake));
        Money winCommission = rate.Of(counterStake);
        return new TakerFigures(stake + lossCommission, counterStake - winCommission, lossCommission, winCommission);
    }

    /// <summary>The figures of a fill that pays no commission (a maker's, or a postArb taker's).</summary>
    public static TakerFigures WithoutCommission(Money stake, Money counterStake) =>
        new(stake, counterStake, Money.Zero, Money.Zero);
}
