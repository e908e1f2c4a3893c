using System.Text.Json.Serialization;

namespace OpenLine.Server.Streaming;

/// <summary>One user-feed message (API §6.2). <c>matched</c> and <c>unmatched</c> are null when absent.</summary>
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
    [property: JsonPropertyName("messageID")] string MessageID);

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
