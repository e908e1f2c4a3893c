namespace OpenLine.Core;

/// <summary>
/// What one side of matched bets pays out, as settlement pays it (rules §7): the whole win and loss,
/// and what a quarter line's half win and half loss move. A half is not half of the whole: settlement
/// halves each stored amount and rounds down (the stake, the counter-stake, each commission), so a
/// half win can be a micro-dollar short of half the win — and liability, which must never be
/// understated, has to count the halves settlement will actually pay.
/// </summary>
public readonly record struct PositionAmounts(Money Win, Money Loss, Money HalfWin, Money HalfLoss)
{
    /// <summary>
    /// One fill from one side, by its figures: a taker's (<see cref="TakerFigures.For"/>), or a commission-free
    /// side's (<see cref="TakerFigures.WithoutCommission"/>: a postArb taker, or a maker with its own stake as the stake).
    /// </summary>
    public static PositionAmounts Of(TakerFigures figures)
    {
        Money stake = figures.Risk - figures.LossCommission;
        Money counterStake = figures.Win + figures.WinCommission;
        return new PositionAmounts(figures.Win, figures.Risk,
            Half(counterStake) - Half(figures.WinCommission),
            Half(stake) + Half(figures.LossCommission));
    }

    /// <summary>The maker's side of a fill: it wins the taker's stake or loses its own, and pays no commission.</summary>
    public static PositionAmounts ForMaker(Money takerStake, Money makerStake) => Of(TakerFigures.WithoutCommission(makerStake, takerStake));

    /// <summary>Half of a stored amount, rounded down (as <see cref="BetSettlement.Settle"/> takes it on a quarter line).</summary>
    public static Money Half(Money amount) => Money.FromMicros(amount.Micros / 2);

    public static PositionAmounts operator +(PositionAmounts x, PositionAmounts y) =>
        new(x.Win + y.Win, x.Loss + y.Loss, x.HalfWin + y.HalfWin, x.HalfLoss + y.HalfLoss);
}
