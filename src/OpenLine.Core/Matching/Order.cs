namespace OpenLine.Core;

/// <summary>
/// A resting order ("session" in the 4casters API): the part of an input order that went onto the
/// book. Owned and mutated only by the engine; readers see it on the sequencer thread.
/// </summary>
public sealed class Order
{
    internal Order(
        ObjectId id, ObjectId wagerRequestId, Account owner, OrderBook book, int side, AmericanOdds odds,
        Money stake, long createdAt, long? expiresAt, bool gameStartExpiry, bool placedLive, bool isPostArb,
        string? userReference, ulong priority)
    {
        Id = id;
        WagerRequestId = wagerRequestId;
        Owner = owner;
        Book = book;
        Side = side;
        Odds = odds;
        Offered = stake;
        Remaining = stake;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        GameStartExpiry = gameStartExpiry;
        PlacedLive = placedLive;
        IsPostArb = isPostArb;
        UserReference = userReference;
        Priority = priority;
    }

    public ObjectId Id { get; }
    public ObjectId WagerRequestId { get; }
    public Account Owner { get; }
    public OrderBook Book { get; }
    public Game Game => Book.Game;

    /// <summary>0 = away / over / yes; 1 = home / under / no (see <see cref="BookKey"/>).</summary>
    public int Side { get; }

    /// <summary>The maker's own price.</summary>
    public AmericanOdds Odds { get; }

    /// <summary>The stake that went onto the book.</summary>
    public Money Offered { get; }

    /// <summary>Stake still resting.</summary>
    public Money Remaining { get; internal set; }

    /// <summary>Stake matched so far (Σ maker stakes of its fills).</summary>
    public Money Filled { get; internal set; }

    /// <summary>Stake released without a fill when a fill left less than a cent.</summary>
    public Money Released { get; internal set; }

    public long CreatedAt { get; }
    public long? ExpiresAt { get; }
    public bool GameStartExpiry { get; }
    public bool PlacedLive { get; }
    public bool IsPostArb { get; }
    public string? UserReference { get; }

    /// <summary>Where the order came from (API §4.9).</summary>
    public Platform Platform { get; internal set; }

    /// <summary>Time priority: lower came first.</summary>
    public ulong Priority { get; }

    public OrderState State { get; internal set; }
    public CancelReason? CancelReason { get; internal set; }
    public long? ClosedAt { get; internal set; }

    /// <summary>
    /// When the order goes at the latest (rules §6): a pre-game order at the game start, or at its own
    /// expiry if sooner; an order placed live at its own expiry.
    /// </summary>
    public long? EffectiveExpiresAt =>
        GameStartExpiry || (!PlacedLive && ExpiresAt > Game.StartsAt) ? Game.StartsAt : ExpiresAt;

    /// <summary><c>filled / offered</c>, in [0, 1].</summary>
    public decimal TakenRatio => Offered.IsZero ? 0 : Filled.ToDecimal() / Offered.ToDecimal();

    // Its price level, and its places in that level's queue and in its owner's open orders (OrderList).
    internal PriceLevel? Level;
    internal OrderLinks LevelLinks;
    internal OrderLinks OwnerLinks;

    /// <summary>The next order in its price level's queue (time priority), if any.</summary>
    internal Order? Next => LevelLinks.Next;
}
