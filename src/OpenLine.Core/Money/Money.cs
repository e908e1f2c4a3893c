using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenLine.Core;

/// <summary>
/// An exact amount of US dollars, stored as a whole number of micro-dollars (1e-6 $), the
/// storage unit of rules §1. Arithmetic is checked: an overflow throws, it never wraps.
/// <c>default</c> is zero dollars.
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    /// <summary>Micro-dollars per dollar.</summary>
    public const long UnitsPerDollar = 1_000_000;

    /// <summary>The largest stake a single order may carry: $1,000,000,000,000 (rules §1).</summary>
    public static readonly Money MaxStake = FromDollars(1_000_000_000_000);

    /// <summary>One cent, the smallest stake that may stay on the book (rules §4).</summary>
    public static readonly Money OneCent = new(10_000);

    public static readonly Money Zero;

    // The largest whole-dollar magnitude whose micro-dollars fit in a long (about 9.2e12).
    private const decimal MaxDollars = long.MaxValue / UnitsPerDollar;

    private readonly long _micros;

    private Money(long micros) => _micros = micros;

    /// <summary>The amount in micro-dollars.</summary>
    public long Micros => _micros;

    public bool IsZero => _micros == 0;
    public bool IsPositive => _micros > 0;
    public bool IsNegative => _micros < 0;

    public static Money FromMicros(long micros) => new(micros);

    public static Money FromDollars(long dollars) => new(checked(dollars * UnitsPerDollar));

    /// <summary>
    /// Converts a decimal amount that has at most six decimals; anything finer is not a storage
    /// amount and fails (use <see cref="RoundHalfAwayFromZero(decimal)"/> to round on purpose).
    /// </summary>
    public static bool TryFromDecimal(decimal dollars, out Money money)
    {
        money = Zero;
        if (Math.Abs(dollars) > MaxDollars)
        {
            return false;
        }
        decimal scaled = dollars * UnitsPerDollar;
        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }
        money = new Money((long)scaled);
        return true;
    }

    public static Money FromDecimal(decimal dollars) =>
        TryFromDecimal(dollars, out Money money)
            ? money
            : throw new ArgumentOutOfRangeException(nameof(dollars), dollars, "Money has at most six decimals and fits in 64 bits of micro-dollars.");

    /// <summary>Rounds a decimal amount to the storage unit, half away from zero.</summary>
    public static Money RoundHalfAwayFromZero(decimal dollars) =>
        new((long)decimal.Round(dollars * UnitsPerDollar, 0, MidpointRounding.AwayFromZero));

    /// <summary>The exact amount as a decimal number of dollars.</summary>
    public decimal ToDecimal() => (decimal)_micros / UnitsPerDollar;

    /// <summary>Rounds to <paramref name="decimals"/> places (0–6), half away from zero, as the output rules of §1 demand.</summary>
    public decimal ToDecimal(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        return decimal.Round(ToDecimal(), decimals, MidpointRounding.AwayFromZero);
    }

    public static Money operator +(Money a, Money b) => new(checked(a._micros + b._micros));
    public static Money operator -(Money a, Money b) => new(checked(a._micros - b._micros));
    public static Money operator -(Money a) => new(checked(-a._micros));
    public static bool operator ==(Money a, Money b) => a._micros == b._micros;
    public static bool operator !=(Money a, Money b) => a._micros != b._micros;
    public static bool operator <(Money a, Money b) => a._micros < b._micros;
    public static bool operator >(Money a, Money b) => a._micros > b._micros;
    public static bool operator <=(Money a, Money b) => a._micros <= b._micros;
    public static bool operator >=(Money a, Money b) => a._micros >= b._micros;

    public static Money Min(Money a, Money b) => a._micros <= b._micros ? a : b;
    public static Money Max(Money a, Money b) => a._micros >= b._micros ? a : b;

    public bool Equals(Money other) => _micros == other._micros;
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Money other && Equals(other);
    public override int GetHashCode() => _micros.GetHashCode();
    public int CompareTo(Money other) => _micros.CompareTo(other._micros);

    /// <summary>Dollars with six decimals, e.g. <c>$12.500000</c>; for diagnostics, not the wire.</summary>
    public override string ToString() => "$" + ToDecimal().ToString("0.000000", CultureInfo.InvariantCulture);
}
