using CsCheck;

namespace OpenLine.Core.Tests;

/// <summary>Settling one fill from a final score (rules §7), with hand-computed payouts at 1% taker commission.</summary>
public class BetSettlementTests
{
    private static readonly CommissionRate OnePercent = CommissionRate.OnePercent;
    private static readonly BookKey Moneyline = new(MarketType.Moneyline, 0);

    private static Money Usd(decimal dollars) => Money.FromDecimal(dollars);

    private static BookKey Spread(decimal awayNumber) => new(MarketType.Spread, LineNumber.FromDecimal(awayNumber).Quarters);

    private static BookKey Total(decimal total) => new(MarketType.Total, LineNumber.FromDecimal(total).Quarters);

    private static void AssertSettles(BetSettlement s, BetOutcome outcome, decimal takerDelta, decimal makerDelta, decimal fee)
    {
        Assert.Equal(outcome, s.TakerOutcome);
        Assert.Equal(Usd(takerDelta), s.TakerDelta);
        Assert.Equal(Usd(makerDelta), s.MakerDelta);
        Assert.Equal(Usd(fee), s.Fee);
        Assert.Equal(Money.Zero, s.TakerDelta + s.MakerDelta + s.Fee); // conserved to the micro-dollar
    }

    [Fact]
    public void A_moneyline_taker_at_minus_185_wins_99_loses_186_and_a_tie_refunds_both()
    {
        // Scenario 2's fill: A = 185 on the away side at −185, G = 100.
        AssertSettles(BetSettlement.Settle(Moneyline, 0, Usd(185), Usd(100), OnePercent, 3, 1), BetOutcome.Winner, 99, -100, 1);
        AssertSettles(BetSettlement.Settle(Moneyline, 0, Usd(185), Usd(100), OnePercent, 1, 3), BetOutcome.Loser, -186, 185, 1);
        AssertSettles(BetSettlement.Settle(Moneyline, 0, Usd(185), Usd(100), OnePercent, 2, 2), BetOutcome.Refunded, 0, 0, 0);
        AssertSettles(BetSettlement.Settle(Moneyline, 1, Usd(185), Usd(100), OnePercent, 3, 1), BetOutcome.Loser, -186, 185, 1);
    }

    [Fact]
    public void A_positive_price_taker_pays_commission_on_the_stake_when_it_loses_and_on_the_win_when_it_wins()
    {
        // 25 at +185 (G = 46.25): win 46.25 − 0.4625; lose 25 + 0.25 (min(A, G) = A).
        AssertSettles(BetSettlement.Settle(Moneyline, 0, Usd(25), Usd(46.25m), OnePercent, 1, 0), BetOutcome.Winner, 45.7875m, -46.25m, 0.4625m);
        AssertSettles(BetSettlement.Settle(Moneyline, 0, Usd(25), Usd(46.25m), OnePercent, 0, 1), BetOutcome.Loser, -25.25m, 25, 0.25m);
    }

    [Theory]
    [InlineData(100, 96, BetOutcome.Winner, 99, -100, 1)]     // away −3.5 covers by 4
    [InlineData(100, 97, BetOutcome.Loser, -111, 110, 1)]  // wins by 3: does not cover; loss commission is 1% of min(A, G) = 1.00
    [InlineData(90, 100, BetOutcome.Loser, -111, 110, 1)]
    public void A_spread_of_minus_3_5_covers_only_by_4_or_more(int away, int home, BetOutcome outcome, decimal taker, decimal maker, decimal fee)
    {
        AssertSettles(BetSettlement.Settle(Spread(-3.5m), 0, Usd(110), Usd(100), OnePercent, away, home), outcome, taker, maker, fee);
    }

    [Fact]
    public void The_home_side_of_a_spread_is_the_away_number_negated()
    {
        // Home +3.5 (book line: away −3.5), taker on home: a 3-point away win is a home cover.
        AssertSettles(BetSettlement.Settle(Spread(-3.5m), 1, Usd(110), Usd(100), OnePercent, 100, 97), BetOutcome.Winner, 99, -100, 1);
    }

    [Fact]
    public void Whole_lines_push_on_the_number()
    {
        AssertSettles(BetSettlement.Settle(Spread(-3m), 0, Usd(110), Usd(100), OnePercent, 100, 97), BetOutcome.Refunded, 0, 0, 0);
        AssertSettles(BetSettlement.Settle(Total(220m), 0, Usd(110), Usd(100), OnePercent, 110, 110), BetOutcome.Refunded, 0, 0, 0);
    }

    [Theory]
    [InlineData(111, 110, BetOutcome.Winner, 99, -100, 1)]  // 221 > 220.5
    [InlineData(110, 110, BetOutcome.Loser, -111, 110, 1)]
    public void Over_220_5_wins_on_221_and_loses_on_220(int away, int home, BetOutcome outcome, decimal taker, decimal maker, decimal fee)
    {
        AssertSettles(BetSettlement.Settle(Total(220.5m), 0, Usd(110), Usd(100), OnePercent, away, home), outcome, taker, maker, fee);
        AssertSettles(BetSettlement.Settle(Total(220.5m), 1, Usd(110), Usd(100), OnePercent, away, home), outcome.Opposite(),
            outcome == BetOutcome.Winner ? -111 : 99, outcome == BetOutcome.Winner ? 110 : -100, 1);
    }

