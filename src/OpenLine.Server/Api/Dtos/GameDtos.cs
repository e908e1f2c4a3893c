using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>A participant inside a game (API §4.2); away first, then home.</summary>
public sealed record ParticipantDto(
    string Id,
    string LongName,
    string ShortName,
    string HomeAway,
    string? MainPitcher,
    string? RotationNumber,
    string FuturesSide)
{
    /// <summary>The final score the game was graded on; omitted while ungraded and on a voided game (API §4.2: ended games only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Score { get; init; }
}

/// <summary>The Game object without order book arrays (API §4.1).</summary>
public record GameDto
{
    public required string Id { get; init; }
    public string? ParentGameID { get; init; }
    public required string CheapDataUID { get; init; }
    public required string League { get; init; }
    public required string Sport { get; init; }
    public required string Start { get; init; }
    public bool Ended { get; init; }
    public bool Live { get; init; }
    public bool Featured { get; init; }
    public string? EventName { get; init; }
    public string? TournamentName { get; init; }
    public string PeriodName { get; init; } = "Full Time";
    public bool IsSpecials { get; init; }
    public required IReadOnlyList<ParticipantDto> Participants { get; init; }
}

/// <summary>A game with its flat, taker-facing order book (API §3.1 <c>v2/getOrderbook</c>).</summary>
public sealed record GameOrderbookFlatDto : GameDto
{
    /// <summary>The game's fields, copied; the book arrays are set by the caller.</summary>
    [SetsRequiredMembers]
    public GameOrderbookFlatDto(GameDto game) : base(game)
    {
    }

    public IReadOnlyList<OrderbookOrderDto> AwayMoneylines { get; init; } = [];
    public IReadOnlyList<OrderbookOrderDto> HomeMoneylines { get; init; } = [];
    public IReadOnlyList<OrderbookOrderDto> AwaySpreads { get; init; } = [];
    public IReadOnlyList<OrderbookOrderDto> HomeSpreads { get; init; } = [];
    public IReadOnlyList<OrderbookOrderDto> Over { get; init; } = [];
    public IReadOnlyList<OrderbookOrderDto> Under { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OrderbookOrderDto>? AwayMoneylines1x2 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OrderbookOrderDto>? HomeMoneylines1x2 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OrderbookOrderDto>? Draw1x2 { get; init; }

    public decimal OpenInterest { get; init; }
    public decimal MatchedVolume { get; init; }
}

/// <summary>
/// A resting order as a taker sees it (API §4.4, §8.3): <c>odds</c> is the taker's price,
/// <c>bet</c> the maker's original stake, <c>sumUntaken</c> the stake a taker can still put up.
/// </summary>
public sealed record OrderbookOrderDto
{
    public required string Id { get; init; }
    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedBy { get; init; }

    public decimal SumUntaken { get; init; }
    public int Odds { get; init; }
    public decimal Bet { get; init; }
    public required string GameID { get; init; }
    public decimal TakenRatio { get; init; }
    public string? Expiry { get; init; }
    public required string CreatedAt { get; init; }
    public bool GameStartExpiry { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsPostArb { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParticipantID { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Spread { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Total { get; init; }

    [JsonPropertyName("OU")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OU { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Market { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Side { get; init; }
}

public sealed record GamesEnvelope<T>(IReadOnlyList<T> Games);

public sealed record LeaguesDto(IReadOnlyList<string> AvailableLeagues);
