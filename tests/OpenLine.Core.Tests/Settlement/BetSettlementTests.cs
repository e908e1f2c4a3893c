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

    [Theory]
    // Away −0.75 (home +0.75) for A = 110 at −110, G = 100. Away wins by 1: away −0.5 wins, away −1 pushes.
    // Taker on away: half-win, +G/2 − c·G/2 = 50 − 0.50; the maker (home +0.75) half-loses G/2 = 50.
    [InlineData(0, 2, 1, BetOutcome.HalfWin, 49.5, -50, 0.5)]
    // Taker on home: home +0.5 loses, home +1 pushes: half-loss, −A/2 − c·min(A, G)/2 = −55 − 0.50; the maker (away) half-wins A/2 = 55.
    [InlineData(1, 2, 1, BetOutcome.HalfLoss, -55.5, 55, 0.5)]
    // Away by 2 clears both neighbours: whole win (taker away) and whole loss (taker home), at the full figures.
    [InlineData(0, 3, 1, BetOutcome.Winner, 99, -100, 1)]
    [InlineData(1, 3, 1, BetOutcome.Loser, -111, 110, 1)]
    public void A_quarter_spread_pays_half_the_stake_and_half_the_commission_on_a_half_result(int side, int away, int home, BetOutcome taker,
        decimal takerDelta, decimal makerDelta, decimal fee)
    {
        BetSettlement s = BetSettlement.Settle(Spread(-0.75m), side, Usd(110), Usd(100), OnePercent, away, home);

        AssertSettles(s, taker, takerDelta, makerDelta, fee);
        Assert.Equal(taker.Opposite(), s.MakerOutcome);
    }

    [Fact]
    public void A_quarter_spread_half_rounds_each_stored_amount_down_after_the_commission_was_rounded_half_away_from_zero()
    {
        // Away +1.25 (neighbours +1 and +1.5), A = 33.333333 at +150: G = floor(33.333333 × 1.5) = 49.999999; c = 2.5%.
        // c·G = 1.249999975 → 1.250000 (half away from zero); c·min(A, G) = c·A = 0.833333325 → 0.833333.
        var rate = CommissionRate.FromPpm(25_000);
        Money a = Usd(33.333333m);
        Money g = Usd(49.999999m);

        // Home wins by 1 (1-2): away +1 pushes, away +1.5 wins.
        // Taker on away, half-win: G/2 = 24.9999995 → 24.999999, fee 1.25/2 = 0.625: +24.999999 − 0.625 = 24.374999.
        BetSettlement halfWin = BetSettlement.Settle(Spread(1.25m), 0, a, g, rate, 1, 2);
        AssertSettles(halfWin, BetOutcome.HalfWin, 24.374999m, -24.999999m, 0.625m);
        Assert.Equal((Usd(24.999999m), Money.Zero), (halfWin.MakerToTaker, halfWin.TakerToMaker));
        // Taker on home (−1.25): −1 pushes, −1.5 loses. Half-loss: A/2 = 16.6666665 → 16.666666,
        // fee 0.833333/2 = 0.4166665 → 0.416666: −16.666666 − 0.416666 = −17.083332; the maker (away) gets 16.666666.
        BetSettlement halfLoss = BetSettlement.Settle(Spread(1.25m), 1, a, g, rate, 1, 2);
        AssertSettles(halfLoss, BetOutcome.HalfLoss, -17.083332m, 16.666666m, 0.416666m);
        Assert.Equal(BetOutcome.HalfWin, halfLoss.MakerOutcome);
        Assert.Equal((Money.Zero, Usd(16.666666m)), (halfLoss.MakerToTaker, halfLoss.TakerToMaker));
    }

    [Theory]
    // Taker "no" on home for A = 130 at −130, G = 100. Home does not win (a draw, or away): +G − c·G = 100 − 1.
    [InlineData(1, 1, BetOutcome.Winner, 99, -100, 1)]
    [InlineData(2, 0, BetOutcome.Winner, 99, -100, 1)]
    // Home wins: −A − c·min(A, G) = −130 − 1; the maker (yes) gets A = 130.
    [InlineData(0, 1, BetOutcome.Loser, -131, 130, 1)]
    public void A_1x2_no_taker_wins_G_less_commission_unless_the_outcome_happens(int away, int home, BetOutcome outcome,
        decimal takerDelta, decimal makerDelta, decimal fee)
    {
        var homeOutcome = new BookKey(MarketType.Moneyline1x2, BookKey.HomeOutcome);

        AssertSettles(BetSettlement.Settle(homeOutcome, 1, Usd(130), Usd(100), OnePercent, away, home), outcome, takerDelta, makerDelta, fee);
    }

    [Theory]
    // The maker holds "no" on the draw; the taker backs yes at +130: A = 100, G = 130.
    // No draw: the maker's "no" wins A = 100, the taker pays 100 + c·min(100, 130) = 101.
    [InlineData(2, 1, BetOutcome.Loser, -101, 100, 1)]
    [InlineData(0, 3, BetOutcome.Loser, -101, 100, 1)]
    // A draw: the maker's "no" loses G = 130; the taker nets 130 − c·130 = 128.70.
    [InlineData(0, 0, BetOutcome.Winner, 128.7, -130, 1.3)]
    public void A_1x2_no_maker_wins_the_takers_stake_and_loses_G_when_the_outcome_happens(int away, int home, BetOutcome taker,
        decimal takerDelta, decimal makerDelta, decimal fee)
    {
        var draw = new BookKey(MarketType.Moneyline1x2, BookKey.DrawOutcome);

        BetSettlement s = BetSettlement.Settle(draw, 0, Usd(100), Usd(130), OnePercent, away, home);

        AssertSettles(s, taker, takerDelta, makerDelta, fee);
        Assert.Equal(taker.Opposite(), s.MakerOutcome);
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

        int halves = 0;
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
                case BetOutcome.HalfWin or BetOutcome.HalfLoss:
                    // Only a quarter line (an odd number of quarters) can split; each half is half of the stored amount and of
                    // the quoted commission, rounded down (the odd micro-dollar stays with the payer), so a half loss never costs the
                    // taker more than half the risk quoted, and a half win never costs the maker more than half its stake.
                    Interlocked.Increment(ref halves);
                    Assert.True(b.Key.Type is MarketType.Spread or MarketType.Total && (b.Key.Line & 1) != 0, $"{b.Key} split");
                    bool won = s.TakerOutcome == BetOutcome.HalfWin;
                    Assert.Equal(won ? Money.FromMicros(b.G / 2) : Money.Zero, s.MakerToTaker);
                    Assert.Equal(won ? Money.Zero : Money.FromMicros(b.A / 2), s.TakerToMaker);
                    Assert.Equal(Money.FromMicros((won ? quoted.WinCommission : quoted.LossCommission).Micros / 2), s.Fee);
                    Assert.True(won ? -(s.MakerDelta + s.MakerDelta) <= Money.FromMicros(b.G) : -(s.TakerDelta + s.TakerDelta) <= quoted.Risk);
                    break;
            }
        }, iter: 5_000);
        Assert.True(halves > 0, "no sample settled a quarter line in halves");
    }

    [Fact]
    public void A_quarter_line_settles_each_half_of_the_stake_as_its_neighbouring_line_would()
    {
        // Quarter lines placed within a quarter or three of the final margin (or total), so that about half the
        // samples split; the neighbours q − 1 and q + 1 (a whole and a half line) are settled by the plain rules
        // tested above, and the quarter line must be their average: the same result when they agree, else half of it.
        Gen<(bool Spread, int Quarters, int Side, long A, long G, int Ppm, int Away, int Home)> bets =
            from spread in Gen.Bool
            from away in Gen.Int[0, 8]
            from home in Gen.Int[0, 8]
            from nudge in Gen.OneOf(-3, -1, 1, 3)
            from side in Gen.Int[0, 1]
            from a in Gen.Long[1, 10_000_000_000]
            from g in Gen.Long[1, 10_000_000_000]
            from ppm in Gen.Int[0, 100_000]
            select (spread, spread ? (-4 * (away - home)) + nudge : Math.Abs((4 * (away + home)) + nudge), side, a, g, ppm, away, home);

        int halves = 0;
        bets.Sample(b =>
        {
            MarketType type = b.Spread ? MarketType.Spread : MarketType.Total;
            CommissionRate rate = CommissionRate.FromPpm(b.Ppm);
            BetSettlement At(int quarters) =>
                BetSettlement.Settle(new BookKey(type, quarters), b.Side, Money.FromMicros(b.A), Money.FromMicros(b.G), rate, b.Away, b.Home);
            BetSettlement lower = At(b.Quarters - 1);
            BetSettlement upper = At(b.Quarters + 1);
            BetSettlement s = At(b.Quarters);

            Assert.Equal(Money.Zero, s.TakerDelta + s.MakerDelta + s.Fee);
            if (lower.TakerOutcome == upper.TakerOutcome)
            {
                Assert.Equal(lower, s);
                return;
            }
            Interlocked.Increment(ref halves);
            // Half a point apart on whole scores, the neighbours can disagree only as a push and a win or a loss.
            BetSettlement decided = lower.TakerOutcome == BetOutcome.Refunded ? upper : lower;
            Assert.Equal(BetOutcome.Refunded, (decided == lower ? upper : lower).TakerOutcome);
            Assert.Equal(
                decided.TakerOutcome == BetOutcome.Winner
                    ? new BetSettlement(BetOutcome.HalfWin, Money.FromMicros(decided.MakerToTaker.Micros / 2), Money.Zero, Money.FromMicros(decided.Fee.Micros / 2))
                    : new BetSettlement(BetOutcome.HalfLoss, Money.Zero, Money.FromMicros(decided.TakerToMaker.Micros / 2), Money.FromMicros(decided.Fee.Micros / 2)),
                s);
        }, iter: 5_000);
        Assert.True(halves > 1_000, $"only {halves} of 5000 samples split");
    }
}
