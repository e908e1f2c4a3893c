namespace OpenLine.Core.Tests;

// Rules §6 / API §8.6: on a live game an order that would fill is held for the league's delay,
// then processed as if it had just arrived.
public class LiveDelayTests
{
    private readonly TestExchange _x = new();
    private readonly Account _maker;
    private readonly Account _taker;

    public LiveDelayTests()
    {
        _maker = _x.NewAccount(10_000m);
        _taker = _x.NewAccount(10_000m);
    }

    private Game LiveGame(string league = "NBA")
    {
        Game game = _x.NewGame(league, "sport");
        _x.SetLive(game);
        return game;
    }

    [Theory]
    [InlineData("NBA", 5_000)]
    [InlineData("NCAAB", 5_000)]
    [InlineData("NFL", 3_000)]
    [InlineData("UFCMMA", 3_000)]
    [InlineData("NCAAF", 3_000)]
    [InlineData("ATP", 8_000)]
    [InlineData("WTA", 8_000)]
    [InlineData("EPL", 10_000)]
    [InlineData("nba", 5_000)]
    public void Order_that_would_fill_is_held_for_the_league_delay(string league, long delay)
    {
        Game game = LiveGame(league);
        _x.Rest(_maker, Orders.Home(game, 110, 100m));

        OrderHeld held = _x.Hold(_taker, Orders.Away(game, -110, 50m));

        Assert.Equal(_x.Now + delay, held.ReleaseAt);
    }

    [Fact]
    public void Held_order_is_invisible_and_reserves_nothing_until_released()
    {
        Game game = LiveGame();
        Order resting = _x.Rest(_maker, Orders.Home(game, 110, 100m));
        int events = _x.Events.Count;

        _x.Hold(_taker, Orders.Away(game, -110, 50m));

        Assert.Equal(events, _x.Events.Count);
        Assert.Equal(Money.Zero, _taker.Liability);
        Assert.Empty(_taker.OpenOrders);
        Assert.Equal(Orders.Usd(100m), resting.Remaining);
        Assert.Empty(_x.Engine.Bets);
    }

    [Fact]
    public void Held_order_is_resolved_by_the_first_command_at_or_after_its_release()
    {
        Game game = LiveGame();
        Order resting = _x.Rest(_maker, Orders.Home(game, 110, 100m));
        OrderHeld held = _x.Hold(_taker, Orders.Away(game, -110, 50m));

        _x.Advance(4_999);
        Assert.Empty(_x.EventsOf<HeldOrderResolved>());

        _x.Advance(1);
        HeldOrderResolved resolved = Assert.Single(_x.EventsOf<HeldOrderResolved>());
        Assert.Equal(held.HoldId, resolved.HoldId);
        Assert.Equal(held.ReleaseAt, resolved.At);
        Assert.Equal(_taker.Id, resolved.AccountId);
        OrderAccepted accepted = Assert.IsType<OrderAccepted>(resolved.Outcome);
        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Equal(Orders.Usd(50m), fill.Amount);
        Assert.Equal((uint)(held.ReleaseAt / 1000), fill.TxId.Seconds);
    }

    [Fact]
    public void Held_order_is_released_before_a_later_command_is_applied()
    {
        Game game = LiveGame();
        _x.Rest(_maker, Orders.Home(game, 110, 100m));
        _x.Hold(_taker, Orders.Away(game, -110, 110m));
        _x.Now += 20_000;

        // The held order took all the liquidity first, so this one has nothing to take.
        OrderRejected rejected = _x.Reject(_x.NewAccount(), Orders.Away(game, -110, 50m, OrderType.FillAndKill));

        Assert.Equal(RejectReason.FillAndKillNoMatch, rejected.Reason);
        Assert.IsType<OrderAccepted>(Assert.Single(_x.EventsOf<HeldOrderResolved>()).Outcome);
    }

