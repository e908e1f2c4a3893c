using BenchmarkDotNet.Attributes;
using OpenLine.Core;

namespace OpenLine.Benchmarks.Engine;

/// <summary>
/// The engine's three basic operations on one moneyline book holding <see cref="Depth"/> resting
/// orders spread over 50 price levels, in steady state: each benchmark leaves the book as it found it.
/// Time is a value (one fixed instant), so no timers fire.
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private const long Now = 1_800_000_000_000;

    private readonly List<ExchangeEvent> _events = [];
    private Exchange _engine = null!;
    private ObjectId _maker;
    private ObjectId _taker;
    private PlaceOrders _rest = null!;
    private PlaceOrders _take = null!;
    private PlaceOrders _replenish = null!;

    [Params(1_000)]
    public int Depth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Exchange();
        _maker = Account("maker");
        _taker = Account("taker");
        var game = (GameResult)_engine.Execute(new CreateGame("NBA", "basketball", Now + 86_400_000, null,
            new ParticipantSpec("Away", "A"), new ParticipantSpec("Home", "H")), Now, _events);
        string away = game.Game.Away.Id.ToString();
        string home = game.Game.Home.Id.ToString();
        for (int i = 0; i < Depth; i++)
        {
            // Makers back home at +150 … +199; takers of the away side see −150 … −199.
            Place(_maker, new OrderRequest(game.Game.Id, MarketType.Moneyline, home, null, AmericanOdds.FromInt32(150 + (i % 50)),
                Money.FromDollars(100), null, OrderType.Post, null, null));
        }
        _rest = new PlaceOrders(_taker, [new OrderRequest(game.Game.Id, MarketType.Moneyline, away, null, AmericanOdds.FromInt32(300),
            Money.FromDollars(50), null, OrderType.Post, null, null)]);
        _take = new PlaceOrders(_taker, [new OrderRequest(game.Game.Id, MarketType.Moneyline, away, null, AmericanOdds.FromInt32(-150),
            Money.FromDollars(150), null, OrderType.FillAndKill, null, null)]);
        _replenish = new PlaceOrders(_maker, [new OrderRequest(game.Game.Id, MarketType.Moneyline, home, null, AmericanOdds.FromInt32(150),
            Money.FromDollars(100), null, OrderType.Post, null, null)]);
    }

    /// <summary>Place an order that rests (crosses nothing), then cancel it.</summary>
    [Benchmark]
    public CommandResult Place_rest_then_cancel()
    {
        var placed = (OrderAccepted)((PlaceResult)Execute(_rest)).Outcomes[0];
        return Execute(new CancelOrder(_taker, placed.Rest!.OrderId));
    }

    /// <summary>Take one whole resting order at the best price, then put an identical one back.</summary>
    [Benchmark]
    public CommandResult Place_match_then_replenish()
    {
        Execute(_take);
        return Execute(_replenish);
    }

    private ObjectId Account(string name) =>
        ((AccountResult)_engine.Execute(new CreateAccount(name, "-", Money.FromDollars(1_000_000_000), Money.Zero, CommissionRate.OnePercent), Now, _events)).Account.Id;

    private void Place(ObjectId account, OrderRequest order) => Execute(new PlaceOrders(account, [order]));

    private CommandResult Execute(Command command)
    {
        _events.Clear();
        return _engine.Execute(command, Now, _events);
    }
}
