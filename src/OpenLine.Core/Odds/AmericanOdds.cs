using System.Globalization;

namespace OpenLine.Core;

/// <summary>
/// An integer American price with <c>100 ≤ |odds| ≤ 100000</c> (rules §1). <c>-100</c> and
/// <c>+100</c> are the same price and are stored as <c>+100</c>. The profit multiplier
/// <c>m(o)</c> is <c>o/100</c> for positive and <c>100/|o|</c> for negative odds; every
/// comparison and product here is exact integer arithmetic, never floating point.
/// <c>default</c> is not a valid price; use the factories.
/// </summary>
public readonly struct AmericanOdds : IEquatable<AmericanOdds>, IComparable<AmericanOdds>
{
    public const int MinMagnitude = 100;
    public const int MaxMagnitude = 100_000;

    /// <summary>Even money, +100 (the same price as −100).</summary>
    public static readonly AmericanOdds Even = new(100);

    private readonly int _value;

    private AmericanOdds(int value) => _value = value;

    /// <summary>The American value, e.g. <c>-110</c> or <c>150</c>; even money reads <c>100</c>.</summary>
    public int Value => _value;

    public static bool TryCreate(long value, out AmericanOdds odds)
    {
        long magnitude = Math.Abs(value);
        if (magnitude is < MinMagnitude or > MaxMagnitude)
        {
            odds = default;
            return false;
        }
        odds = new AmericanOdds(value == -100 ? 100 : (int)value);
        return true;
    }

    public static AmericanOdds FromInt32(int value) =>
        TryCreate(value, out AmericanOdds odds)
            ? odds
            : throw new ArgumentOutOfRangeException(nameof(value), value, "American odds must satisfy 100 ≤ |odds| ≤ 100000.");

    /// <summary>The price the other side of a bet at these odds gets: <c>−o</c> (exact for |o| ≥ 100).</summary>
    public AmericanOdds Counter => new(_value == 100 ? 100 : -_value);

    /// <summary>Numerator of <c>m(o)</c> as a fraction.</summary>
    public int MultiplierNumerator => _value > 0 ? _value : 100;

    /// <summary>Denominator of <c>m(o)</c> as a fraction.</summary>
    public int MultiplierDenominator => _value > 0 ? 100 : -_value;

    /// <summary>
    /// An integer that orders prices by <c>m(o)</c>: a larger key is a better price for whoever
    /// holds it. −100000 … −101 map to −99800 … 99, and +100 … +100000 map to themselves.
    /// </summary>
    public int Key => _value > 0 ? _value : 200 + _value;

    /// <summary><c>floor(stake × m(o))</c>: what a stake wins at this price, in storage units.</summary>
    public Money WinOn(Money stake)
    {
        Int128 product = (Int128)stake.Micros * MultiplierNumerator;
        return Money.FromMicros((long)(product / MultiplierDenominator));
    }

    /// <summary>
    /// <c>min(floor(stake × m(o)), atMost)</c>, computed without overflow: a stake of $1e12 at
    /// +100000 wins more micro-dollars than a <c>long</c> holds, but never more than the cap.
    /// </summary>
    public Money WinOn(Money stake, Money atMost)
    {
        Int128 win = (Int128)stake.Micros * MultiplierNumerator / MultiplierDenominator;
        return win >= atMost.Micros ? atMost : Money.FromMicros((long)win);
    }

    /// <summary><c>floor(stake × m(o))</c> in dollars, exact even beyond the range of <see cref="Money"/> (for display).</summary>
    public decimal WinOnInDollars(Money stake) =>
        (decimal)((Int128)stake.Micros * MultiplierNumerator / MultiplierDenominator) / Money.UnitsPerDollar;

    /// <summary>The exact profit multiplier as a decimal (for display and tests only).</summary>
    public decimal Multiplier => (decimal)MultiplierNumerator / MultiplierDenominator;

    /// <summary>
    /// True when <c>m(this) ≥ (numerator/denominator) × m(reference)</c>, exactly. The postArb band
    /// of rules §3 is <c>IsAtLeastFractionOf(book, 99, 100)</c>.
    /// </summary>
    public bool IsAtLeastFractionOf(AmericanOdds reference, int numerator, int denominator) =>
        (long)denominator * MultiplierNumerator * reference.MultiplierDenominator >=
        (long)numerator * reference.MultiplierNumerator * MultiplierDenominator;

    public bool Equals(AmericanOdds other) => _value == other._value;
    public override bool Equals(object? obj) => obj is AmericanOdds other && Equals(other);
    public override int GetHashCode() => _value;

    /// <summary>Orders by price for the holder (by <c>m(o)</c>).</summary>
    public int CompareTo(AmericanOdds other) => Key.CompareTo(other.Key);

    public static bool operator ==(AmericanOdds a, AmericanOdds b) => a._value == b._value;
    public static bool operator !=(AmericanOdds a, AmericanOdds b) => a._value != b._value;
    public static bool operator <(AmericanOdds a, AmericanOdds b) => a.Key < b.Key;
    public static bool operator >(AmericanOdds a, AmericanOdds b) => a.Key > b.Key;
    public static bool operator <=(AmericanOdds a, AmericanOdds b) => a.Key <= b.Key;
    public static bool operator >=(AmericanOdds a, AmericanOdds b) => a.Key >= b.Key;

    public override string ToString() => _value > 0
        ? "+" + _value.ToString(CultureInfo.InvariantCulture)
        : _value.ToString(CultureInfo.InvariantCulture);
}
