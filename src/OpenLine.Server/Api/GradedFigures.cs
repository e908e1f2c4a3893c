using OpenLine.Core;

namespace OpenLine.Server.Api;

/// <summary>
/// One settled fill's figures from one side, exact (rules §1: rounded once, when written):
/// <paramref name="Fee"/> the commission charged (makers: zero), <paramref name="Risk"/> = stake + fee,
/// <paramref name="Win"/> = gross potential win − fee, <paramref name="Result"/> the signed cash change.
/// </summary>
public readonly record struct GradedFigures(BetOutcome Outcome, Money Fee, Money Risk, Money Win, Money Result)
{
    /// <summary>The figures of <paramref name="settlement"/> of <paramref name="bet"/> from the taker's or the maker's side.</summary>
    public static GradedFigures Of(Bet bet, BetSettlement settlement, bool taker)
    {
        Money stake = taker ? bet.TakerStake : bet.MakerStake;
        Money gross = taker ? bet.MakerStake : bet.TakerStake;
        Money fee = taker ? settlement.Fee : Money.Zero;
        return new GradedFigures(settlement.OutcomeFor(taker), fee, stake + fee, gross - fee, taker ? settlement.TakerDelta : settlement.MakerDelta);
    }
}
