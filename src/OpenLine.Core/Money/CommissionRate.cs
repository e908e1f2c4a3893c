using System.Globalization;

namespace OpenLine.Core;

/// <summary>
/// A taker commission rate <c>c</c> with <c>0 ≤ c &lt; 1</c> (rules §1), stored exactly in parts
/// per million (0.01 = 10,000 ppm). <c>default</c> is a zero rate.
/// </summary>
public readonly struct CommissionRate : IEquatable<CommissionRate>
{
    public const int PartsPerMillion = 1_000_000;

    /// <summary>The default rate for new accounts: 1%.</summary>
    public static readonly CommissionRate OnePercent = new(10_000);

    private readonly int _ppm;

    private CommissionRate(int ppm) => _ppm = ppm;

    public int Ppm => _ppm;

    public static bool TryFromDecimal(decimal rate, out CommissionRate result)
    {
        result = default;
        if (rate < 0 || rate >= 1)
        {
            return false;
        }
        decimal ppm = rate * PartsPerMillion;
        if (ppm != decimal.Truncate(ppm))
        {
            return false;
        }
        result = new CommissionRate((int)ppm);
        return true;
    }

    public static CommissionRate FromPpm(int ppm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ppm);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ppm, PartsPerMillion);
        return new CommissionRate(ppm);
    }

    public decimal ToDecimal() => (decimal)_ppm / PartsPerMillion;

    /// <summary><c>c × amount</c>, rounded half away from zero to the storage unit (rules §1).</summary>
    public Money Of(Money amount)
    {
        Int128 product = (Int128)amount.Micros * _ppm;
        Int128 quotient = Int128.DivRem(product, PartsPerMillion).Quotient;
        Int128 remainder = product - quotient * PartsPerMillion;
        if (Int128.Abs(remainder) * 2 >= PartsPerMillion)
        {
            quotient += Int128.Sign(product);
        }
        return Money.FromMicros((long)quotient);
    }

    public bool Equals(CommissionRate other) => _ppm == other._ppm;
    public override bool Equals(object? obj) => obj is CommissionRate other && Equals(other);
    public override int GetHashCode() => _ppm;
    public static bool operator ==(CommissionRate a, CommissionRate b) => a._ppm == b._ppm;
    public static bool operator !=(CommissionRate a, CommissionRate b) => a._ppm != b._ppm;
    public override string ToString() => ToDecimal().ToString(CultureInfo.InvariantCulture);
}
