namespace OpenLine.Core;

/// <summary>
/// A game: two participants (away first, then home), a league and sport, a start time and a live
/// flag, and the order books of its markets. Times are Unix milliseconds.
/// </summary>
public sealed class Game
{
    private readonly Dictionary<BookKey, OrderBook> _books = [];
    private readonly List<Bet> _bets = [];

    internal Game(ObjectId id, string league, string sport, long startsAt, string? eventName, Participant away, Participant home, long createdAt)
    {
        Id = id;
        League = league;
        Sport = sport;
        StartsAt = startsAt;
        EventName = eventName;
        Away = away;
        Home = home;
        CreatedAt = createdAt;
    }

    public ObjectId Id { get; }
    public string League { get; }
    public string Sport { get; }
    public long StartsAt { get; }
    public string? EventName { get; }
    public Participant Away { get; }
    public Participant Home { get; }
    public long CreatedAt { get; }

    /// <summary>Marked in play by the operator.</summary>
    public bool Live { get; internal set; }

    /// <summary>The start time has passed (set by the engine when it processes the start).</summary>
    public bool Started { get; internal set; }

    /// <summary>Graded or voided; takes no orders ever again.</summary>
    public bool Ended { get; internal set; }

    /// <summary>The final score the game was graded on; null while ungraded or when voided.</summary>
    public FinalScore? Score { get; internal set; }

    /// <summary>The operator voided the game: every bet was refunded.</summary>
    public bool Voided { get; internal set; }

    /// <summary>How many times the game's settlement was corrected: regraded with another score, or voided after a result (or graded after a void).</summary>
    public int Corrections { get; internal set; }

    /// <summary>When the game was last graded or voided (Unix ms); 0 before.</summary>
    public long SettledAt { get; internal set; }

    /// <summary>Every bet matched on this game, oldest first.</summary>
    public IReadOnlyList<Bet> Bets => _bets;

    /// <summary>Σ (taker stake + maker stake) of every fill on this game.</summary>
    public Money MatchedVolume { get; internal set; }

    /// <summary>True when 1x2 markets exist (soccer only, rules §3).</summary>
    public bool HasThreeWay => string.Equals(Sport, "soccer", StringComparison.OrdinalIgnoreCase);

    /// <summary>Rules §6: open while not started, or while marked live; never once ended.</summary>
    public bool IsOpen => !Ended && (Live || !Started);

    /// <summary>Every book of this game, in a stable order (market type, then line).</summary>
    public IEnumerable<OrderBook> Books => _books.Values.OrderBy(b => b.Key.Type).ThenBy(b => b.Key.Line);

    internal int BookCount => _books.Count;

    internal void AddBet(Bet bet) => _bets.Add(bet);

    internal OrderBook GetOrCreateBook(BookKey key)
    {
        if (!_books.TryGetValue(key, out OrderBook? book))
        {
            book = new OrderBook(this, key);
            _books.Add(key, book);
        }
        return book;
    }

    public bool TryGetBook(BookKey key, out OrderBook? book) => _books.TryGetValue(key, out book);

    public Participant? FindParticipant(ObjectId id) =>
        Away.Id == id ? Away : Home.Id == id ? Home : null;
}
