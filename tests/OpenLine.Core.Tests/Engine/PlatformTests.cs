namespace OpenLine.Core.Tests;

// Where an order came from (API §4.9 platform): the adapter sets it on the request; the engine keeps it on
// the order and on the taker's side of each bet, through edits, pauses, the live delay, the journal and
// snapshots, and it changes nothing else.
public class PlatformTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _maker;
    private readonly Account _taker;

    public PlatformTests()
    {
        _game = _x.NewGame();
        _maker = _x.NewAccount(name: "maker");
        _taker = _x.NewAccount(name: "taker");
    }

    private static OrderRequest Web(OrderRequest request) => request with { Platform = Platform.Web };

    [Fact]
    public void A_web_order_rests_as_web_and_its_fills_keep_each_sides_platform()
    {
        Order resting = _x.Rest(_maker, Web(Orders.Away(_game, 150, 100m)));
        Bet bet = _x.Engine.Bets[Assert.Single(_x.Accept(_taker, Orders.Home(_game, -150, 15m)).Fills).TxId];

        Assert.Equal(Platform.Web, resting.Platform);
        Assert.Equal(Platform.Api, bet.TakerPlatform);
        Assert.Same(resting, bet.MakerOrder);
    }

    [Fact]
    public void An_edit_and_a_pause_and_resume_keep_where_the_order_came_from()
    {
        Order order = _x.Rest(_maker, Web(Orders.Away(_game, 150, 100m)));
        var edit = Assert.IsType<EditResult>(_x.Run(new EditOrder(_maker.Id, order.Id, AmericanOdds.FromInt32(160), Money.FromDollars(50),
            OrderType.Limit, null, null, null, false)));
        Order edited = _x.Engine.Orders[Assert.IsType<OrderAccepted>(edit.Replacement).Rest!.OrderId];

        Assert.IsType<CancelManyResult>(_x.Run(new PauseOrders(_maker.Id)));
        PlaceResult resumed = Assert.IsType<PlaceResult>(_x.Run(new ResumeOrders(_maker.Id)));

        Assert.Equal(Platform.Web, edited.Platform);
        Assert.Equal(Platform.Web, _x.Engine.Orders[Assert.IsType<OrderAccepted>(Assert.Single(resumed.Outcomes)).Rest!.OrderId].Platform);
    }

    [Fact]
    public void A_place_from_the_api_keeps_the_released_journal_layout_and_one_with_a_web_order_carries_the_platforms()
    {
        OrderRequest api = Orders.Away(_game, 150, 100m);
        var apiOnly = new PlaceOrders(_maker.Id, [api, api]);
        var mixed = new PlaceOrders(_maker.Id, [api, Web(api)], "key-1");

        byte[] apiBytes = CommandCodec.Encode(apiOnly);
        byte[] mixedBytes = CommandCodec.Encode(mixed);

        Assert.Equal(7, apiBytes[0]); // tag 7, byte for byte as before platforms existed
        Assert.Equal(21, mixedBytes[0]);
        Assert.Equal([0, 1], mixedBytes[^2..]);
        var decoded = Assert.IsType<PlaceOrders>(CommandCodec.Read(mixedBytes));
        Assert.Equal([Platform.Api, Platform.Web], decoded.Orders.Select(o => o.Platform));
        Assert.Equal("key-1", decoded.IdempotencyKey);
        Assert.Equal(apiBytes, CommandCodec.Encode(Assert.IsType<PlaceOrders>(CommandCodec.Read(apiBytes))));
        // One encoding per command: the platforms layout naming only api is refused.
        byte[] noncanonical = [21, .. apiBytes[1..], 0, 0];
        Assert.Throws<FormatException>(() => CommandCodec.Read(noncanonical));
    }

    [Fact]
    public void Platforms_survive_a_snapshot_and_a_held_live_order_keeps_its_own()
    {
        Game live = _x.NewGame("NFL", "football");
        _x.SetLive(live);
        _x.Rest(_maker, Web(Orders.Away(_game, 150, 100m)));
        _x.Accept(_taker, Web(Orders.Home(_game, -150, 15m)));
        _x.Rest(_maker, Orders.Home(live, 120, 50m));
        OrderHeld held = _x.Hold(_taker, Web(Orders.Away(live, -120, 12m)));

        Exchange restored = Exchange.ReadSnapshot(Twin.Snapshot(_x.Engine));

        Assert.Equal(_x.Engine.StateHash(), restored.StateHash());
        Assert.Equal(Platform.Web, Assert.Single(restored.Bets.Values, b => b.Game.Id == _game.Id).TakerPlatform);
        Assert.Single(restored.Orders.Values, o => o.Platform == Platform.Web);
        var events = new List<ExchangeEvent>();
        restored.Execute(AdvanceTime.Instance, held.ReleaseAt, events);
        ObjectId txId = Assert.Single(events.OfType<OrderFilled>()).TxId;
        Assert.Equal(Platform.Web, restored.Bets[txId].TakerPlatform);
    }
}
