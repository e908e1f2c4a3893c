using OpenLine.Benchmarks.Flow;
using OpenLine.Core;

namespace OpenLine.Benchmarks.Scale;

/// <summary>
/// The state a scale level measures: an <see cref="Exchange"/> with 1,000 funded accounts and
/// <c>games</c> NBA games (time stands still a day before they start, as in <see cref="FlowEngine"/>),
/// and the harness's own list of the orders it believes rest, so a cancel can name one. Orders rest
/// on the flow's ticks (<see cref="FlowMarket"/>): backs of the away side at 960–999 and of the home
/// side at 1001–1040, 80 price levels per market that never cross each other; a taker crosses
/// every level of the other side and takes from the best.
/// </summary>
public sealed class ScaleBook
{
    public const int Accounts = 1_000;

    private readonly List<ExchangeEvent> _events = new(64);
    private readonly ObjectId[] _accounts = new ObjectId[Accounts];
    private readonly (ObjectId Game, string Away, string Home)[] _games;
    private readonly List<(ObjectId Order, ObjectId Account)> _resting = [];
    private readonly Dictionary<ObjectId, int> _index = [];
    private readonly Random _random;

    public ScaleBook(int games, int seed)
    {
        _random = new Random(seed);
        Exchange = new Exchange(FlowEngine.Options());
        for (int i = 0; i < Accounts; i++)
        {
            var created = (AccountResult)Execute(new CreateAccount($"scale-{i:D5}", "-", Money.FromDollars(1_000_000_000), Money.Zero, CommissionRate.OnePercent));
            _accounts[i] = created.Account.Id;
        }
        _games = new (ObjectId, string, string)[games];
        for (int i = 0; i < games; i++)
        {
            var game = (GameResult)Execute(new CreateGame("NBA", "basketball", FlowEngine.Now + 86_400_000, null,
                new ParticipantSpec($"Away {i}", "AWY"), new ParticipantSpec($"Home {i}", "HOM")));
            _games[i] = (game.Game.Id, game.Game.Away.Id.ToString(), game.Game.Home.Id.ToString());
        }
    }

    public Exchange Exchange { get; }

    /// <summary>Orders the harness believes rest (fills it saw in the events are taken off).</summary>
    public int Resting => _resting.Count;

    /// <summary>Fills seen so far.</summary>
    public long Fills { get; private set; }

    // Deterministic by design: the same seed builds the same state and runs the same mix (CA5394 is about security).
#pragma warning disable CA5394
    /// <summary>A one-order place of a limit order that rests: a random account, game, side, level and stake ($10–$200).</summary>
    public PlaceOrders NextRest(int gameIndex)
    {
        bool away = _random.Next(2) == 0;
        int tick = away ? 999 - _random.Next(40) : 1001 + _random.Next(40);
        return Place(gameIndex, away, tick, _random.Next(10, 201), OrderType.Limit);
    }

    /// <summary>A fill-and-kill taker of $10–$100 on a random side that crosses every level of the other side.</summary>
    public PlaceOrders NextMatch(int gameIndex)
    {
        bool away = _random.Next(2) == 0;
        return Place(gameIndex, away, away ? 1040 : 960, _random.Next(10, 101), OrderType.FillAndKill);
    }

    /// <summary>A cancel of a random order the harness believes rests (it is taken off the list).</summary>
    public CancelOrder NextCancel()
    {
        (ObjectId order, ObjectId account) = _resting[_random.Next(_resting.Count)];
        Forget(order);
        return new CancelOrder(account, order);
    }

    public int NextGame() => _random.Next(_games.Length);

    public double NextDouble() => _random.NextDouble();
#pragma warning restore CA5394

    /// <summary>Runs a command untimed (setup).</summary>
    public CommandResult Execute(Command command)
    {
        _events.Clear();
        CommandResult result = Exchange.Execute(command, FlowEngine.Now, _events);
        Observe(command, result, _events);
        return result;
    }

    /// <summary>Notes what a place or fill did to the book: a resting order is added, a maker filled to nothing is taken off.</summary>
    public void Observe(Command command, CommandResult result, List<ExchangeEvent> events)
    {
        if (command is PlaceOrders place && result is PlaceResult { Outcomes: [OrderAccepted { Rest: { } rest }] })
        {
            _index[rest.OrderId] = _resting.Count;
            _resting.Add((rest.OrderId, place.AccountId));
        }
        foreach (ExchangeEvent e in events)
        {
            if (e is OrderFilled filled)
            {
                Fills++;
                if (filled.MakerRemaining < Money.OneCent)
                {
                    Forget(filled.MakerOrderId);
                }
            }
        }
    }

    private void Forget(ObjectId order)
    {
        if (!_index.Remove(order, out int at))
        {
            return;
        }
        (ObjectId Order, ObjectId Account) last = _resting[^1];
        _resting[at] = last;
        _resting.RemoveAt(_resting.Count - 1);
        if (last.Order != order)
        {
            _index[last.Order] = at;
        }
    }

    private PlaceOrders Place(int gameIndex, bool away, int tick, int dollars, OrderType type)
    {
        (ObjectId game, string awaySide, string homeSide) = _games[gameIndex];
        FlowSide side = away ? FlowSide.Buy : FlowSide.Sell;
#pragma warning disable CA5394
        ObjectId account = _accounts[_random.Next(Accounts)];
#pragma warning restore CA5394
        var request = new OrderRequest(game, MarketType.Moneyline, away ? awaySide : homeSide, null,
            FlowMarket.Odds(side, tick), Money.FromDollars(dollars), null, type, null, null);
        return new PlaceOrders(account, [request]);
    }
}
