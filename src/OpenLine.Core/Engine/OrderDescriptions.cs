namespace OpenLine.Core;

/// <summary>Human-readable order descriptions for cancel results, e.g. <c>Lakers ML +125</c>, <c>Dallas Mavericks +3.5</c>, <c>Over 220.5</c>.</summary>
public static class OrderDescriptions
{
    public static string Describe(Order order)
    {
        Game game = order.Game;
        Participant backed = order.Side == 0 ? game.Away : game.Home;
        string odds = order.Odds.ToString();
        return order.Book.Type switch
        {
            MarketType.Moneyline => $"{backed.LongName} ML {odds}",
            MarketType.Spread => $"{backed.LongName} {Signed(order.Book.NumberFor(order.Side)!.Value)} {odds}",
            MarketType.Total => $"{(order.Side == 0 ? "Over" : "Under")} {order.Book.NumberFor(0)!.Value} {odds}",
            _ => $"{OutcomeName(game, order.Book.Key.Line)} {(order.Side == 0 ? "Yes" : "No")} {odds}",
        };
    }

    private static string OutcomeName(Game game, int outcome) => outcome switch
    {
        BookKey.AwayOutcome => game.Away.LongName,
        BookKey.HomeOutcome => game.Home.LongName,
        _ => "Draw",
    };

    private static string Signed(LineNumber number) =>
        number.Quarters > 0 ? "+" + number : number.Quarters == 0 ? "PK" : number.ToString();
}