    [Fact]
    public void Quarter_lines_settle_half_on_each_neighbour()
    {
        // Over 2.25 for 100 at −105.26…: G = 95. Total 2: half pushes (over 2), half loses (over 2.5) → half-loss.
        AssertSettles(BetSettlement.Settle(Total(2.25m), 0, Usd(100), Usd(95), OnePercent, 1, 1), BetOutcome.HalfLoss, -50.475m, 50, 0.475m);
        AssertSettles(BetSettlement.Settle(Total(2.25m), 0, Usd(100), Usd(95), OnePercent, 2, 1), BetOutcome.Winner, 94.05m, -95, 0.95m);
        AssertSettles(BetSettlement.Settle(Total(2.25m), 0, Usd(100), Usd(95), OnePercent, 1, 0), BetOutcome.Loser, -100.95m, 100, 0.95m);
        // Over 2.75 on a total of 3: half wins (over 2.5), half pushes (over 3) → half-win.
        AssertSettles(BetSettlement.Settle(Total(2.75m), 0, Usd(100), Usd(95), OnePercent, 2, 1), BetOutcome.HalfWin, 47.025m, -47.5m, 0.475m);
        // A −0.25 handicap on a draw: half pushes (0), half loses (−0.5).
        Assert.Equal(BetOutcome.HalfLoss, BetSettlement.Settle(Spread(-0.25m), 0, Usd(100), Usd(95), OnePercent, 1, 1).TakerOutcome);
    }

    [Fact]
    public void Halving_an_odd_micro_dollar_leaves_it_with_the_payer()
    {
        BetSettlement s = BetSettlement.Settle(Total(2.75m), 0, Usd(100), Money.FromMicros(95_000_001), CommissionRate.FromPpm(0), 2, 1);

        Assert.Equal(Money.FromMicros(47_500_000), s.MakerToTaker);
    }

    [Fact]
    public void Three_way_markets_never_push_the_draw_is_an_outcome()
    {
        var draw = new BookKey(MarketType.Moneyline1x2, BookKey.DrawOutcome);
        var home = new BookKey(MarketType.Moneyline1x2, BookKey.HomeOutcome);

        // Yes on the draw, 50 at +250 (G = 125).
        AssertSettles(BetSettlement.Settle(draw, 0, Usd(50), Usd(125), OnePercent, 1, 1), BetOutcome.Winner, 123.75m, -125, 1.25m);
        AssertSettles(BetSettlement.Settle(draw, 0, Usd(50), Usd(125), OnePercent, 2, 1), BetOutcome.Loser, -50.5m, 50, 0.5m);
        // No on home: wins on a draw or an away win, loses when home wins.
        Assert.Equal(BetOutcome.Winner, BetSettlement.Settle(home, 1, Usd(120), Usd(100), OnePercent, 1, 1).TakerOutcome);
        Assert.Equal(BetOutcome.Loser, BetSettlement.Settle(home, 1, Usd(120), Usd(100), OnePercent, 0, 1).TakerOutcome);
    }

    [Fact]
    public void A_post_arb_fill_pays_no_commission()
    {
        AssertSettles(BetSettlement.Settle(Moneyline, 0, Usd(50), Usd(50), CommissionRate.FromPpm(0), 2, 1), BetOutcome.Winner, 50, -50, 0);
    }

    [Fact]
    public void Settlement_conserves_money_and_pays_exactly_the_figures_quoted_at_placement()
    {
        Gen<(BookKey Key, int Side, long A, long G, int Ppm, int Away, int Home)> bets =
            from kind in Gen.Int[0, 3]
            from quarters in Gen.Int[-16, 16]
            from outcome in Gen.Int[0, 2]
            from side in Gen.Int[0, 1]
            from a in Gen.Long[1, 10_000_000_000]
            from g in Gen.Long[1, 10_000_000_000]
            from ppm in Gen.Int[0, 100_000]
            from away in Gen.Int[0, 8]
            from home in Gen.Int[0, 8]
            select (kind switch
            {
                0 => Moneyline,
                1 => new BookKey(MarketType.Spread, quarters),
                2 => new BookKey(MarketType.Total, Math.Abs(quarters)),
                _ => new BookKey(MarketType.Moneyline1x2, outcome),
            }, side, a, g, ppm, away, home);

        bets.Sample(b =>
        {
            CommissionRate rate = CommissionRate.FromPpm(b.Ppm);
            BetSettlement s = BetSettlement.Settle(b.Key, b.Side, Money.FromMicros(b.A), Money.FromMicros(b.G), rate, b.Away, b.Home);
            Assert.Equal(Money.Zero, s.TakerDelta + s.MakerDelta + s.Fee);
            TakerFigures quoted = TakerFigures.For(Money.FromMicros(b.A), Money.FromMicros(b.G), rate);
            switch (s.TakerOutcome)
            {
                case BetOutcome.Winner:
                    Assert.Equal(quoted.Win, s.TakerDelta); // the placement's "win"
                    break;
                case BetOutcome.Loser:
                    Assert.Equal(-quoted.Risk, s.TakerDelta); // the placement's "risk"
                    break;
                case BetOutcome.Refunded:
                    Assert.Equal(Money.Zero, s.TakerDelta);
                    break;
            }
        }, iter: 5_000);
    }
}
