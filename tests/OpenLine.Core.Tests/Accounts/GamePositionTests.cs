using CsCheck;

namespace OpenLine.Core.Tests;

/// <summary>
/// Liability netting (rules §5): the worst-case loss of an account's bets on one game over every
/// possible final score. Hand-computed cases, then a brute-force property over small score ranges.
/// </summary>
public class GamePositionTests
{
    private static readonly Game Game = NewGame();

    private static Game NewGame()
    {
        var engine = new Exchange();
        var result = (GameResult)engine.Execute(new CreateGame("EPL", "soccer", 2_000_000_000_000, null,
            new ParticipantSpec("Away", "A"), new ParticipantSpec("Home", "H")), 1_800_000_000_000, []);
        return result.Game;
    }

    private static readonly BookKey Moneyline = new(MarketType.Moneyline, 0);

    private static BookKey Spread(decimal awayNumber) => new(MarketType.Spread, LineNumber.FromDecimal(awayNumber).Quarters);

    private static BookKey Total(decimal total) => new(MarketType.Total, LineNumber.FromDecimal(total).Quarters);

    /// <summary>A side that wins <paramref name="win"/> or loses <paramref name="loss"/>, and on a quarter-line half half of each, rounded down.</summary>
    private static PositionAmounts Amounts(Money win, Money loss) => new(win, loss, PositionAmounts.Half(win), PositionAmounts.Half(loss));

    private static PositionAmounts Amounts(decimal win, decimal loss) => Amounts(Money.FromDecimal(win), Money.FromDecimal(loss));

    private static GamePosition Position(params (BookKey Key, int Side, decimal Win, decimal Loss)[] bets)
    {
        var position = new GamePosition(Game);
        foreach ((BookKey key, int side, decimal win, decimal loss) in bets)
        {
            position.Add(key, side, Amounts(win, loss));
        }
        return position;
    }

    [Fact]
    public void Backing_both_sides_of_a_moneyline_at_even_money_nets_to_nothing()
    {
        Assert.Equal(Money.Zero, Position((Moneyline, 0, 100, 100), (Moneyline, 1, 100, 100)).Exposure);
    }

    [Fact]
    public void A_partial_moneyline_hedge_exposes_only_the_worse_outcome()
    {
        // Away wins: +150 − 100 = +50. Home wins: −100 + 80 = −20. A tie refunds both: 0.
        Assert.Equal(Money.FromDecimal(20), Position((Moneyline, 0, 150, 100), (Moneyline, 1, 80, 100)).Exposure);
    }

    [Fact]
    public void A_favourite_spread_and_an_underdog_moneyline_lose_most_when_the_favourite_wins_narrowly()
    {
        // Away −3.5 (win 100, lose 110) and home moneyline (win 200, lose 100):
        // away by 4+: 100 − 100 = 0; away by 1–3: −110 − 100 = −210; tie: −110; home wins: −110 + 200 = 90.
        Assert.Equal(Money.FromDecimal(210), Position((Spread(-3.5m), 0, 100, 110), (Moneyline, 1, 200, 100)).Exposure);
    }

    [Fact]
    public void Over_a_lower_total_and_under_a_higher_one_can_only_win()
    {
        // Over 200.5 and under 201 for 100 each: ≤ 200: 0; exactly 201: +100 (under pushes); ≥ 202: 0.
        Assert.Equal(Money.Zero, Position((Total(200.5m), 0, 100, 100), (Total(201m), 1, 100, 100)).Exposure);
    }

    [Fact]
    public void A_quarter_line_settles_in_halves_on_its_neighbours()
    {
        // Over 2.25 = half on over 2 and half on over 2.5; with under 2 for 100:
        // total ≤ 1: −100 + 100 = 0; total 2: (0 − 50) + 0 = −50; total ≥ 3: +100 − 100 = 0.
        Assert.Equal(Money.FromDecimal(50), Position((Total(2.25m), 0, 100, 100), (Total(2m), 1, 100, 100)).Exposure);
    }

    [Fact]
    public void Three_way_yes_bets_on_every_outcome_lose_least_on_the_dearest()
    {
        // Exactly one of draw/away/home happens: draw +300 − 200; away +150 − 200; home +120 − 200 → worst −80.
        Assert.Equal(Money.FromDecimal(80), Position(
            (new BookKey(MarketType.Moneyline1x2, BookKey.DrawOutcome), 0, 300, 100),
            (new BookKey(MarketType.Moneyline1x2, BookKey.AwayOutcome), 0, 150, 100),
            (new BookKey(MarketType.Moneyline1x2, BookKey.HomeOutcome), 0, 120, 100)).Exposure);
    }

