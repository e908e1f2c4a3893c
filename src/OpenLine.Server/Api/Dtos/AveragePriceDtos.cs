using System.Diagnostics.CodeAnalysis;

namespace OpenLine.Server.Api.Dtos;

/// <summary>A game of <c>getOddsForAveragePrice</c> (API §3.1): the Game, its main lines and an <see cref="AveragePriceOddsDto"/>, no book arrays.</summary>
public sealed record GameAveragePriceDto : GameDto
{
    /// <summary>The game's fields, copied; the rest is set by the caller.</summary>
    [SetsRequiredMembers]
    public GameAveragePriceDto(GameDto game) : base(game)
    {
    }

    public decimal MatchedVolume { get; init; }
    public decimal? MainHomeSpread { get; init; }
    public decimal? MainAwaySpread { get; init; }
    public decimal? MainTotal { get; init; }
    public AveragePriceOddsDto Odds { get; init; } = new();
}

/// <summary>
/// Best and average taker prices and fillable stakes of one game (API §3.1). Prices are integer
/// American odds, null when the side has no offers; spreads and totals are quoted on the main line.
/// Stakes are whole dollars (rounded down), 0 when the side has no offers.
/// </summary>
public sealed record AveragePriceOddsDto
{
    public int? AverageHomeMoneyline { get; init; }
    public int? BestHomeMoneyline { get; init; }
    public int? BestHomeMoneylineWithCommission { get; init; }
    public long? BestHomeMoneylinePriceLimit { get; init; }
    public int? AverageAwayMoneyline { get; init; }
    public int? BestAwayMoneyline { get; init; }
    public int? BestAwayMoneylineWithCommission { get; init; }
    public long? BestAwayMoneylinePriceLimit { get; init; }
    public int? AverageHomeSpread { get; init; }
    public int? BestHomeSpread { get; init; }
    public int? BestHomeSpreadWithCommission { get; init; }
    public long? BestHomeSpreadPriceLimit { get; init; }
    public decimal? MainHomeSpread { get; init; }
    public int? AverageAwaySpread { get; init; }
    public int? BestAwaySpread { get; init; }
    public int? BestAwaySpreadWithCommission { get; init; }
    public long? BestAwaySpreadPriceLimit { get; init; }
    public decimal? MainAwaySpread { get; init; }
    public int? AverageOver { get; init; }
    public int? BestOver { get; init; }
    public int? BestOverWithCommission { get; init; }
    public long? BestOverPriceLimit { get; init; }
    public int? AverageUnder { get; init; }
    public int? BestUnder { get; init; }
    public int? BestUnderWithCommission { get; init; }
    public long? BestUnderPriceLimit { get; init; }
    public decimal? MainTotal { get; init; }
    public long MaxMoneyLineBet { get; init; }
    public long HomeMoneylineMaxBet { get; init; }
    public long AwayMoneylineMaxBet { get; init; }
    public long MaxTotalBet { get; init; }
    public long MaxOverBet { get; init; }
    public long MaxUnderBet { get; init; }
    public long MaxSpreadBet { get; init; }
    public long MaxHomeSpreadBet { get; init; }
    public long MaxAwaySpreadBet { get; init; }
}