    [Fact]
    public void Released_order_rests_its_remainder_as_if_it_had_just_arrived()
    {
        Game game = LiveGame();
        _x.Rest(_maker, Orders.Home(game, 110, 100m));
        OrderHeld held = _x.Hold(_taker, Orders.Away(game, -110, 200m));

        _x.Advance(60_000);

        OrderAccepted accepted = Assert.IsType<OrderAccepted>(Assert.Single(_x.EventsOf<HeldOrderResolved>()).Outcome);
        Assert.Equal(Orders.Usd(110m), Assert.Single(accepted.Fills).Amount);
        Order rest = _x.Engine.Orders[accepted.Rest!.OrderId];
        Assert.Equal(Orders.Usd(90m), rest.Offered);
        Assert.Equal(held.ReleaseAt, rest.CreatedAt);
        Assert.Equal(held.ReleaseAt + (5 * 60_000), rest.ExpiresAt); // the live default, counted from the release
        Assert.Equal((uint)(held.ReleaseAt / 1000), rest.Id.Seconds);
        Assert.Single(_x.EventsOf<OrderRested>(), e => e.OrderId == rest.Id && e.At == held.ReleaseAt);
    }

    [Fact]
    public void Held_order_does_not_fill_if_the_price_worsened_and_rests_instead()
    {
        Game game = LiveGame();
        Order resting = _x.Rest(_maker, Orders.Home(game, 110, 100m));
        _x.Hold(_taker, Orders.Away(game, -110, 50m));
        _x.Cancel(_maker, resting.Id);
        _x.Rest(_maker, Orders.Home(game, 115, 100m)); // taker would now get only −115

        _x.Advance(5_000);

        OrderAccepted accepted = Assert.IsType<OrderAccepted>(Assert.Single(_x.EventsOf<HeldOrderResolved>()).Outcome);
        Assert.Empty(accepted.Fills);
        Assert.Equal(Orders.Usd(50m), accepted.Rest!.Offered);
        Assert.Equal(-110, accepted.Rest.Odds.Value);
    }

    [Fact]
    public void Held_order_fills_at_an_improved_price()
    {
        Game game = LiveGame();
        Order resting = _x.Rest(_maker, Orders.Home(game, 110, 100m));
        _x.Hold(_taker, Orders.Away(game, -110, 50m));
        _x.Cancel(_maker, resting.Id);
        _x.Rest(_maker, Orders.Home(game, 105, 100m)); // taker now gets −105

        _x.Advance(5_000);

        OrderAccepted accepted = Assert.IsType<OrderAccepted>(Assert.Single(_x.EventsOf<HeldOrderResolved>()).Outcome);
        Assert.Equal(-105, Assert.Single(accepted.Fills).Odds.Value);
    }

    [Fact]
    public void Held_fill_and_kill_that_finds_nothing_at_release_is_rejected_then()
    {
        Game game = LiveGame();
        Order resting = _x.Rest(_maker, Orders.Home(game, 110, 100m));
        _x.Hold(_taker, Orders.Away(game, -110, 50m, OrderType.FillAndKill));
        _x.Cancel(_maker, resting.Id);

        _x.Advance(5_000);

        OrderRejected rejected = Assert.IsType<OrderRejected>(Assert.Single(_x.EventsOf<HeldOrderResolved>()).Outcome);
        Assert.Equal(RejectReason.FillAndKillNoMatch, rejected.Reason);
    }

    [Fact]
    public void Held_order_is_checked_again_for_liability_at_release()
    {
        Game game = LiveGame();
        Account taker = _x.NewAccount(100m);
        _x.Rest(_maker, Orders.Home(game, 110, 100m));
        _x.Hold(taker, Orders.Away(game, -110, 50m));
        _x.Rest(taker, Orders.Total("over", game, 200m, 100, 80m)); // uses most of the cash meanwhile

        _x.Advance(5_000);

        OrderRejected rejected = Assert.IsType<OrderRejected>(Assert.Single(_x.EventsOf<HeldOrderResolved>()).Outcome);
        Assert.Equal(RejectReason.InsufficientBalance, rejected.Reason);
    }

