namespace OpenLine.Core.Tests;

// Rules §1 (odds are integers with 100 ≤ |odds| ≤ 100000, −100 ≡ +100) and API §8.2 (m(o), counter price).
public class AmericanOddsTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(-101)]
    [InlineData(101)]
    [InlineData(-110)]
    [InlineData(250)]
    [InlineData(100_000)]
    [InlineData(-100_000)]
    public void Odds_within_range_are_accepted_as_given(int value)
    {
        Assert.True(AmericanOdds.TryCreate(value, out AmericanOdds odds));
        Assert.Equal(value, odds.Value);
        Assert.Equal(value, AmericanOdds.FromInt32(value).Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(-99)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(100_001)]
    [InlineData(-100_001)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue + 1)]
    public void Odds_outside_range_are_refused(long value)
    {
        Assert.False(AmericanOdds.TryCreate(value, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(100_001)]
    public void FromInt32_throws_for_odds_outside_range(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AmericanOdds.FromInt32(value));
    }

    [Fact]
    public void Minus_100_is_normalised_to_plus_100()
    {
        AmericanOdds minus = AmericanOdds.FromInt32(-100);
        Assert.Equal(100, minus.Value);
        Assert.Equal(AmericanOdds.Even, minus);
        Assert.Equal(AmericanOdds.FromInt32(100), minus);
        Assert.Equal(AmericanOdds.FromInt32(100).GetHashCode(), minus.GetHashCode());
    }

    [Theory]
    [InlineData(120, -120)]
    [InlineData(-120, 120)]
    [InlineData(100, 100)]
    [InlineData(-100, 100)]
    [InlineData(100_000, -100_000)]
    [InlineData(-185, 185)]
    public void Counter_is_the_negated_price(int value, int counter)
    {
        Assert.Equal(counter, AmericanOdds.FromInt32(value).Counter.Value);
    }

    [Theory]
    [InlineData(150, 150, 100)]
    [InlineData(-150, 100, 150)]
    [InlineData(100, 100, 100)]
    [InlineData(-200, 100, 200)]
    [InlineData(185, 185, 100)]
    public void Multiplier_is_profit_per_unit_staked(int value, int numerator, int denominator)
    {
        AmericanOdds odds = AmericanOdds.FromInt32(value);
        Assert.Equal(numerator, odds.MultiplierNumerator);
        Assert.Equal(denominator, odds.MultiplierDenominator);
        Assert.Equal((decimal)numerator / denominator, odds.Multiplier);
    }

    [Fact]
    public void Counter_price_multiplier_is_the_reciprocal()
    {
        // Maker +120 risks 100 to win 120; the taker at −120 risks 120 to win 100 (API §8.2).
        for (int v = 100; v <= 1000; v += 7)
        {
            AmericanOdds odds = AmericanOdds.FromInt32(v);
            AmericanOdds counter = odds.Counter;
            Assert.Equal(odds.MultiplierNumerator, counter.MultiplierDenominator);
            Assert.Equal(odds.MultiplierDenominator, counter.MultiplierNumerator);
        }
    }

    [Fact]
    public void Key_orders_prices_exactly_as_the_multiplier_does()
    {
        int[] values = [.. Enumerable.Range(100, 2000).SelectMany(v => new[] { v, -v }).Append(100_000).Append(-100_000).Append(99_999).Append(-99_999)];
        foreach (int a in values.Where((_, i) => i % 13 == 0))
        {
            foreach (int b in values.Where((_, i) => i % 17 == 0))
            {
                AmericanOdds x = AmericanOdds.FromInt32(a);
                AmericanOdds y = AmericanOdds.FromInt32(b);
                // Compare m(x) with m(y) by cross-multiplication of the fractions.
                int byMultiplier = ((long)x.MultiplierNumerator * y.MultiplierDenominator).CompareTo((long)y.MultiplierNumerator * x.MultiplierDenominator);
                Assert.Equal(Math.Sign(byMultiplier), Math.Sign(x.Key.CompareTo(y.Key)));
                Assert.Equal(Math.Sign(byMultiplier), Math.Sign(x.CompareTo(y)));
                Assert.Equal(byMultiplier > 0, x > y);
                Assert.Equal(byMultiplier < 0, x < y);
                Assert.Equal(byMultiplier >= 0, x >= y);
                Assert.Equal(byMultiplier <= 0, x <= y);
            }
        }
    }

    [Fact]
    public void Every_negative_price_ranks_below_even_money()
    {
        Assert.True(AmericanOdds.FromInt32(-101) < AmericanOdds.Even);
        Assert.True(AmericanOdds.FromInt32(-101) > AmericanOdds.FromInt32(-102));
        Assert.True(AmericanOdds.FromInt32(101) > AmericanOdds.Even);
        Assert.True(AmericanOdds.FromInt32(-100_000) < AmericanOdds.FromInt32(-99_999));
    }

    [Theory]
    [InlineData(-175, 50_000_000, 28_571_428)]   // 28.5714285… floored to the micro-dollar
    [InlineData(-185, 185_000_000, 100_000_000)]
    [InlineData(-186, 100_000_000, 53_763_440)]  // 53.7634408…
    [InlineData(-110, 50_000_000, 45_454_545)]
    [InlineData(-104, 50_000_000, 48_076_923)]
    [InlineData(185, 25_000_000, 46_250_000)]
    [InlineData(101, 1_000_000, 1_010_000)]
    [InlineData(-100_000, 1, 0)]
    [InlineData(-100_000, 999, 0)]
    [InlineData(-100_000, 1_000, 1)]
    [InlineData(-300, 0, 0)]
    public void WinOn_floors_stake_times_multiplier_to_the_micro_dollar(int odds, long stakeMicros, long winMicros)
    {
        Assert.Equal(winMicros, AmericanOdds.FromInt32(odds).WinOn(Money.FromMicros(stakeMicros)).Micros);
    }

    [Fact]
    public void WinOn_computes_through_128_bits_before_dividing()
    {
        Money stake = Money.FromMicros(long.MaxValue / 1000);
        Assert.Equal(stake.Micros * 1000, AmericanOdds.FromInt32(100_000).WinOn(stake).Micros);
        Money max = Money.FromMicros(long.MaxValue);
        Assert.Equal(long.MaxValue / 1000, AmericanOdds.FromInt32(-100_000).WinOn(max).Micros);
    }

    [Theory]
    // The postArb band of rules §3: m(order) ≥ 0.99 × m(book).
    [InlineData(198, 200, true)]
    [InlineData(197, 200, false)]
    [InlineData(190, 200, false)]
    [InlineData(-202, -200, true)]
    [InlineData(-203, -200, false)]
    [InlineData(-101, 100, true)]
    [InlineData(-102, 100, false)]
    [InlineData(100, 100, true)]
    [InlineData(250, 200, true)]
    public void IsAtLeastFractionOf_implements_the_one_percent_band_exactly(int order, int book, bool inside)
    {
        Assert.Equal(inside, AmericanOdds.FromInt32(order).IsAtLeastFractionOf(AmericanOdds.FromInt32(book), 99, 100));
    }

    [Fact]
    public void IsAtLeastFractionOf_with_fraction_one_is_at_least_as_good()
    {
        AmericanOdds a = AmericanOdds.FromInt32(-110);
        Assert.True(a.IsAtLeastFractionOf(a, 1, 1));
        Assert.False(a.IsAtLeastFractionOf(AmericanOdds.FromInt32(-109), 1, 1));
        Assert.True(AmericanOdds.FromInt32(100_000).IsAtLeastFractionOf(AmericanOdds.FromInt32(-100_000), 1, 1));
    }

    [Theory]
    [InlineData(150, "+150")]
    [InlineData(-110, "-110")]
    [InlineData(-100, "+100")]
    public void ToString_shows_the_sign(int value, string text)
    {
        Assert.Equal(text, AmericanOdds.FromInt32(value).ToString());
    }
}