    [Fact]
    public void A_takers_half_win_and_half_loss_halve_each_stored_amount_and_round_down_as_settlement_does()
    {
        // Even money for $10.000001 at 1%: c·G = c·min(A, G) = 0.100000 (rounded once), win 9.900001, risk 10.100001.
        // Settlement halves each stored amount and rounds down: half win 5.000000 − 0.050000 = 4.950000 (not 4.9500005),
        // half loss 5.000000 + 0.050000 = 5.050000 (not 5.0500005).
        Money stake = Money.FromDecimal(10.000001m);
        PositionAmounts amounts = PositionAmounts.Of(TakerFigures.For(stake, stake, CommissionRate.OnePercent));
        Assert.Equal((Money.FromDecimal(9.900001m), Money.FromDecimal(10.100001m)), (amounts.Win, amounts.Loss));
        Assert.Equal((Money.FromDecimal(4.95m), Money.FromDecimal(5.05m)), (amounts.HalfWin, amounts.HalfLoss));
    }

    [Fact]
    public void A_worst_case_made_of_half_wins_counts_them_as_settlement_rounds_them()
    {
        // Under 1.5 for 30 either way; as maker, over 1.75 taken twice at even money for 10.000001 (no commission).
        // A total of 2: under loses 30, each over half-wins floor(10.000001 / 2) = 5.000000 → −20.000000.
        // (Half of the whole win, 10.000001, would make it −19.999999: a micro-dollar understated.)
        // Totals ≤ 1: +30 − 20.000002; ≥ 3: −30 + 20.000002. The worst case is the total of 2.
        var position = new GamePosition(Game);
        position.Add(Total(1.5m), 1, Amounts(30m, 30m));
        PositionAmounts fill = PositionAmounts.ForMaker(Money.FromDecimal(10.000001m), Money.FromDecimal(10.000001m));
        position.Add(Total(1.75m), 0, fill);
        position.Add(Total(1.75m), 0, fill);

        Assert.Equal(Money.FromDecimal(20m), position.Exposure);
    }

    [Fact]
    public void A_fills_amounts_are_what_settlement_pays_it_at_every_outcome_for_both_sides()
    {
        Gen.Select(Gen.Long[1, 10_000_000_000], Gen.Long[1, 10_000_000_000], Gen.Int[0, 50_000]).Sample((a, g, ppm) =>
        {
            Money takerStake = Money.FromMicros(a);
            Money makerStake = Money.FromMicros(g);
            CommissionRate rate = CommissionRate.FromPpm(ppm);
            PositionAmounts taker = PositionAmounts.Of(TakerFigures.For(takerStake, makerStake, rate));
            PositionAmounts maker = PositionAmounts.ForMaker(takerStake, makerStake);
            BookKey quarter = Total(2.25m); // the taker has over (side 0): a sum of 1 loses, 2 half-loses (2 pushes, 2.5 loses), 3 wins
            foreach ((int sum, Func<PositionAmounts, Money> takerGets, Func<PositionAmounts, Money> makerGets) in new (int, Func<PositionAmounts, Money>, Func<PositionAmounts, Money>)[]
            {
                (1, p => -p.Loss, p => p.Win),
                (2, p => -p.HalfLoss, p => p.HalfWin),
                (3, p => p.Win, p => -p.Loss),
            })
            {
                BetSettlement settled = BetSettlement.Settle(quarter, 0, takerStake, makerStake, rate, sum, 0);
                Assert.Equal(takerGets(taker), settled.TakerDelta);
                Assert.Equal(makerGets(maker), settled.MakerDelta);
            }
            BookKey other = Total(2.75m); // a sum of 3 half-wins for over
            BetSettlement halfWin = BetSettlement.Settle(other, 0, takerStake, makerStake, rate, 3, 0);
            Assert.Equal(taker.HalfWin, halfWin.TakerDelta);
            Assert.Equal(-maker.HalfLoss, halfWin.MakerDelta);
        }, iter: 5_000);
    }

    [Fact]
    public void Exposure_with_extra_bets_equals_adding_them_and_changes_nothing()
    {
        GamePosition position = Position((Moneyline, 0, 150, 100));

        Money with = position.ExposureWith(Moneyline, 1, Amounts(80, 100));

        Assert.Equal(Money.FromDecimal(20), with);
        Assert.Equal(Money.FromDecimal(100), position.Exposure);
    }

    // ---- Brute force over small score ranges ---------------------------------------------

    private const int MaxScore = 14;

