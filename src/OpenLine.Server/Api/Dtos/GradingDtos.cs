namespace OpenLine.Server.Api.Dtos;

/// <summary>
/// A grading or void: the game as it now is (ended, with its score), how many bets were settled
/// (or changed, on a regrade), and whether anything changed at all (false for the same result again).
/// </summary>
public sealed record GradeResultDto(GameDto Game, int BetsSettled, bool Changed);

/// <summary>
/// How a bet settled, both sides, exact amounts: what the maker paid the taker and the taker the
/// maker, the taker's commission, each side's net result, when, and whether it was an operator
/// refund (a void).
/// </summary>
public sealed record BetSettlementDto(
    string TakerOutcome, string MakerOutcome, decimal MakerToTaker, decimal TakerToMaker, decimal Fee, decimal TakerResult,
    decimal MakerResult, string SettledAt, bool AdminRefund, ulong SettleSequence);
