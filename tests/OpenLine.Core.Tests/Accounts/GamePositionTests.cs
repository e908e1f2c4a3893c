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

    private static GamePosition Position(params (BookKey Key, int Side, decimal Win, decimal Loss)[] bets)
    {
        var position = new GamePosition(Game);
        foreach ((BookKey key, int side, decimal win, decimal loss) in bets)
        {
            position.Add(key, side, Money.FromDecimal(win), Money.FromDecimal(loss));
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
    public void A_half_micro_dollar_of_loss_rounds_up_never_down()
    {
        var position = new GamePosition(Game);
        position.Add(Spread(-0.25m), 0, Money.FromMicros(1), Money.FromMicros(1)); // tie: half push, half loss of 1 micro

        Assert.Equal(Money.FromMicros(1), position.Exposure);
    }

    [Fact]
    public void Exposure_with_extra_bets_equals_adding_them_and_changes_nothing()
    {
        GamePosition position = Position((Moneyline, 0, 150, 100));

        Money with = position.ExposureWith(Moneyline, 1, Money.FromDecimal(80), Money.FromDecimal(100));

        Assert.Equal(Money.FromDecimal(20), with);
        Assert.Equal(Money.FromDecimal(100), position.Exposure);
    }

    // ---- Brute force over small score ranges ---------------------------------------------

    private const int MaxScore = 14;

    private static readonly Gen<(BookKey Key, int Side, long Win, long Loss)> GenBet =
        from kind in Gen.Int[0, 3]
        from quarters in Gen.Int[-16, 16]
        from total in Gen.Int[0, 32]
        from outcome in Gen.Int[0, 2]
        from side in Gen.Int[0, 1]
        from win in Gen.Long[1, 1_000_000_000]
        from loss in Gen.Long[1, 1_000_000_000]
        select (kind switch
        {
            0 => new BookKey(MarketType.Moneyline, 0),
            1 => new BookKey(MarketType.Spread, quarters),
            2 => new BookKey(MarketType.Total, total),
            _ => new BookKey(MarketType.Moneyline1x2, outcome),
        }, side, win, loss);

    [Fact]
    public void Exposure_equals_the_worst_loss_over_every_final_score_by_brute_force()
    {
        GenBet.Array[1, 8].Sample(bets =>
        {
            var position = new GamePosition(Game);
            foreach ((BookKey key, int side, long win, long loss) in bets)
            {
                position.Add(key, side, Money.FromMicros(win), Money.FromMicros(loss));
            }

            long worstHalves = 0;
            for (int away = 0; away <= MaxScore; away++)
            {
                for (int home = 0; home <= MaxScore; home++)
                {
                    worstHalves = Math.Min(worstHalves, bets.Sum(b => HalvesAt(b, away, home)));
                }
            }
            Assert.Equal((-worstHalves + 1) / 2, position.Exposure.Micros);
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
            foreach ((BookKey key, int side, long win, long loss) in bets)
            {
                position.Add(key, side, Money.FromMicros(win), Money.FromMicros(loss));
                reference.Add(key, side, Money.FromMicros(win), Money.FromMicros(loss));
            }
            Money before = position.Exposure;

            Money with = position.ExposureWith(extra.Key, extra.Side, Money.FromMicros(extra.Win), Money.FromMicros(extra.Loss));

            reference.Add(extra.Key, extra.Side, Money.FromMicros(extra.Win), Money.FromMicros(extra.Loss));
            Assert.Equal(reference.Exposure, with);
            Assert.Equal(before, position.Exposure);
        }, iter: 3_000);
    }

    /// <summary>Twice a bet's P&amp;L at a final score, straight from rules §7 (quarter lines as two half stakes).</summary>
    private static long HalvesAt((BookKey Key, int Side, long Win, long Loss) bet, int away, int home)
    {
        long Settle(decimal margin) // margin > 0: side 0 (away / over / yes) wins
        {
            int r = bet.Side == 0 ? Math.Sign(margin) : -Math.Sign(margin);
            return r > 0 ? bet.Win : r < 0 ? -bet.Loss : 0;
        }
        long Line(Func<decimal, decimal> margin)
        {
            decimal number = bet.Key.Line / 4m;
            return bet.Key.Line % 2 == 0 ? 2 * Settle(margin(number)) : Settle(margin(number - 0.25m)) + Settle(margin(number + 0.25m));
        }
        return bet.Key.Type switch
        {
            MarketType.Moneyline => 2 * Settle(away - home),
            MarketType.Spread => Line(n => away + n - home),
            MarketType.Total => Line(t => away + home - t),
            _ => 2 * (((bet.Key.Line == BookKey.AwayOutcome && away > home) || (bet.Key.Line == BookKey.HomeOutcome && home > away)
                    || (bet.Key.Line == BookKey.DrawOutcome && away == home)) == (bet.Side == 0) ? bet.Win : -bet.Loss),
        };
    }
}