    [Fact]
    public void Order_that_would_not_fill_rests_at_once_on_a_live_game()
    {
        Game game = LiveGame();
        _x.Rest(_maker, Orders.Home(game, 150, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(game, -110, 50m));

        Assert.Empty(accepted.Fills);
        Assert.NotNull(accepted.Rest);
    }

    [Fact]
    public void Post_that_would_match_is_rejected_at_once_on_a_live_game()
    {
        Game game = LiveGame();
        _x.Rest(_maker, Orders.Home(game, 110, 100m));

        Assert.Equal(RejectReason.PostWouldMatch, _x.Reject(_taker, Orders.Away(game, -110, 50m, OrderType.Post)).Reason);
    }

    [Fact]
    public void Fill_and_kill_without_matches_is_rejected_at_once_on_a_live_game()
    {
        Game game = LiveGame();

        Assert.Equal(RejectReason.FillAndKillNoMatch, _x.Reject(_taker, Orders.Away(game, -110, 50m, OrderType.FillAndKill)).Reason);
    }

    [Fact]
    public void Out_of_band_postArb_is_rejected_at_once_on_a_live_game()
    {
        Game game = LiveGame();
        _x.Rest(_maker, Orders.Home(game, -200, 100m));

        Assert.Equal(RejectReason.PostArbOutsideBand, _x.Reject(_taker, Orders.Away(game, 190, 50m, OrderType.PostArb)).Reason);
    }

    [Fact]
    public void In_band_postArb_that_would_fill_is_held_on_a_live_game()
    {
        Game game = LiveGame();
        _x.Rest(_maker, Orders.Home(game, -200, 100m));

        _x.Hold(_taker, Orders.Away(game, 198, 50m, OrderType.PostArb));
    }

    [Fact]
    public void Other_orders_of_a_batch_are_not_held_up_by_a_held_order()
    {
        Game game = LiveGame();
        _x.Rest(_maker, Orders.Home(game, 110, 100m));

        PlaceResult result = _x.PlaceBatch(_taker, Orders.Away(game, -110, 50m), Orders.Total("over", game, 200m, 100, 50m));

        Assert.IsType<OrderHeld>(result.Outcomes[0]);
        Assert.NotNull(Assert.IsType<OrderAccepted>(result.Outcomes[1]).Rest);
    }

    [Fact]
    public void Live_delay_is_configurable_per_league_and_by_default()
    {
        var x = new TestExchange(new ExchangeOptions
        {
            LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["NBA"] = 1_234 },
            DefaultLiveDelayMilliseconds = 2_345,
        });
        Assert.Equal(1_234, x.Engine.Options.LiveDelayFor("nba"));
        Assert.Equal(2_345, x.Engine.Options.LiveDelayFor("NFL"));
        Assert.Equal(10_000, new ExchangeOptions().LiveDelayFor("KHL"));
    }

    [Fact]
    public void Held_order_on_a_game_that_closed_meanwhile_is_rejected_at_release()
    {
        Game game = _x.NewGame("NBA", "basketball", startsAt: _x.Now + 1_000);
        _x.SetLive(game);
        _x.Advance(2_000); // started, still live: open
        _x.Rest(_maker, Orders.Home(game, 110, 100m));
        OrderHeld held = _x.Hold(_taker, Orders.Away(game, -110, 50m));

        _x.SetLive(game, false); // out of play after the start: the market closes
        _x.Advance(5_000);

        HeldOrderResolved resolved = Assert.Single(_x.EventsOf<HeldOrderResolved>());
        Assert.Equal(held.ReleaseAt, resolved.At);
        OrderRejected rejected = Assert.IsType<OrderRejected>(resolved.Outcome);
        Assert.Equal(RejectReason.GameNotOpen, rejected.Reason);
        Assert.Empty(_x.Engine.Bets);
    }
}
