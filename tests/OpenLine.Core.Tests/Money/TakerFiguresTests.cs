namespace OpenLine.Core.Tests;

// API §8.9: risk = A + c·min(A, G), win = G − c·G, with G = floor(A × m(odds)) in micro-dollars
// (rules §1) and c = 0.01 in every published example. REST output rounds to 3 decimals, the
// WebSocket shows full storage precision (rules §1, output rounding).
public class TakerFiguresTests
{
    private static TakerFigures Figures(decimal stake, int odds, decimal rate = 0.01m)
    {
        Assert.True(CommissionRate.TryFromDecimal(rate, out CommissionRate c));
        Money a = Money.FromDecimal(stake);
        Money g = AmericanOdds.FromInt32(odds).WinOn(a);
        return TakerFigures.For(a, g, c);
    }

    [Fact]
    public void Rest_S1_50_at_minus_175_risks_50_286_to_win_28_286()
    {
        TakerFigures f = Figures(50m, -175);
        Assert.Equal(50.285714m, f.Risk.ToDecimal());
        Assert.Equal(28.285714m, f.Win.ToDecimal());
        Assert.Equal(50.286m, f.Risk.ToDecimal(3));
        Assert.Equal(28.286m, f.Win.ToDecimal(3));
        Assert.Equal(28.571m, AmericanOdds.FromInt32(-175).WinOn(Money.FromDollars(50)).ToDecimal(3));
    }

    [Fact]
    public void Rest_S2_185_at_minus_185_risks_186_to_win_99_of_100()
    {
        Money g = AmericanOdds.FromInt32(-185).WinOn(Money.FromDollars(185));
        Assert.Equal(100m, g.ToDecimal());
        TakerFigures f = Figures(185m, -185);
        Assert.Equal(186m, f.Risk.ToDecimal(3));
        Assert.Equal(99m, f.Win.ToDecimal(3));
        Assert.Equal(Money.FromDollars(186), f.Risk);
        Assert.Equal(Money.FromDollars(99), f.Win);
    }

    [Fact]
    public void Rest_S3_100_at_minus_186_risks_100_538_to_win_53_226_of_53_763()
    {
        Money g = AmericanOdds.FromInt32(-186).WinOn(Money.FromDollars(100));
        Assert.Equal(53.763m, g.ToDecimal(3));
        TakerFigures f = Figures(100m, -186);
        Assert.Equal(100.538m, f.Risk.ToDecimal(3));
        Assert.Equal(53.226m, f.Win.ToDecimal(3));
    }

    [Fact]
    public void Ws_spread_50_at_minus_110_risks_50_454545_to_win_45()
    {
        TakerFigures f = Figures(50m, -110);
        Assert.Equal(50.454545m, f.Risk.ToDecimal());
        Assert.Equal(45m, f.Win.ToDecimal());
    }

    [Fact]
    public void Ws_total_50_at_minus_104_risks_50_480769_to_win_47_596154()
    {
        TakerFigures f = Figures(50m, -104);
        Assert.Equal(50.480769m, f.Risk.ToDecimal());
        Assert.Equal(47.596154m, f.Win.ToDecimal());
    }

    [Fact]
    public void Ws_moneyline_25_at_plus_185_risks_25_25_to_win_45_7875()
    {
        // Positive odds: the loss side charges c × A, the win side c × G (not c × min).
        TakerFigures f = Figures(25m, 185);
        Assert.Equal(25.25m, f.Risk.ToDecimal());
        Assert.Equal(45.7875m, f.Win.ToDecimal());
        Assert.Equal(0.25m, f.LossCommission.ToDecimal());
        Assert.Equal(0.4625m, f.WinCommission.ToDecimal());
    }

    [Fact]
    public void Graded_1_at_plus_101_risks_1_01_to_win_0_9999()
    {
        TakerFigures f = Figures(1m, 101);
        Assert.Equal(1.01m, f.Risk.ToDecimal());
        Assert.Equal(0.9999m, f.Win.ToDecimal());
        Assert.Equal(1.00m, f.Win.ToDecimal(2));
        Assert.Equal(0.01m, f.LossCommission.ToDecimal());
    }

    [Fact]
    public void Taker_pays_commission_on_the_lesser_of_stake_and_win_when_losing()
    {
        TakerFigures negative = Figures(200m, -200); // G = 100 < A
        Assert.Equal(1m, negative.LossCommission.ToDecimal());
        TakerFigures positive = Figures(100m, 300);  // G = 300 > A
        Assert.Equal(1m, positive.LossCommission.ToDecimal());
        Assert.Equal(3m, positive.WinCommission.ToDecimal());
    }

    [Fact]
    public void Maker_and_postArb_fills_pay_no_commission()
    {
        Money a = Money.FromDollars(50);
        Money g = AmericanOdds.FromInt32(-110).WinOn(a);
        TakerFigures f = TakerFigures.WithoutCommission(a, g);
        Assert.Equal(a, f.Risk);
        Assert.Equal(g, f.Win);
        Assert.Equal(Money.Zero, f.LossCommission);
        Assert.Equal(Money.Zero, f.WinCommission);
    }

    [Fact]
    public void Zero_rate_leaves_stake_and_win_unchanged()
    {
        TakerFigures f = Figures(50m, -175, 0m);
        Assert.Equal(50m, f.Risk.ToDecimal());
        Assert.Equal(28.571428m, f.Win.ToDecimal());
    }
}
