using OpenLine.Core;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api.Export;

/// <summary>
/// One settled bet in the operator's export, both sides on one row. Built on the engine thread
/// from the bet's current settlement; immutable afterwards. Property order is the column order of
/// both formats (CSV header = NDJSON keys).
/// </summary>
/// <remarks>
/// Money (<c>takerStake</c>, <c>makerStake</c>, <c>takerResult</c>, <c>makerResult</c>, <c>fee</c>) is
/// text with exactly 6 decimals: the ledger's own unit (micro-dollars), so every row's
/// <c>takerResult + makerResult + fee = 0</c> exactly and the columns sum to the ledger's totals;
/// 2-decimal rounding would leave cent differences in any reconciliation. <c>score</c> is
/// <c>away-home</c> (e.g. <c>3-1</c>) or <c>void</c>; <c>line</c> is the taker's spread or the total
/// (empty for moneyline and 1x2); sides are as on the API (a participant id, over/under, yes/no with
/// the 1x2 <c>market</c>); <c>takerOutcome</c> is winner, loser, refunded, half-win or half-loss.
/// </remarks>
public sealed record SettlementRow(
    string TxID,
    string GameID,
    string League,
    string? EventName,
    string GameStart,
    string SettledAt,
    string Score,
    string Type,
    decimal? Line,
    string? Market,
    string TakerID,
    string TakerUsername,
    string TakerSide,
    int TakerOdds,
    string TakerStake,
    string MakerID,
    string MakerUsername,
    string MakerSide,
    int MakerOdds,
    string MakerStake,
    string TakerOutcome,
    string TakerResult,
    string MakerResult,
    string Fee,
    bool AdminRefund,
    bool IsPostArb)
{
    /// <summary>
    /// The money columns (exact signed dollars as text), by their column names. CSV writes them as
    /// they are; every other string column is guarded against spreadsheet formulas (<see cref="Csv.DefuseFormula"/>).
    /// </summary>
    public static IReadOnlySet<string> MoneyColumns { get; } = new HashSet<string>(
        new[] { nameof(TakerStake), nameof(MakerStake), nameof(TakerResult), nameof(MakerResult), nameof(Fee) }
            .Select(name => WireJson.Options.PropertyNamingPolicy!.ConvertName(name)),
        StringComparer.Ordinal);

    /// <summary>The row of a graded bet, from its current settlement (engine thread only).</summary>
    public static SettlementRow Of(Bet bet)
    {
        BetSettlement settlement = bet.Settlement ?? throw new InvalidOperationException($"Bet {bet.TxId} is not settled.");
        Game game = bet.Game;
        OrderBook book = bet.Book;
        return new SettlementRow(
            bet.TxId.ToString(), game.Id.ToString(), game.League, game.EventName, Wire.Time(game.StartsAt), Wire.Time(bet.SettledAt),
            game.Voided ? "void" : game.Score?.ToString() ?? "",
            book.Type.ToWire(), Wire.Number(book.NumberFor(bet.TakerSide)), Exchange.MarketToken(book),
            bet.Taker.Id.ToString(), bet.Taker.Username, Exchange.SideToken(book, bet.TakerSide), bet.TakerOdds.Value, Wire.Exact(bet.TakerStake),
            bet.Maker.Id.ToString(), bet.Maker.Username, Exchange.SideToken(bet.MakerOrder), bet.MakerOdds.Value, Wire.Exact(bet.MakerStake),
            settlement.TakerOutcome.ToWire(), Wire.Exact(settlement.TakerDelta), Wire.Exact(settlement.MakerDelta), Wire.Exact(settlement.Fee),
            bet.AdminRefund, bet.IsPostArb);
    }
}
