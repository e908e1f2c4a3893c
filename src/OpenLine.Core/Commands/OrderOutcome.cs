namespace OpenLine.Core;

/// <summary>The outcome of one input order: accepted, rejected, or held for the live delay.</summary>
public abstract record OrderOutcome;

/// <summary>
/// The order was processed: zero or more fills (taker's view), and the resting remainder if any
/// (null when it filled fully, was a fill-and-kill or fill-or-kill, or its remainder was below the minimum).
/// </summary>
public sealed record OrderAccepted(ObjectId WagerRequestId, IReadOnlyList<FillReport> Fills, RestReport? Rest) : OrderOutcome;

/// <summary>The order was refused as a whole; nothing was filled or booked.</summary>
public sealed record OrderRejected(RejectReason Reason, string Message) : OrderOutcome;

/// <summary>
/// The order would fill on a live game and is held, invisible, until <see cref="ReleaseAt"/>
/// (rules §6). Its final outcome comes as a <see cref="HeldOrderResolved"/> event with the same <see cref="HoldId"/>.
/// </summary>
public sealed record OrderHeld(ulong HoldId, long ReleaseAt) : OrderOutcome;

/// <summary>A fill from the taker's side (the place response's <c>matched[]</c> entry).</summary>
/// <param name="Amount">A: the taker's matched stake, excluding commission.</param>
/// <param name="Odds">The fill price from the taker's side (the resting order's price, countered).</param>
/// <param name="MakerOrderId">The counterparty's resting order that was hit.</param>
/// <param name="WinWithoutCommission">G: the maker's stake.</param>
public sealed record FillReport(
    ObjectId TxId,
    ObjectId WagerRequestId,
    ObjectId MakerOrderId,
    MarketType Type,
    string Side,
    string? Market,
    LineNumber? Number,
    AmericanOdds Odds,
    Money Amount,
    Money Risk,
    Money Win,
    Money WinWithoutCommission,
    string? UserReference);

/// <summary>The resting remainder of an order (the place response's <c>unmatched</c>).</summary>
public sealed record RestReport(
    ObjectId OrderId,
    ObjectId WagerRequestId,
    MarketType Type,
    string Side,
    string? Market,
    LineNumber? Number,
    AmericanOdds Odds,
    Money Offered,
    string? UserReference);

/// <summary>What a cancel did, in the values of the moment (API CancelResult).</summary>
/// <param name="Filled">Stake matched before the cancel.</param>
/// <param name="Remaining">Unmatched stake released by the cancel.</param>
/// <param name="Subject">What the order backs, by name: the participant, Over or Under, or the 1x2 outcome.</param>
public sealed record CancelReport(
    ObjectId OrderId,
    ObjectId GameId,
    MarketType Type,
    string Side,
    string? Market,
    LineNumber? Number,
    AmericanOdds Odds,
    Money Filled,
    Money Remaining,
    string Subject,
    string? UserReference,
    CancelReason Reason)
{
    /// <summary>The order in words, e.g. <c>Lakers ML +125</c> (made when asked for, not by the engine).</summary>
    public string Description => OrderDescriptions.Describe(Type, Subject, Side, Number, Odds);
}
