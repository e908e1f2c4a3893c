using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>The game embedded in a bet or order row (API §4.3 GameSummary).</summary>
public sealed record GameSummaryDto(
    string Id,
    string League,
    string Sport,
    string Start,
    bool Ended,
    string? EventName,
    bool IsFutures,
    IReadOnlyList<ParticipantDto> Participants);

/// <summary>
/// One fill of the caller's, from the caller's side (API §4.8 MatchedBet): <c>origin</c> is
/// <c>wager</c> when the caller took liquidity and <c>offer</c> when its resting order was hit.
/// <c>risk</c> and <c>win</c> are strings with 2 decimals (rules §1, bet-history rows); the taker's
/// include commission (API §8.9), the maker's are its stake and the counter-stake.
/// </summary>
public sealed record MatchedBetDto
{
    /// <summary>The caller's order id; for a taker whose order left nothing resting, its wagerRequestID.</summary>
    public required string Id { get; init; }

    [JsonPropertyName("txID")]
    public required string TxID { get; init; }

    public required string Type { get; init; }
    public decimal Bet { get; init; }
    public int Odds { get; init; }
    public decimal? Spread { get; init; }
    public decimal? Total { get; init; }

    [JsonPropertyName("OU")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OU { get; init; }

    [JsonPropertyName("participantID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParticipantID { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Market { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Side { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserReference { get; init; }

    public required string CreatedAt { get; init; }
    public required string MatchedTime { get; init; }
    public required string Origin { get; init; }
    public required string Risk { get; init; }
    public required string Win { get; init; }
    public bool Graded { get; init; }
    public bool Closed { get; init; }
    public bool AdminRefund { get; init; }

    /// <summary>Only when true (rules §3: postArb fills carry it in history).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsPostArb { get; init; }

    public required GameSummaryDto Game { get; init; }
}

/// <summary>
/// One of the caller's orders from the caller's side (API §4.7 UnmatchedOrder): <c>odds</c> is the
/// caller's price, <c>participantID</c> the side it backs and <c>otherParticipantID</c> the side
/// offered to takers (moneyline and spread only: the document has no field for over/under or 1x2).
/// </summary>
public sealed record UnmatchedOrderDto
{
    public required string Id { get; init; }

    /// <summary>The transaction that created the order: its wagerRequestID.</summary>
    [JsonPropertyName("txID")]
    public required string TxID { get; init; }

    public required string Type { get; init; }

    /// <summary>The stake that went onto the book.</summary>
    public decimal Bet { get; init; }

    public int Odds { get; init; }
    public decimal? Spread { get; init; }
    public decimal? Total { get; init; }

    [JsonPropertyName("participantID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParticipantID { get; init; }

    [JsonPropertyName("otherParticipantID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OtherParticipantID { get; init; }

    /// <summary>Stake matched so far.</summary>
    public decimal Filled { get; init; }

    /// <summary>Stake on the book now (0 once the order is closed).</summary>
    public decimal Offered { get; init; }

    /// <summary>Stake not yet matched (0 once the order is closed).</summary>
    public decimal Remaining { get; init; }

    public decimal TakenRatio { get; init; }
    public string? Expiry { get; init; }
    public required string CreatedAt { get; init; }
    public required string Origin { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserReference { get; init; }

    [JsonPropertyName("wagerRequestID")]
    public required string WagerRequestID { get; init; }

    public bool Graded { get; init; }
    public bool Closed { get; init; }
    public bool AdminRefund { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsPostArb { get; init; }

    public required GameSummaryDto Game { get; init; }
}

/// <summary>
/// An order as <c>lookupOrder</c> shows it (API §3.2, §8.3): taker-facing, so <c>odds</c>,
/// <c>OU</c>, <c>participant</c> and <c>spread</c> are what a taker of the order would get.
/// </summary>
public sealed record LookupOrderDto
{
    public required string Id { get; init; }
    public bool Cancelled { get; init; }
    public bool IsTheBestOffer { get; init; }
    public int Odds { get; init; }
    public required string Type { get; init; }

    [JsonPropertyName("OU")]
    public string? OU { get; init; }

    public string? Participant { get; init; }
    public string? ParticipantLongName { get; init; }
    public decimal? Spread { get; init; }
    public decimal? Total { get; init; }
    public required string MatchedRisk { get; init; }
    public required string UnmatchedRisk { get; init; }
    public required GameSummaryDto Game { get; init; }
}

public sealed record LookupOrderEnvelope(LookupOrderDto Order);

public sealed record MatchedBetsDto(IReadOnlyList<MatchedBetDto> MatchedBets);

public sealed record UnmatchedOrdersDto(IReadOnlyList<UnmatchedOrderDto> Unmatched);

public sealed record OrdersForGameDto(IReadOnlyList<UnmatchedOrderDto> Unmatched, IReadOnlyList<MatchedBetDto> Matched);

/// <summary>
/// The three-bucket view (API CombinedWagers): resting orders, matched fills not yet settled, and
/// settled fills as GradedWager rows.
/// </summary>
public sealed record CombinedWagersDto(
    IReadOnlyList<UnmatchedOrderDto> Unmatched,
    IReadOnlyList<MatchedBetDto> Matched,
    IReadOnlyList<GradedWagerDto> Graded);

/// <summary><c>getBetByID</c>'s top-level body: a <see cref="MatchedBetDto"/>, a <see cref="GradedWagerDto"/> or an <see cref="UnmatchedOrderDto"/>.</summary>
public sealed record BetEnvelope(object Bet);
