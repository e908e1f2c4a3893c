namespace OpenLine.Core;

/// <summary>Human-readable order descriptions for cancel results, e.g. <c>Lakers ML +125</c>, <c>Dallas Mavericks +3.5</c>, <c>Over 220.5</c>.</summary>
public static class OrderDescriptions
{
    /// <summary>
    /// The description from its parts: <paramref name="subject"/> is what <see cref="Subject"/> gives,
    /// <paramref name="side"/> the order's side token (yes/no on 1x2), <paramref name="number"/> its line from its own side.
    /// </summary>
    public static string Describe(MarketType type, string subject, string side, LineNumber? number, AmericanOdds odds) => type switch
    {
        MarketType.Moneyline => $"{subject} ML {odds}",
        MarketType.Spread => $"{subject} {Signed(number!.Value)} {odds}",
        MarketType.Total => $"{subject} {number!.Value} {odds}",
        _ => $"{subject} {(side == "yes" ? "Yes" : "No")} {odds}",
    };

    /// <summary>What an order backs, by name (no allocation: the participant's own name or a constant).</summary>
    public static string Subject(Order order)
    {
        Game game = order.Game;
        return order.Book.Type switch
        {
            MarketType.Moneyline or MarketType.Spread => (order.Side == 0 ? game.Away : game.Home).LongName,
            MarketType.Total => order.Side == 0 ? "Over" : "Under",
            _ => order.Book.Key.Line switch
            {
                BookKey.AwayOutcome => game.Away.LongName,
                BookKey.HomeOutcome => game.Home.LongName,
                _ => "Draw",
            },
        };
    }

    private static string Signed(LineNumber number) =>
        number.Quarters > 0 ? "+" + number : number.Quarters == 0 ? "PK" : number.ToString();
}
