namespace OpenLine.Core.Tests;

// Rules §1: money is exact fixed point (micro-dollars); outputs round half away from zero.
public class MoneyTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 1_000_000L)]
    [InlineData("0.000001", 1L)]
    [InlineData("123.456789", 123_456_789L)]
    [InlineData("-2.5", -2_500_000L)]
    [InlineData("1000000000000", 1_000_000_000_000_000_000L)]
    [InlineData("10.000000", 10_000_000L)]
    public void TryFromDecimal_accepts_up_to_six_decimals_exactly(string text, long micros)
    {
        decimal dollars = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Money.TryFromDecimal(dollars, out Money money));
        Assert.Equal(micros, money.Micros);
        Assert.Equal(dollars, money.ToDecimal());
    }

    [Theory]
    [InlineData("0.0000001")]
    [InlineData("1.2345675")]
    [InlineData("-0.0000005")]
    public void TryFromDecimal_refuses_more_than_six_decimals(string text)
    {
        decimal dollars = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Money.TryFromDecimal(dollars, out Money money));
        Assert.Equal(Money.Zero, money);
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromDecimal(dollars));
    }

    [Fact]
    public void TryFromDecimal_refuses_amounts_beyond_64_bits_of_micro_dollars()
    {
        Assert.False(Money.TryFromDecimal(10_000_000_000_000m, out _)); // 1e19 micros > long.MaxValue
    }

    [Fact]
    public void TryFromDecimal_returns_false_instead_of_throwing_for_the_largest_decimal()
    {
        // A Try method must not throw: the server feeds it any decimal read from JSON.
        bool ok = true;
        Exception? thrown = Record.Exception(() => ok = Money.TryFromDecimal(decimal.MaxValue, out _));
        Assert.Null(thrown);
        Assert.False(ok);
    }

    [Theory]
    [InlineData(500L, 3, "0.001")]       // 0.0005 → 0.001 (half away from zero)
    [InlineData(-500L, 3, "-0.001")]
    [InlineData(499L, 3, "0")]
    [InlineData(2_500_000L, 0, "3")]
    [InlineData(-2_500_000L, 0, "-3")]
    [InlineData(3_500_000L, 0, "4")]
    [InlineData(50_285_714L, 3, "50.286")]
    [InlineData(28_285_714L, 3, "28.286")]
    [InlineData(999_999L, 2, "1")]
    [InlineData(1_234_567L, 6, "1.234567")]
    [InlineData(5_000L, 2, "0.01")]
    [InlineData(4_999L, 2, "0")]
    public void ToDecimal_rounds_half_away_from_zero(long micros, int decimals, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Money.FromMicros(micros).ToDecimal(decimals));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void ToDecimal_refuses_places_outside_0_to_6(int decimals)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromMicros(1).ToDecimal(decimals));
    }

    [Theory]
    [InlineData("0.0000005", 1L)]
    [InlineData("-0.0000005", -1L)]
    [InlineData("0.00000049", 0L)]
    [InlineData("1.2345675", 1_234_568L)]
    public void RoundHalfAwayFromZero_rounds_to_the_micro_dollar(string text, long micros)
    {
        Assert.Equal(micros, Money.RoundHalfAwayFromZero(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)).Micros);
    }

    [Fact]
    public void Arithmetic_is_exact_and_checked()
    {
        Money a = Money.FromDecimal(0.1m);
        Money b = Money.FromDecimal(0.2m);
        Assert.Equal(Money.FromDecimal(0.3m), a + b);
        Assert.Equal(Money.FromDecimal(-0.1m), a - b);
        Assert.Equal(Money.FromDecimal(-0.1m), -a);
        Assert.Throws<OverflowException>(() => Money.FromMicros(long.MaxValue) + Money.FromMicros(1));
        Assert.Throws<OverflowException>(() => Money.FromMicros(long.MinValue) - Money.FromMicros(1));
        Assert.Throws<OverflowException>(() => -Money.FromMicros(long.MinValue));
        Assert.Throws<OverflowException>(() => Money.FromDollars(long.MaxValue / 100));
    }

    [Fact]
    public void Comparison_and_equality_follow_the_amount()
    {
        Money small = Money.FromDollars(1);
        Money large = Money.FromDollars(2);
        Assert.True(small < large && large > small && small <= large && large >= small && small != large);
        Assert.Equal(small, Money.Min(small, large));
        Assert.Equal(large, Money.Max(small, large));
        Assert.True(small.CompareTo(large) < 0);
        Assert.Equal(Money.FromMicros(1_000_000), small);
        Assert.Equal(default, Money.Zero);
        Assert.True(Money.Zero.IsZero && small.IsPositive && (-small).IsNegative);
    }

    [Fact]
    public void Constants_have_their_documented_values()
    {
        Assert.Equal(10_000L, Money.OneCent.Micros);
        Assert.Equal(1_000_000_000_000m, Money.MaxStake.ToDecimal());
        Assert.Equal("$12.500000", Money.FromDecimal(12.5m).ToString());
    }
}
