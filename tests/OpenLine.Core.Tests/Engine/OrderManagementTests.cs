namespace OpenLine.Core.Tests;

/// <summary>Bulk cancels, the heartbeat dead-man switch, edit (cancel-and-replace) and pause/resume (API §3.2, §8.8).</summary>
public class OrderManagementTests
{
    [Fact]
    public void Cancelling_several_orders_answers_each_id_in_order()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account owner = x.NewAccount();
        Account other = x.NewAccount();
        Order mine = x.Rest(owner, Orders.Away(game, 150, 20m, OrderType.Post));
        Order theirs = x.Rest(other, Orders.Away(game, 160, 20m, OrderType.Post));

        var result = Assert.IsType<CancelManyResult>(x.Run(new CancelOrders(owner.Id, [mine.Id, theirs.Id, new ObjectId(1, 2), mine.Id])));

        Assert.IsType<CancelResult>(result.Results[0]);
        Assert.Equal(RejectReason.NotYourOrder, Assert.IsType<Rejected>(result.Results[1]).Reason);
        Assert.Equal(RejectReason.UnknownOrder, Assert.IsType<Rejected>(result.Results[2]).Reason);
        Assert.Equal(RejectReason.OrderNotOpen, Assert.IsType<Rejected>(result.Results[3]).Reason);
        Assert.Equal(OrderState.Open, theirs.State);
    }

    [Fact]
    public void A_scoped_cancel_takes_only_the_callers_orders_that_match_every_criterion()
    {
        var x = new TestExchange();
        Game nba = x.NewGame("NBA", "basketball");
        Game nfl = x.NewGame("NFL", "football");
        Account owner = x.NewAccount();
        Account other = x.NewAccount();
        Order ml = x.Rest(owner, Orders.Away(nba, 150, 20m, OrderType.Post) with { UserReference = "a" });
        Order total = x.Rest(owner, Orders.Total("over", nba, 220.5m, 105, 20m, OrderType.Post) with { UserReference = "b" });
        Order football = x.Rest(owner, Orders.Away(nfl, 150, 20m, OrderType.Post));
        Order foreign = x.Rest(other, Orders.Away(nba, 150, 20m, OrderType.Post));

        var byType = (CancelManyResult)x.Run(new CancelAllOrders(owner.Id, new CancelScope(nba.Id, MarketType.Total)));
        var byReference = (CancelManyResult)x.Run(new CancelAllOrders(owner.Id, new CancelScope(nba.Id, UserReferences: ["a", "zzz"])));
        var byLeague = (CancelManyResult)x.Run(new CancelAllOrders(owner.Id, new CancelScope(League: "nfl")));

        Assert.Equal([total.Id], byType.Results.Select(r => ((CancelResult)r).Report.OrderId));
        Assert.Equal([ml.Id], byReference.Results.Select(r => ((CancelResult)r).Report.OrderId));
        Assert.Equal([football.Id], byLeague.Results.Select(r => ((CancelResult)r).Report.OrderId));
        Assert.Equal(OrderState.Open, foreign.State);
        Assert.Equal(RejectReason.UnknownGame, Assert.IsType<Rejected>(x.Run(new CancelAllOrders(owner.Id, new CancelScope(new ObjectId(9, 9))))).Reason);
    }

    [Fact]
    public void A_lapsed_heartbeat_cancels_every_open_order_and_a_timely_one_keeps_them()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account bot = x.NewAccount();
        Order order = x.Rest(bot, Orders.Away(game, 150, 20m, OrderType.Post));

        Assert.IsType<HeartbeatResult>(x.Run(new Heartbeat(bot.Id, 10_000)));
        x.Now += 9_000;
        x.Run(new Heartbeat(bot.Id, 10_000)); // renewed: the first deadline no longer counts
        x.Now += 9_000;
        x.Run(AdvanceTime.Instance);
        Assert.Equal(OrderState.Open, order.State);

        x.Now += 1_001;
        x.Run(AdvanceTime.Instance);

        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal(CancelReason.HeartbeatLapsed, order.CancelReason);
        Assert.Null(x.Engine.HeartbeatDeadline(bot.Id));
        Assert.Equal(RejectReason.InvalidHeartbeat, Assert.IsType<Rejected>(x.Run(new Heartbeat(bot.Id, 0))).Reason);
    }

    [Fact]
    public void An_edit_cancels_the_order_and_places_a_replacement_on_the_same_market_side_and_line()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account owner = x.NewAccount();
        Order order = x.Rest(owner, Orders.Spread(game.Away, game, -3.5m, 110, 100m, OrderType.Post) with { UserReference = "keep" });

        var edit = Assert.IsType<EditResult>(x.Run(new EditOrder(owner.Id, order.Id, AmericanOdds.FromInt32(120), Money.FromDollars(60),
            OrderType.Limit, null, null, null, false)));

        Assert.Equal(Money.FromDollars(100), edit.Cancelled.Remaining);
        var accepted = Assert.IsType<OrderAccepted>(edit.Replacement);
        Assert.NotEqual(order.Id, accepted.Rest!.OrderId);
        Assert.Equal(new LineNumber(-14), accepted.Rest.Number);
        Assert.Equal("keep", accepted.Rest.UserReference);
        Assert.Equal(Money.FromDollars(60), owner.RestingStake);
    }

    [Fact]
    public void The_v4_volume_guard_stops_after_the_cancel_when_the_order_changed_by_more_than_a_dollar()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account owner = x.NewAccount();
        Account taker = x.NewAccount();
        Order order = x.Rest(owner, Orders.Away(game, 100, 100m, OrderType.Post));
        x.Accept(taker, Orders.Home(game, 100, 40m, OrderType.FillAndKill)); // 60 remains

        var stale = Assert.IsType<EditResult>(x.Run(new EditOrder(owner.Id, order.Id, AmericanOdds.FromInt32(110), Money.FromDollars(100),
            OrderType.Limit, null, null, Money.FromDollars(100), false)));

        Assert.Null(stale.Replacement);
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal(Money.Zero, owner.RestingStake);
    }

    [Fact]
    public void An_edit_blocked_for_want_of_other_side_orders_cancels_nothing()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account owner = x.NewAccount();
        Order order = x.Rest(owner, Orders.Away(game, 100, 100m, OrderType.Post));

        var refused = Assert.IsType<Rejected>(x.Run(new EditOrder(owner.Id, order.Id, AmericanOdds.FromInt32(110), Money.FromDollars(100),
            OrderType.Limit, null, null, null, BlockIfNoOtherSideOrders: true)));

        Assert.Equal(RejectReason.NoOtherSideOrders, refused.Reason);
        Assert.Equal(OrderState.Open, order.State);
    }

    [Fact]
    public void Pause_takes_every_order_off_the_book_and_resume_offers_their_remaining_stakes_again()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account owner = x.NewAccount();
        Account taker = x.NewAccount();
        x.Rest(owner, Orders.Away(game, 100, 100m, OrderType.Post));
        x.Rest(owner, Orders.Total("under", game, 210m, 105, 50m, OrderType.Post));
        x.Accept(taker, Orders.Home(game, 100, 30m, OrderType.FillAndKill));

        var paused = Assert.IsType<CancelManyResult>(x.Run(new PauseOrders(owner.Id)));
        Assert.Equal(2, paused.Results.Count);
        Assert.Empty(owner.OpenOrders);
        var resumed = Assert.IsType<PlaceResult>(x.Run(new ResumeOrders(owner.Id)));

        Assert.Equal([Money.FromDollars(70), Money.FromDollars(50)], resumed.Outcomes.Select(o => ((OrderAccepted)o).Rest!.Offered));
        Assert.Equal(2, owner.OpenOrders.Count);
        Assert.Empty(Assert.IsType<PlaceResult>(x.Run(new ResumeOrders(owner.Id))).Outcomes);
    }

    [Fact]
    public void Heartbeats_and_paused_orders_survive_a_snapshot()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account bot = x.NewAccount();
        Account pauser = x.NewAccount();
        x.Rest(bot, Orders.Away(game, 150, 20m, OrderType.Post));
        x.Rest(pauser, Orders.Away(game, 160, 20m, OrderType.Post));
        x.Run(new Heartbeat(bot.Id, 5_000));
        x.Run(new PauseOrders(pauser.Id));
        var output = new BinaryOutput();
        x.Engine.WriteSnapshot(output);

        Exchange restored = Exchange.ReadSnapshot(output.Written);

        Assert.Equal(x.Engine.StateHash(), restored.StateHash());
        var events = new List<ExchangeEvent>();
        restored.Execute(AdvanceTime.Instance, x.Now + 5_000, events);
        Assert.Contains(events, e => e is OrderCancelled { Report.Reason: CancelReason.HeartbeatLapsed });
        var resumed = (PlaceResult)restored.Execute(new ResumeOrders(pauser.Id), x.Now + 5_000, events);
        Assert.IsType<OrderAccepted>(Assert.Single(resumed.Outcomes));
    }
}
