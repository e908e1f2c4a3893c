namespace OpenLine.Core;

/// <summary>
/// One order of a place request after the adapter has parsed its JSON: values are in range
/// (odds, stake, number, expiry), but whether the game, side and market exist is the engine's to check.
/// </summary>
/// <param name="Side">A participant id (moneyline, spread), <c>over</c>/<c>under</c> (total) or <c>yes</c>/<c>no</c> (1x2).</param>
/// <param name="Market">1x2 only: <c>draw</c> or a participant id.</param>
/// <param name="Number">Spread (from the backed side) or total; null when absent.</param>
public sealed record OrderRequest(
    ObjectId GameId,
    MarketType Type,
    string Side,
    string? Market,
    AmericanOdds Odds,
    Money Bet,
    LineNumber? Number,
    OrderType OrderType,
    int? ExpirationMinutes,
    string? UserReference)
{
    /// <summary>Where the order came from (history shows it; nothing else depends on it).</summary>
    public Platform Platform { get; init; }
}
