using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>
/// A game with its nested, taker-facing order book (API §3.1 <c>getSingleOrderbook</c> and v1
/// <c>getOrderbook</c>): moneylines as arrays; spreads and totals as objects keyed by the taker's
/// number (<c>"-3.5"</c>, <c>"6"</c>, <c>"220.5"</c>), each value an array best price first.
/// </summary>
public sealed record GameOrderbookNestedDto : GameDto
{
    /// <summary>The game's fields, copied; the book fields are set by the caller.</summary>
    [SetsRequiredMembers]
    public GameOrderbookNestedDto(GameDto game) : base(game)
    {
    }

    public IReadOnlyList<OrderbookOrderDto> AwayMoneylines { get; init; } = [];
    public IReadOnlyList<OrderbookOrderDto> HomeMoneylines { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<OrderbookOrderDto>> AwaySpreads { get; init; } = Empty;
    public IReadOnlyDictionary<string, IReadOnlyList<OrderbookOrderDto>> HomeSpreads { get; init; } = Empty;
    public IReadOnlyDictionary<string, IReadOnlyList<OrderbookOrderDto>> Over { get; init; } = Empty;
    public IReadOnlyDictionary<string, IReadOnlyList<OrderbookOrderDto>> Under { get; init; } = Empty;

    /// <summary>Soccer only (absent otherwise): takers backing home to win (<c>homeYes</c>) or not (<c>homeNo</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HomeThreeWayDto? HomeMoneylines1x2 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AwayThreeWayDto? AwayMoneylines1x2 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DrawThreeWayDto? Draw1x2 { get; init; }

    /// <summary>The home participant's number on the spread line with the most resting stake; null without spread orders.</summary>
    public decimal? MainHomeSpread { get; init; }

    public decimal? MainAwaySpread { get; init; }

    /// <summary>The total line with the most resting stake; null without total orders.</summary>
    public decimal? MainTotal { get; init; }

    public decimal OpenInterest { get; init; }
    public decimal MatchedVolume { get; init; }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<OrderbookOrderDto>> Empty =
        new Dictionary<string, IReadOnlyList<OrderbookOrderDto>>();
}

/// <summary>The 1x2 book on the home outcome, from the taker's side.</summary>
public sealed record HomeThreeWayDto(IReadOnlyList<OrderbookOrderDto> HomeYes, IReadOnlyList<OrderbookOrderDto> HomeNo);

/// <summary>The 1x2 book on the away outcome, from the taker's side.</summary>
public sealed record AwayThreeWayDto(IReadOnlyList<OrderbookOrderDto> AwayYes, IReadOnlyList<OrderbookOrderDto> AwayNo);

/// <summary>The 1x2 book on the draw, from the taker's side.</summary>
public sealed record DrawThreeWayDto(IReadOnlyList<OrderbookOrderDto> DrawYes, IReadOnlyList<OrderbookOrderDto> DrawNo);

/// <summary>
/// <c>data</c> of <c>getSingleOrderbook</c>. OpenLine has no child (period) or prop games, so
/// <c>childGames</c> and <c>propGames</c> are always empty.
/// </summary>
public sealed record SingleOrderbookDto(
    GameOrderbookNestedDto Game,
    IReadOnlyList<OrderSummaryDto> OrderSummary,
    IReadOnlyList<GameOrderbookNestedDto> ChildGames,
    IReadOnlyList<GameOrderbookNestedDto> PropGames);

/// <summary>
/// The caller's own resting orders on one game of the league, by the side each order backs
/// ([UBIQ]'s <c>Ordersummary</c> model, per game): risk = Σ remaining stake, win = Σ remaining × m(order odds).
/// </summary>
public sealed record OrderSummaryDto(
    [property: System.Text.Json.Serialization.JsonPropertyName("gameID")] string GameID,
    SidesSummaryDto Ml,
    SidesSummaryDto Spread,
    TotalsSummaryDto Total);

/// <summary>Risk and win of the caller's moneyline or spread orders, by the participant they back.</summary>
public sealed record SidesSummaryDto(decimal HomeRisk, decimal AwayRisk, decimal HomeWin, decimal AwayWin);

/// <summary>Risk and win of the caller's total orders, by over and under.</summary>
public sealed record TotalsSummaryDto(decimal OverRisk, decimal UnderRisk, decimal OverWin, decimal UnderWin);

/// <summary><c>data</c> of the v1 <c>POST /exchange/getOrderbook</c>: <c>market</c> is always null.</summary>
public sealed record LeagueOrderbookDto(string? Market, IReadOnlyList<GameOrderbookNestedDto> Games);
