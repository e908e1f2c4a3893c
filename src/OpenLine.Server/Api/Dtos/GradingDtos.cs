namespace OpenLine.Server.Api.Dtos;

/// <summary>
/// A grading or void: the game as it now is (ended, with its score), how many bets were settled
/// (or changed, on a regrade), whether anything changed at all (false for the same result again), and
/// the accounts it left owing money: a correction (regrade, void after a result, result after a void)
/// takes back winnings or refunds that may already have been withdrawn, leaving <c>available</c>
/// negative. Always empty for a first result or void.
/// </summary>
public sealed record GradeResultDto(GameDto Game, int BetsSettled, bool Changed, IReadOnlyList<OverdrawnAccountDto> Overdrawn);

/// <summary>An account whose available is negative: it owes −<c>available</c> (balance minus credit limit plus liability is below zero).</summary>
public sealed record OverdrawnAccountDto(string Id, string Username, decimal Balance, decimal Available);

/// <summary>
/// How a bet settled, both sides, exact amounts: what the maker paid the taker and the taker the
/// maker, the taker's commission, each side's net result, when, and whether it was an operator
/// refund (a void).
/// </summary>
public sealed record BetSettlementDto(
    string TakerOutcome, string MakerOutcome, decimal MakerToTaker, decimal TakerToMaker, decimal Fee, decimal TakerResult,
    decimal MakerResult, string SettledAt, bool AdminRefund, ulong SettleSequence);
