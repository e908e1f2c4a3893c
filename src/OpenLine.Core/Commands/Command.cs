namespace OpenLine.Core;

/// <summary>
/// An input to the engine. Every state change is a command; the engine applies it at a time the
/// sequencer gives it, and the same commands at the same times always give the same state and events.
/// </summary>
public abstract record Command;

/// <summary>Moves time forward only: runs expiries, game starts and live-delay releases that are due.</summary>
public sealed record AdvanceTime : Command
{
    public static readonly AdvanceTime Instance = new();
}

/// <summary>Creates a user account; <paramref name="Balance"/> is booked as a first deposit.</summary>
public sealed record CreateAccount(string Username, string PasswordHash, Money Balance, Money CreditLimit, CommissionRate Commission) : Command;

public sealed record Deposit(ObjectId AccountId, Money Amount) : Command;

public sealed record Withdraw(ObjectId AccountId, Money Amount) : Command;

/// <summary>A participant as the operator names it when creating a game.</summary>
public sealed record ParticipantSpec(string LongName, string ShortName);

/// <summary>Creates a game; <paramref name="StartsAt"/> is Unix milliseconds.</summary>
public sealed record CreateGame(string League, string Sport, long StartsAt, string? EventName, ParticipantSpec Away, ParticipantSpec Home) : Command;

public sealed record SetGameLive(ObjectId GameId, bool Live) : Command;

/// <summary>
/// A batch of orders from one account, processed in array order with nothing in between (rules §3).
/// With an <paramref name="IdempotencyKey"/>, a repeat from the same account returns the first result instead of acting again.
/// </summary>
public sealed record PlaceOrders(ObjectId AccountId, IReadOnlyList<OrderRequest> Orders, string? IdempotencyKey = null) : Command;

/// <summary>Cancels one open order of the account; an <paramref name="IdempotencyKey"/> makes a retry return the first result.</summary>
public sealed record CancelOrder(ObjectId AccountId, ObjectId OrderId, string? IdempotencyKey = null) : Command;

/// <summary>Records a login token by its hash (the token itself never reaches the engine).</summary>
public sealed record IssueToken(ObjectId AccountId, string TokenHash, long ExpiresAt) : Command;

public sealed record RevokeToken(string TokenHash) : Command;

/// <summary>
/// Sets the engine's rule parameters. Journaled like any command, so a replay applies the
/// parameters that were in force when each later command ran, even if the configuration changed.
/// </summary>
public sealed record ConfigureExchange(ExchangeOptions Options) : Command;

/// <summary>Cancels the listed orders of the account; each id gets its own result, in order.</summary>
public sealed record CancelOrders(ObjectId AccountId, IReadOnlyList<ObjectId> OrderIds) : Command;

/// <summary>Cancels every open order of the account that <paramref name="Scope"/> selects (all of them when the scope is empty).</summary>
public sealed record CancelAllOrders(ObjectId AccountId, CancelScope Scope) : Command;

/// <summary>
/// Which open orders a bulk cancel selects; every given criterion must hold. <paramref name="Side"/> is a
/// participant id, over/under or yes/no; <paramref name="League"/> matches case-insensitively.
/// </summary>
public sealed record CancelScope(
    ObjectId? GameId = null,
    MarketType? Type = null,
    string? Side = null,
    string? Market = null,
    string? League = null,
    IReadOnlyList<string>? UserReferences = null)
{
    public static readonly CancelScope Everything = new();
}

/// <summary>
/// The dead-man switch (API §8.8): unless another heartbeat arrives within <paramref name="TimeoutMilliseconds"/>,
/// every open order of the account is cancelled.
/// </summary>
public sealed record Heartbeat(ObjectId AccountId, long TimeoutMilliseconds) : Command;

/// <summary>
/// Cancel-and-replace of a resting order (API §3.2 editOrder): the replacement inherits game,
/// market, side and line. With <paramref name="IntendedVolume"/> (v4) the edit stops after the
/// cancel when the order's remaining stake differs from it by more than $1; with
/// <paramref name="BlockIfNoOtherSideOrders"/> it is refused, cancelling nothing, when no other
/// account rests on the other side.
/// </summary>
public sealed record EditOrder(
    ObjectId AccountId,
    ObjectId OrderId,
    AmericanOdds Odds,
    Money Volume,
    OrderType OrderType,
    string? UserReference,
    int? ExpirationMinutes,
    Money? IntendedVolume,
    bool BlockIfNoOtherSideOrders) : Command;

/// <summary>Cancels every open order of the account and remembers them for <see cref="ResumeOrders"/>.</summary>
public sealed record PauseOrders(ObjectId AccountId) : Command;

/// <summary>Places again, as offers (post), what the last pauses took off the book, with their remaining stakes.</summary>
public sealed record ResumeOrders(ObjectId AccountId) : Command;

/// <summary>
/// Ends a game with its final score (rules §7): cancels its open orders, settles every bet between
/// taker and maker with the taker's commission to the house, and frees the accounts' liability.
/// On a game already graded or voided it regrades: each bet whose settlement changes has the old
/// one reversed in the ledger and the new one applied. The same score again changes nothing.
/// </summary>
public sealed record GradeGame(ObjectId GameId, int AwayScore, int HomeScore) : Command;

/// <summary>Ends a game without a result: every bet is refunded (a graded one has its settlement reversed).</summary>
public sealed record VoidGame(ObjectId GameId) : Command;