    private static readonly Gen<(BookKey Key, int Side, PositionAmounts Amounts)> GenBet =
        from kind in Gen.Int[0, 3]
        from quarters in Gen.Int[-16, 16]
        from total in Gen.Int[0, 32]
        from outcome in Gen.Int[0, 2]
        from side in Gen.Int[0, 1]
        from win in Gen.Long[1, 1_000_000_000]
        from loss in Gen.Long[1, 1_000_000_000]
        from halfWinShort in Gen.Long[0, 1] // settlement's halves can fall a micro-dollar short of half the whole
        from halfLossShort in Gen.Long[0, 1]
        select (kind switch
        {
            0 => new BookKey(MarketType.Moneyline, 0),
            1 => new BookKey(MarketType.Spread, quarters),
            2 => new BookKey(MarketType.Total, total),
            _ => new BookKey(MarketType.Moneyline1x2, outcome),
        }, side, new PositionAmounts(Money.FromMicros(win), Money.FromMicros(loss),
            Money.FromMicros(Math.Max(0, (win / 2) - halfWinShort)), Money.FromMicros(Math.Max(0, (loss / 2) - halfLossShort))));

    [Fact]
    public void Exposure_equals_the_worst_loss_over_every_final_score_by_brute_force()
    {
        GenBet.Array[1, 8].Sample(bets =>
        {
            var position = new GamePosition(Game);
            foreach ((BookKey key, int side, PositionAmounts amounts) in bets)
            {
                position.Add(key, side, amounts);
            }

            long worst = 0;
            for (int away = 0; away <= MaxScore; away++)
            {
                for (int home = 0; home <= MaxScore; home++)
                {
                    worst = Math.Min(worst, bets.Sum(b => PnlAt(b, away, home)));
                }
            }
            Assert.Equal(-worst, position.Exposure.Micros);
        }, iter: 3_000);
    }

    [Fact]
    public void Exposure_with_one_more_bet_equals_the_exposure_after_adding_it_and_leaves_the_position_unchanged()
    {
        // Covers the cached cut points: an extra bet on a line the position has not seen must be evaluated with its cuts.
        Gen.Select(GenBet.Array[0, 6], GenBet).Sample((bets, extra) =>
        {
            var position = new GamePosition(Game);
            var reference = new GamePosition(Game);
            foreach ((BookKey key, int side, PositionAmounts amounts) in bets)
            {
                position.Add(key, side, amounts);
                reference.Add(key, side, amounts);
            }
            Money before = position.Exposure;

            Money with = position.ExposureWith(extra.Key, extra.Side, extra.Amounts);

            reference.Add(extra.Key, extra.Side, extra.Amounts);
            Assert.Equal(reference.Exposure, with);
            Assert.Equal(before, position.Exposure);
        }, iter: 3_000);
    }

    /// <summary>
    /// A bet's P&amp;L at a final score, straight from rules §7: a quarter line is two half stakes on its neighbours;
    /// both alike pay the whole win or loss, a win or loss beside a push the half win or half loss.
    /// </summary>
    private static long PnlAt((BookKey Key, int Side, PositionAmounts Amounts) bet, int away, int home)
    {
        long win = bet.Amounts.Win.Micros;
        long loss = bet.Amounts.Loss.Micros;
        int Result(decimal margin) => bet.Side == 0 ? Math.Sign(margin) : -Math.Sign(margin); // margin > 0: side 0 (away / over / yes) wins
        long Whole(int result) => result > 0 ? win : result < 0 ? -loss : 0;
        long Line(Func<decimal, decimal> margin)
        {
            decimal number = bet.Key.Line / 4m;
            if (bet.Key.Line % 2 == 0)
            {
                return Whole(Result(margin(number)));
            }
            int halves = Result(margin(number - 0.25m)) + Result(margin(number + 0.25m));
            return halves switch
            {
                2 => win,
                -2 => -loss,
                1 => bet.Amounts.HalfWin.Micros,
                -1 => -bet.Amounts.HalfLoss.Micros,
                _ => 0,
            };
        }
        return bet.Key.Type switch
        {
            MarketType.Moneyline => Whole(Result(away - home)),
            MarketType.Spread => Line(n => away + n - home),
            MarketType.Total => Line(t => away + home - t),
            _ => ((bet.Key.Line == BookKey.AwayOutcome && away > home) || (bet.Key.Line == BookKey.HomeOutcome && home > away)
                    || (bet.Key.Line == BookKey.DrawOutcome && away == home)) == (bet.Side == 0) ? win : -loss,
        };
    }
}
