namespace OpenLine.Core;

/// <summary>Wire names of <see cref="MarketType"/> (<c>moneyline</c>, <c>spread</c>, <c>total</c>, <c>moneyline1x2</c>).</summary>
public static class MarketTypes
{
    public static string ToWire(this MarketType type) => type switch
    {
        MarketType.Moneyline => "moneyline",
        MarketType.Spread => "spread",
        MarketType.Total => "total",
        MarketType.Moneyline1x2 => "moneyline1x2",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? text, out MarketType type)
    {
        switch (text?.ToUpperInvariant())
        {
            case "MONEYLINE": type = MarketType.Moneyline; return true;
            case "SPREAD": type = MarketType.Spread; return true;
            case "TOTAL": type = MarketType.Total; return true;
            case "MONEYLINE1X2": type = MarketType.Moneyline1x2; return true;
            default: type = default; return false;
        }
    }

    /// <summary>True for the types whose orders carry a <c>number</c> (spread or total line).</summary>
    public static bool HasNumber(this MarketType type) => type is MarketType.Spread or MarketType.Total;
}
