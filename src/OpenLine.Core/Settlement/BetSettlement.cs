namespace OpenLine.Core;

/// <summary>
/// What one fill pays when its game ends (rules §7): the money moving between taker and maker, and
/// the taker's commission to the house. Money is conserved exactly:
/// taker Δ + maker Δ + fee = 0.
/// </summary>
/// <param name="TakerOutcome">The outcome for the taker's side; the maker's is its opposite.</param>
/// <param name="MakerToTaker">What the maker pays the taker (the taker's win before commission: G, or G/2 on a half win).</param>
/// <param name="TakerToMaker">What the taker pays the maker (the taker's stake: A, or A/2 on a half loss).</param>
/// <param name="Fee">The taker's commission (<c>c·G</c> on a win, <c>c·min(A, G)</c> on a loss, each rounded once; on a quarter-line half, half of that rounded down; none on pushes and for postArb).</param>
public readonly record struct BetSettlement(BetOutcome TakerOutcome, Money MakerToTaker, Money TakerToMaker, Money Fee)
{
    /// <summary>Stakes back to both sides: a void (or a push).</summary>
    public static readonly BetSettlement Refund = new(BetOutcome.Refunded, Money.Zero, Money.Zero, Money.Zero);

    public BetOutcome MakerOutcome => TakerOutcome.Opposite();

    /// <summary>The outcome from one side of the bet: the taker's or the maker's.</summary>
    public BetOutcome OutcomeFor(bool taker) => taker ? TakerOutcome : MakerOutcome;

    /// <summary>The taker's cash change: its net win, or minus its stake and loss-side commission.</summary>
    public Money TakerDelta => MakerToTaker - TakerToMaker - Fee;

    /// <summary>The maker's cash change (makers pay no commission).</summary>
    public Money MakerDelta => TakerToMaker - MakerToTaker;

    /// <summary>
    /// Settles one fill on a final score. <paramref name="key"/> and <paramref name="takerSide"/> say
    /// what the taker backed; A = <paramref name="takerStake"/>, G = <paramref name="makerStake"/>;
    /// <paramref name="commission"/> is the taker's rate (pass zero for a postArb fill).
    /// </summary>
    public static BetSettlement Settle(BookKey key, int takerSide, Money takerStake, Money makerStake, CommissionRate commission,
        int awayScore, int homeScore)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(awayScore);
        ArgumentOutOfRangeException.ThrowIfNegative(homeScore);
        // Each half of the stake: +1 the taker's side wins, 0 push, −1 it loses. Whole and half lines settle both halves alike.
        (int first, int second) = Halves(key, awayScore, homeScore);
        if (takerSide == 1)
        {
            (first, second) = (-first, -second);
        }
        Money a = takerStake;
        Money g = makerStake;
        // The commissions quoted at the fill (rounded once, half away from zero): c·G on a win, c·min(A, G) on a loss.
        Money winCommission = commission.Of(g);
        Money lossCommission = commission.Of(Money.Min(a, g));
        // A quarter line's half takes half of each stored amount, rounded down: the odd micro-dollar stays
        // with the payer, so a half loss never costs more than half of the risk reserved at the fill.
        static Money Half(Money m) => PositionAmounts.Half(m);
        return (first + second) switch
        {
            2 => new BetSettlement(BetOutcome.Winner, g, Money.Zero, winCommission),
            -2 => new BetSettlement(BetOutcome.Loser, Money.Zero, a, lossCommission),
            1 => new BetSettlement(BetOutcome.HalfWin, Half(g), Money.Zero, Half(winCommission)),
            -1 => new BetSettlement(BetOutcome.HalfLoss, Money.Zero, Half(a), Half(lossCommission)),
            _ => new BetSettlement(BetOutcome.Refunded, Money.Zero, Money.Zero, Money.Zero),
        };
    }

    /// <summary>The two halves' results for side 0 (away / over / yes); quarter lines split on their neighbours.</summary>
    private static (int First, int Second) Halves(BookKey key, int away, int home)
    {
        int difference = away - home;
        int sum = away + home;
        switch (key.Type)
        {
            case MarketType.Moneyline:
                int winner = Math.Sign(difference); // a tie refunds both sides
                return (winner, winner);
            case MarketType.Spread:
                // Away covers when 4·(a − h) + q > 0, with q the away handicap in quarters.
                return Split(key.Line, q => Math.Sign((4 * difference) + q));
            case MarketType.Total:
                return Split(key.Line, q => Math.Sign((4 * sum) - q));
            default:
                bool happened = key.Line switch
                {
                    BookKey.AwayOutcome => difference > 0,
                    BookKey.HomeOutcome => difference < 0,
                    _ => difference == 0, // 1x2: the draw is an outcome, never a push
                };
                int yes = happened ? 1 : -1;
                return (yes, yes);
        }
    }

    private static (int, int) Split(int quarters, Func<int, int> result) =>
        (quarters & 1) == 0 ? (result(quarters), result(quarters)) : (result(quarters - 1), result(quarters + 1));
}
