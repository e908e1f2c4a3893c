namespace OpenLine.Core;

/// <summary>The four market types of API §8.1.</summary>
public enum MarketType : byte
{
    Moneyline = 0,
    Spread = 1,
    Total = 2,
    /// <summary>Soccer three-way: a yes/no book on each of away, home and draw.</summary>
    Moneyline1x2 = 3,
}
