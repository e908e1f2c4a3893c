namespace OpenLine.Core.Tests;

// Rules §2: spread and total numbers are multiples of 0.25 (quarter lines allowed).
public class LineNumberTests
{
    [Theory]
    [InlineData("3.5", 14)]
    [InlineData("-3.5", -14)]
    [InlineData("0", 0)]
    [InlineData("0.25", 1)]
    [InlineData("-0.75", -3)]
    [InlineData("220.5", 882)]
    [InlineData("10000", 40000)]
    public void Quarter_multiples_are_accepted(string text, int quarters)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(LineNumber.TryFromDecimal(value, out LineNumber number));
        Assert.Equal(quarters, number.Quarters);
        Assert.Equal(value, number.ToDecimal());
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("3.3")]
    [InlineData("0.125")]
    [InlineData("10000.25")]
    [InlineData("-10000.25")]
    public void Other_numbers_are_refused(string text)
    {
        Assert.False(LineNumber.TryFromDecimal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), out _));
    }

    [Fact]
    public void TryFromDecimal_returns_false_instead_of_throwing_for_the_largest_decimal()
    {
        bool ok = true;
        Exception? thrown = Record.Exception(() => ok = LineNumber.TryFromDecimal(decimal.MaxValue, out _));
        Assert.Null(thrown);
        Assert.False(ok);
    }

    [Fact]
    public void Negate_flips_the_sign_and_ToString_drops_trailing_zeros()
    {
        LineNumber n = LineNumber.FromDecimal(3.5m);
        Assert.Equal(LineNumber.FromDecimal(-3.5m), n.Negate());
        Assert.Equal("3.5", n.ToString());
        Assert.Equal("-3", LineNumber.FromDecimal(-3m).ToString());
        Assert.True(n.CompareTo(n.Negate()) > 0);
    }
}
