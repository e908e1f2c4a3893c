namespace OpenLine.Core.Tests;

// Rules §1: commission rates satisfy 0 ≤ c < 1; commission amounts round half away from zero.
public class CommissionRateTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.01", 10_000)]
    [InlineData("0.025", 25_000)]
    [InlineData("0.999999", 999_999)]
    [InlineData("0.000001", 1)]
    public void TryFromDecimal_accepts_rates_from_zero_to_below_one(string text, int ppm)
    {
        Assert.True(CommissionRate.TryFromDecimal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), out CommissionRate rate));
        Assert.Equal(ppm, rate.Ppm);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.01")]
    [InlineData("1.5")]
    [InlineData("0.0000001")]
    public void TryFromDecimal_refuses_rates_outside_range_or_finer_than_a_ppm(string text)
    {
        Assert.False(CommissionRate.TryFromDecimal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), out _));
    }

    [Fact]
    public void FromPpm_checks_the_range()
    {
        Assert.Equal(10_000, CommissionRate.FromPpm(10_000).Ppm);
        Assert.Throws<ArgumentOutOfRangeException>(() => CommissionRate.FromPpm(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommissionRate.FromPpm(1_000_000));
        Assert.Equal(CommissionRate.OnePercent, CommissionRate.FromPpm(10_000));
        Assert.Equal(0.01m, CommissionRate.OnePercent.ToDecimal());
    }

    [Theory]
    [InlineData(10_000, 50L, 1L)]        // 0.5 micro → 1
    [InlineData(10_000, 49L, 0L)]        // 0.49 → 0
    [InlineData(10_000, 150L, 2L)]       // 1.5 → 2
    [InlineData(10_000, -50L, -1L)]      // −0.5 → −1 (away from zero)
    [InlineData(10_000, -150L, -2L)]
    [InlineData(10_000, 28_571_428L, 285_714L)]  // 285714.28
    [InlineData(10_000, 53_763_440L, 537_634L)]  // 537634.40
    [InlineData(10_000, 48_076_923L, 480_769L)]  // 480769.23
    [InlineData(10_000, 1_010_000L, 10_100L)]
    [InlineData(333_333, 3L, 1L)]        // 0.999999 → 1
    [InlineData(500_000, 1L, 1L)]        // 0.5 → 1
    [InlineData(500_000, 3L, 2L)]        // 1.5 → 2
    [InlineData(0, 1_000_000L, 0L)]
    public void Of_rounds_half_away_from_zero_to_the_micro_dollar(int ppm, long micros, long expected)
    {
        Assert.Equal(expected, CommissionRate.FromPpm(ppm).Of(Money.FromMicros(micros)).Micros);
    }

    [Fact]
    public void Of_handles_the_largest_amounts_without_overflow()
    {
        Money huge = Money.FromMicros(long.MaxValue / 2);
        Assert.Equal(Money.RoundHalfAwayFromZero(huge.ToDecimal() * 0.999999m), CommissionRate.FromPpm(999_999).Of(huge));
    }
}
