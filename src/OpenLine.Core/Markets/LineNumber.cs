namespace OpenLine.Core;

/// <summary>
/// A spread or total number in quarter points (rules §2: multiples of 0.25; quarter lines allowed).
/// Stored as a whole number of quarters so that lines compare and hash exactly.
/// </summary>
public readonly record struct LineNumber(int Quarters) : IComparable<LineNumber>
{
    /// <summary>The largest magnitude accepted for a spread or total: 10,000 points.</summary>
    public const decimal MaxMagnitude = 10_000m;

    public static bool TryFromDecimal(decimal value, out LineNumber number)
    {
        if (Math.Abs(value) > MaxMagnitude)
        {
            number = default;
            return false;
        }
        decimal quarters = value * 4;
        if (quarters != decimal.Truncate(quarters))
        {
            number = default;
            return false;
        }
        number = new LineNumber((int)quarters);
        return true;
    }

    public static LineNumber FromDecimal(decimal value) =>
        TryFromDecimal(value, out LineNumber number) ? number : throw new ArgumentOutOfRangeException(nameof(value), value, "Lines are multiples of 0.25.");

    public decimal ToDecimal() => Quarters / 4m;

    public LineNumber Negate() => new(-Quarters);

    public int CompareTo(LineNumber other) => Quarters.CompareTo(other.Quarters);

    public override string ToString() => ToDecimal().ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
