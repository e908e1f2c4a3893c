namespace OpenLine.Core;

/// <summary>
/// One fill: a taker's stake <see cref="TakerStake"/> (A) against a resting order's stake
/// <see cref="MakerStake"/> (G), at the maker's price. The taker holds <see cref="TakerOdds"/>
/// (= −maker odds) on the other side of the book.
/// </summary>
public sealed class Bet
{
    internal Bet(
        ObjectId txId, Order makerOrder, Account taker, ObjectId takerWagerRequestId, int takerSide,
        Money takerStake, Money makerStake, TakerFigures takerFigures, bool isPostArb, string? takerUserReference, long matchedAt,
        CommissionRate takerCommission)
    {
        TakerCommission = takerCommission;
        TxId = txId;
        MakerOrder = makerOrder;
        Taker = taker;
        TakerWagerRequestId = takerWagerRequestId;
        TakerSide = takerSide;
        TakerStake = takerStake;
        MakerStake = makerStake;
        TakerFigures = takerFigures;
        IsPostArb = isPostArb;
        TakerUserReference = takerUserReference;
        MatchedAt = matchedAt;
    }

    public ObjectId TxId { get; }
    public Order MakerOrder { get; }
    public Account Maker => MakerOrder.Owner;
    public Account Taker { get; }
    public ObjectId TakerWagerRequestId { get; }
    public int TakerSide { get; }
    public OrderBook Book => MakerOrder.Book;
    public Game Game => MakerOrder.Game;

    /// <summary>The taker's price: the maker's odds, countered.</summary>
    public AmericanOdds TakerOdds => MakerOrder.Odds.Counter;
    public AmericanOdds MakerOdds => MakerOrder.Odds;

    /// <summary>A: the taker's matched stake, excluding commission.</summary>
    public Money TakerStake { get; }

    /// <summary>G: the maker's matched stake = the taker's win before commission.</summary>
    public Money MakerStake { get; }

    public TakerFigures TakerFigures { get; }

    /// <summary>The taker was a postArb order: no taker commission.</summary>
    public bool IsPostArb { get; }
    public string? TakerUserReference { get; }

    /// <summary>Where the taker's order came from (API §4.9); the maker's is <see cref="Order.Platform"/> of <see cref="MakerOrder"/>.</summary>
    public Platform TakerPlatform { get; internal set; }
    public long MatchedAt { get; }

    /// <summary>The taker's commission rate when the bet matched (zero for a postArb fill); grading charges it.</summary>
    public CommissionRate TakerCommission { get; private set; }

    internal void RestoreCommission(CommissionRate rate) => TakerCommission = rate;

    /// <summary>How the bet settled, or null while its game is ungraded.</summary>
    public BetSettlement? Settlement { get; internal set; }

    /// <summary>The bet was refunded by the operator voiding its game (API §4.9 <c>adminRefund</c>).</summary>
    public bool AdminRefund { get; internal set; }

    /// <summary>When the bet was last settled, regraded or voided (Unix ms); 0 while ungraded.</summary>
    public long SettledAt { get; internal set; }

    /// <summary>Increases every time any bet is (re)settled: the order of graded-since pages.</summary>
    public ulong SettleSequence { get; internal set; }

    public bool IsGraded => Settlement is not null;

    /// <summary>The ledger entries of the current settlement: <see cref="EntryCount"/> entries from <see cref="FirstEntry"/>.</summary>
    internal long FirstEntry { get; set; }
    internal int EntryCount { get; set; }

    /// <summary>The taker's or the maker's result of the current settlement, from <paramref name="account"/>'s side.</summary>
    public Money ResultFor(Account account) =>
        Settlement is not { } s ? Money.Zero : account == Taker ? s.TakerDelta : s.MakerDelta;
}
