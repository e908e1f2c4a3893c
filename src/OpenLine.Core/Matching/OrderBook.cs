namespace OpenLine.Core;

/// <summary>
/// One two-sided market line of a game (a moneyline, one spread or total line, or one 1x2
/// outcome). Side 0 matches only side 1, with price-time priority.
/// </summary>
public sealed class OrderBook
{
    private readonly BookSide[] _sides = [new BookSide(), new BookSide()];

    internal OrderBook(Game game, BookKey key)
    {
        Game = game;
        Key = key;
    }

    public Game Game { get; }
    public BookKey Key { get; }
    public MarketType Type => Key.Type;

    public BookSide Side(int side) => _sides[side];

    internal void Add(Order order) => _sides[order.Side].Add(order);

    internal void Remove(Order order) => _sides[order.Side].Remove(order);

    /// <summary>The number an order on <paramref name="side"/> carries, from its own point of view (null for moneyline/1x2).</summary>
    public LineNumber? NumberFor(int side) => Key.Type switch
    {
        MarketType.Spread => side == 0 ? new LineNumber(Key.Line) : new LineNumber(-Key.Line),
        MarketType.Total => new LineNumber(Key.Line),
        _ => null,
    };
}
