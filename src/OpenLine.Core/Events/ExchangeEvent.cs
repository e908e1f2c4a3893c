namespace OpenLine.Core;

/// <summary>
/// Something that happened in the engine, in the order it happened. Events are immutable values
/// (ids and amounts, no live objects), so they may leave the engine's thread to feed read models,
/// responses and streams.
/// </summary>
public abstract record ExchangeEvent(long At);

public sealed record AccountCreated(long At, ObjectId AccountId, string Username) : ExchangeEvent(At);

/// <summary>Settled cash moved: a deposit (positive), a withdrawal (negative), or an account's net result of a grading.</summary>
public sealed record BalanceChanged(long At, ObjectId AccountId, Money Delta, Money Balance) : ExchangeEvent(At);

public sealed record GameCreated(long At, ObjectId GameId) : ExchangeEvent(At);

public sealed record GameChanged(long At, ObjectId GameId, bool Live, bool Started, bool Ended) : ExchangeEvent(At);

/// <summary>An order went onto the book.</summary>
public sealed record OrderRested(long At, ObjectId OrderId, ObjectId AccountId, ObjectId GameId, RestReport Rest) : ExchangeEvent(At);

/// <summary>A fill: the taker's figures and the maker's order after it.</summary>
public sealed record OrderFilled(
    long At, ObjectId TxId, ObjectId GameId, ObjectId TakerId, ObjectId MakerId, ObjectId MakerOrderId,
    Money TakerStake, Money MakerStake, Money MakerRemaining, FillReport TakerView) : ExchangeEvent(At);

public sealed record OrderCancelled(long At, ObjectId AccountId, CancelReport Report) : ExchangeEvent(At);

/// <summary>A live-delayed order was released and processed; its final outcome.</summary>
public sealed record HeldOrderResolved(long At, ulong HoldId, ObjectId AccountId, OrderOutcome Outcome) : ExchangeEvent(At);

public sealed record TokenIssued(long At, ObjectId AccountId, string TokenHash, long ExpiresAt) : ExchangeEvent(At);

public sealed record TokenRevoked(long At, string TokenHash) : ExchangeEvent(At);

/// <summary>
/// One bet was settled, regraded or refunded (<see cref="AdminRefund"/>: its game was voided).
/// <see cref="Resettled"/> says an earlier settlement of the bet was reversed first.
/// </summary>
public sealed record BetSettled(
    long At, ObjectId TxId, ObjectId GameId, ObjectId TakerId, ObjectId MakerId, BetSettlement Settlement, bool AdminRefund,
    ulong SettleSequence, bool Resettled) : ExchangeEvent(At);

/// <summary>A game was graded (<see cref="Score"/>), regraded or voided; <see cref="BetsSettled"/> bets changed.</summary>
public sealed record GameGraded(long At, ObjectId GameId, FinalScore? Score, bool Voided, bool Regrade, int BetsSettled) : ExchangeEvent(At);
