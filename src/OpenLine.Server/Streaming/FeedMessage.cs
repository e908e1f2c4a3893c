using System.Text.Json.Serialization;

namespace OpenLine.Server.Streaming;

/// <summary>
/// One user-feed message (API §6.2). <c>matched</c> and <c>unmatched</c> are null when absent.
/// <para>
/// OpenLine extension: when a bet is graded, regraded or refunded by a void, each side gets a
/// message with <c>matched: null</c>, <c>unmatched: null</c>, <c>origin</c> <c>wager</c> (taker) or
/// <c>offer</c> (maker) and a <c>graded</c> block (<see cref="FeedGraded"/>). The 4casters feed sends
/// nothing at grading (its clients poll getGradedSince); clients that do not know <c>graded</c> can
/// ignore these messages, as they classify only by <c>matched</c>/<c>unmatched</c>. Other messages
/// omit the key.
/// </para>
/// </summary>
public sealed record FeedMessage(
    FeedMatched? Matched,
    FeedUnmatched? Unmatched,
    string Origin,
    [property: JsonPropertyName("gameID")] string GameID,
    [property: JsonPropertyName("parentGameID")] string? ParentGameID,
    string? EventName,
    string League,
    string Sport,
    bool Live,
    string Start,
    string? AwayRotationNumber,
    string Platform,
    string CreatedAt,
    [property: JsonPropertyName("messageID")] string MessageID,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FeedGraded? Graded = null);

/// <summary>
/// A bet's settlement from the receiving user's side (OpenLine extension), with the figures of a
/// graded row (API §8.13; strings with 2 decimals): <c>fee</c> the commission charged (the taker's;
/// makers pay none, 0.00), <c>risk</c> = stake + fee, <c>win</c> = the side's gross potential win − fee,
/// <c>result</c> the signed cash change; <c>outcome</c> is winner, loser, refunded, half-win or half-loss.
/// <c>orderID</c> and <c>wagerRequestID</c> are as in the fill's <c>matched</c> block (the maker's order,
/// the receiver's own request). <c>adminRefund</c>: refunded by a void; <c>regrade</c>: an earlier
/// settlement of this bet was reversed first, so this one replaces it (key: <c>txID</c>).
/// </summary>
public sealed record FeedGraded(
    [property: JsonPropertyName("txID")] string TxID,
    [property: JsonPropertyName("orderID")] string OrderID,
    [property: JsonPropertyName("wagerRequestID")] string WagerRequestID,
    string Outcome,
    string Result,
    string Fee,
    string Risk,
    string Win,
    string SettledAt,
    bool AdminRefund,
    bool Regrade);

/// <summary>A fill from the receiving user's side; risk and win rounded to 2 decimals.</summary>
public sealed record FeedMatched(
    [property: JsonPropertyName("txID")] string TxID,
    [property: JsonPropertyName("orderID")] string OrderID,
    [property: JsonPropertyName("wagerRequestID")] string WagerRequestID,
    decimal Amount,
    decimal Risk,
    decimal Win,
    int Odds,
    string Type,
    string Side,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Number,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Market,
    string? UserReference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsPostArb);

/// <summary>The receiving user's resting order: placed (filled 0), hit (filled = this fill), or cancelled (offered 0).</summary>
public sealed record FeedUnmatched(
    [property: JsonPropertyName("orderID")] string OrderID,
    [property: JsonPropertyName("wagerRequestID")] string WagerRequestID,
    decimal Filled,
    decimal Offered,
    decimal Remaining,
    int Odds,
    string Type,
    string Side,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Number,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Market,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserReference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsPostArb);
