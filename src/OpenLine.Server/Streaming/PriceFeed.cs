using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenLine.Core;
using OpenLine.Server.Api;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Streaming;

/// <summary>
/// The price feed (API §6.4): <c>["orderUpdate", …]</c> with the full taker-facing ladder of every
/// book side a batch changed, <c>["gameUpdate", …]</c> when a game is created or changes state, and
/// <c>["matchedVolumeUpdate", …]</c> after fills. A game that ends (graded or voided) gets a
/// <c>gameUpdate</c> with <c>marketClosed</c>, its final score on the participants, and an
/// <c>orderUpdate</c> per book side its closing cancels emptied; a regrade sends a new <c>gameUpdate</c>. Each message is rendered once on the engine
/// thread and queued to every subscriber whose subscription routes it (never waiting on one).
/// </summary>
public sealed class PriceFeed : IEventSink
{
    private readonly ConcurrentDictionary<SocketConnection, PriceSubscriber> _subscribers = new();
    private readonly Dictionary<ObjectId, long> _epochs = [];
    private Exchange? _engine;

    public void Restore(Exchange engine) => _engine = engine;

    public void Add(SocketConnection connection, PriceSubscriber subscriber) => _subscribers[connection] = subscriber;

    public void Remove(SocketConnection connection) => _subscribers.TryRemove(connection, out _);

    public int SubscriberCount => _subscribers.Count;

    public void Apply(IReadOnlyList<ExchangeEvent> events)
    {
        if (_engine is not { } engine || _subscribers.IsEmpty)
        {
            return; // nobody listens (and during recovery nobody can): nothing to render
        }
        var changedSides = new HashSet<(ObjectId Game, BookKey Key, int TakerSide)>();
        var changedGames = new List<ObjectId>();
        var volumeGames = new HashSet<ObjectId>();
        foreach (ExchangeEvent e in events)
        {
            switch (e)
            {
                case OrderRested rested when engine.Orders.TryGetValue(rested.OrderId, out Order? order):
                    changedSides.Add((order.Game.Id, order.Book.Key, 1 - order.Side));
                    break;
                case OrderCancelled cancelled when engine.Orders.TryGetValue(cancelled.Report.OrderId, out Order? order):
                    changedSides.Add((order.Game.Id, order.Book.Key, 1 - order.Side));
                    break;
                case OrderFilled filled when engine.Orders.TryGetValue(filled.MakerOrderId, out Order? maker):
                    changedSides.Add((maker.Game.Id, maker.Book.Key, 1 - maker.Side));
                    volumeGames.Add(maker.Game.Id);
                    break;
                case GameCreated created:
                    changedGames.Add(created.GameId);
                    break;
                case GameChanged changed:
                    changedGames.Add(changed.GameId);
                    break;
                case GameGraded graded:
                    // A regrade or a void of an ended game changes no state flag, only the score the game shows.
                    changedGames.Add(graded.GameId);
                    break;
            }
        }
        foreach ((ObjectId gameId, BookKey key, int takerSide) in changedSides)
        {
            Game game = engine.Games[gameId];
            if (game.TryGetBook(key, out OrderBook? book))
            {
                Broadcast(game, "orderUpdate", OrderUpdate(game, book!, takerSide));
            }
        }
        foreach (ObjectId gameId in changedGames.Distinct())
        {
            Game game = engine.Games[gameId];
            // The full rendered game with its nested book, plus why it was sent.
            var rendered = (JsonObject)JsonSerializer.SerializeToNode(NestedBooks.Game(game, null), WireJson.Options)!;
            rendered["messageType"] = game.IsOpen ? "marketOpen" : "marketClosed";
            Broadcast(game, "gameUpdate", rendered);
        }
        foreach (ObjectId gameId in volumeGames)
        {
            Game game = engine.Games[gameId];
            Broadcast(game, "matchedVolumeUpdate", new MatchedVolumeUpdateDto(game.Id.ToString(), null, game.League, game.Sport, Wire.Amount(game.MatchedVolume)));
        }
    }

    private OrderUpdateDto OrderUpdate(Game game, OrderBook book, int takerSide)
    {
        long epoch = _epochs[game.Id] = _epochs.GetValueOrDefault(game.Id) + 1;
        int restingSide = 1 - takerSide;
        var ladder = new List<OrderbookOrderDto>();
        foreach (PriceLevel level in book.Side(restingSide).LevelsBestFirst)
        {
            foreach (Order order in level.Orders)
            {
                ladder.Add(Views.BookEntry(order, takerSide, caller: null));
            }
        }
        MainLines main = MainLines.Of(game);
        LineNumber? number = book.NumberFor(takerSide);
        bool threeWay = book.Type == MarketType.Moneyline1x2;
        return new OrderUpdateDto(
            epoch, game.Id.ToString(), null, game.Sport, game.League, game.Live, book.Type.ToWire(),
            book.Type switch
            {
                MarketType.Moneyline or MarketType.Spread => (takerSide == 0 ? game.Away : game.Home).Id.ToString(),
                MarketType.Moneyline1x2 => "",
                _ => null,
            },
            threeWay ? Exchange.MarketToken(book)! : "main",
            book.Type switch
            {
                MarketType.Total => takerSide == 0 ? "over" : "under",
                MarketType.Moneyline1x2 => takerSide == 0 ? "yes" : "no",
                _ => null,
            },
            book.Type == MarketType.Total ? (takerSide == 0 ? "over" : "under") : null,
            book.Type == MarketType.Total ? Wire.Number(number) : null,
            book.Type == MarketType.Spread ? Wire.Number(number) : null,
            main.HomeSpread, main.AwaySpread, main.Total, ladder);
    }

