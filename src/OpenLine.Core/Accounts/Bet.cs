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
        Money takerStake, Money makerStake, TakerFigures takerFigures, bool isPostArb, string? takerUserReference, long matchedAt)
    {
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
    public long MatchedAt { get; }
}
