namespace OpenLine.Core;

/// <summary>
/// What the engine answers to a command. Results may reference live engine objects
/// (<see cref="Account"/>, <see cref="Game"/>); read them on the engine's own thread only.
/// </summary>
public abstract record CommandResult;

/// <summary>The command was refused; nothing changed.</summary>
public sealed record Rejected(RejectReason Reason, string Message) : CommandResult;

/// <summary>The command succeeded and has nothing more to say.</summary>
public sealed record Done : CommandResult
{
    public static readonly Done Instance = new();
}

public sealed record AccountResult(Account Account) : CommandResult;

public sealed record GameResult(Game Game) : CommandResult;

/// <summary>One outcome per input order, in input order.</summary>
public sealed record PlaceResult(IReadOnlyList<OrderOutcome> Outcomes) : CommandResult;

public sealed record CancelResult(CancelReport Report) : CommandResult;

/// <summary>One result per order of a bulk cancel: a <see cref="CancelResult"/> or a <see cref="Rejected"/>.</summary>
public sealed record CancelManyResult(IReadOnlyList<CommandResult> Results) : CommandResult;

/// <summary>The heartbeat was recorded; open orders are cancelled at <see cref="Deadline"/> unless another arrives.</summary>
public sealed record HeartbeatResult(long Deadline, long TimeoutMilliseconds) : CommandResult;

/// <summary>An edit: the old order's cancel, and the replacement's outcome (null when the v4 volume guard stopped the edit after the cancel).</summary>
public sealed record EditResult(CancelReport Cancelled, OrderOutcome? Replacement) : CommandResult;

/// <summary>
/// A game was graded or voided: how many bets settled (or changed on a regrade), whether anything
/// changed at all, and the accounts this left owing — a negative <see cref="Account.Available"/>, lower
/// than before. Only a correction (a regrade, a void after a result, a result after a void) can do that:
/// it takes back winnings or refunds that may already have been withdrawn or staked, and the account
/// then owes the difference (the operator's to collect). Empty for a first grading or void.
/// </summary>
public sealed record GradeResult(Game Game, int BetsSettled, bool Changed, IReadOnlyList<Account> Overdrawn) : CommandResult;