    private void Broadcast(Game game, string type, object payload)
    {
        byte[] message = JsonSerializer.SerializeToUtf8Bytes(new object[] { type, payload }, WireJson.Options);
        foreach ((SocketConnection connection, PriceSubscriber subscriber) in _subscribers)
        {
            if (subscriber.Wants(game.Id.ToString(), game.League, game.Sport))
            {
                connection.Send(message);
            }
        }
    }
}

/// <summary>
/// A price-feed connection's routing (API §6.4): everything by default; after a subscribe with
/// <c>replace</c> (or any subscribe), only updates whose game, league or sport is listed. The state
/// is swapped whole, so the engine thread always reads a consistent one.
/// </summary>
public sealed class PriceSubscriber
{
    private volatile Routing _routing = Routing.Everything;

    private sealed record Routing(bool All, IReadOnlySet<string> Games, IReadOnlySet<string> Leagues, IReadOnlySet<string> Sports)
    {
        public static readonly Routing Everything = new(true, Empty(), Empty(), Empty());

        public static HashSet<string> Empty() => new(StringComparer.OrdinalIgnoreCase);
    }

    public bool Wants(string gameId, string league, string sport)
    {
        Routing routing = _routing;
        return routing.All || routing.Games.Contains(gameId) || routing.Leagues.Contains(league) || routing.Sports.Contains(sport);
    }

    public void Subscribe(IEnumerable<string> games, IEnumerable<string> leagues, IEnumerable<string> sports, bool replace)
    {
        Routing current = _routing;
        HashSet<string> g = replace || current.All ? Routing.Empty() : new(current.Games, StringComparer.OrdinalIgnoreCase);
        HashSet<string> l = replace || current.All ? Routing.Empty() : new(current.Leagues, StringComparer.OrdinalIgnoreCase);
        HashSet<string> s = replace || current.All ? Routing.Empty() : new(current.Sports, StringComparer.OrdinalIgnoreCase);
        int added = Add(g, games) + Add(l, leagues) + Add(s, sports);
        if (!replace && added == 0)
        {
            return; // replace:false with nothing to add is a no-op
        }
        _routing = new Routing(false, g, l, s);
    }

    public void Unsubscribe(IEnumerable<string> games, IEnumerable<string> leagues, IEnumerable<string> sports)
    {
        Routing current = _routing;
        var g = new HashSet<string>(current.Games, StringComparer.OrdinalIgnoreCase);
        var l = new HashSet<string>(current.Leagues, StringComparer.OrdinalIgnoreCase);
        var s = new HashSet<string>(current.Sports, StringComparer.OrdinalIgnoreCase);
        g.ExceptWith(games);
        l.ExceptWith(leagues);
        s.ExceptWith(sports);
        _routing = current with { Games = g, Leagues = l, Sports = s }; // the mode stays as it was
    }

    public void SubscribeAll() => _routing = Routing.Everything;

    private static int Add(HashSet<string> set, IEnumerable<string> values)
    {
        int added = 0;
        foreach (string value in values)
        {
            if (!string.IsNullOrEmpty(value) && set.Add(value))
            {
                added++;
            }
        }
        return added;
    }
}

/// <summary>One changed book side, as a full replacement ladder of taker-facing orders.</summary>
public sealed record OrderUpdateDto(
    long Epoch,
    [property: JsonPropertyName("gameID")] string GameID,
    [property: JsonPropertyName("parentGameID")] string? ParentGameID,
    string Sport,
    string League,
    bool Live,
    string Type,
    [property: JsonPropertyName("participantID")] string? ParticipantID,
    string Market,
    string? Side,
    [property: JsonPropertyName("OU")] string? OU,
    decimal? Total,
    decimal? Spread,
    decimal? MainHomeSpread,
    decimal? MainAwaySpread,
    decimal? MainTotal,
    IReadOnlyList<OrderbookOrderDto> SideOrders);

public sealed record MatchedVolumeUpdateDto(
    [property: JsonPropertyName("gameID")] string GameID,
    [property: JsonPropertyName("parentGameID")] string? ParentGameID,
    string League,
    string Sport,
    decimal MatchedVolume);
