namespace OpenLine.Core.Tests;

/// <summary>Builders for <see cref="OrderRequest"/>s: amounts in dollars, odds as American integers.</summary>
internal static class Orders
{
    public static OrderRequest Moneyline(Participant backed, Game game, int odds, decimal bet,
        OrderType type = OrderType.Limit, int? expirationMinutes = null, string? userReference = null) =>
        new(game.Id, MarketType.Moneyline, backed.Id.ToString(), null, AmericanOdds.FromInt32(odds), Money.FromDecimal(bet),
            null, type, expirationMinutes, userReference);

    public static OrderRequest Away(Game game, int odds, decimal bet, OrderType type = OrderType.Limit, int? expirationMinutes = null) =>
        Moneyline(game.Away, game, odds, bet, type, expirationMinutes);

    public static OrderRequest Home(Game game, int odds, decimal bet, OrderType type = OrderType.Limit, int? expirationMinutes = null) =>
        Moneyline(game.Home, game, odds, bet, type, expirationMinutes);

    public static OrderRequest Spread(Participant backed, Game game, decimal number, int odds, decimal bet, OrderType type = OrderType.Limit) =>
        new(game.Id, MarketType.Spread, backed.Id.ToString(), null, AmericanOdds.FromInt32(odds), Money.FromDecimal(bet),
            LineNumber.FromDecimal(number), type, null, null);

    public static OrderRequest Total(string side, Game game, decimal number, int odds, decimal bet, OrderType type = OrderType.Limit) =>
        new(game.Id, MarketType.Total, side, null, AmericanOdds.FromInt32(odds), Money.FromDecimal(bet),
            LineNumber.FromDecimal(number), type, null, null);

    /// <summary>A 1x2 order: <paramref name="side"/> is yes/no, <paramref name="market"/> is "draw" or a participant id.</summary>
    public static OrderRequest OneXTwo(string side, string market, Game game, int odds, decimal bet, OrderType type = OrderType.Limit) =>
        new(game.Id, MarketType.Moneyline1x2, side, market, AmericanOdds.FromInt32(odds), Money.FromDecimal(bet),
            null, type, null, null);

    public static Money Usd(decimal dollars) => Money.FromDecimal(dollars);
}
