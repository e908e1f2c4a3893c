namespace OpenLine.Core.Tests;

// The numbered scenarios of /work/shared/seeds/place-orders.txt ("Place orders"), with rules §3's
// reading of Scenario 1 as limit orders.
public class SeedScenarioTests
{
    private readonly TestExchange _x = new();
    private readonly Account _maker;
    private readonly Account _taker;

    public SeedScenarioTests()
    {
        _maker = _x.NewAccount(100_000m);
        _taker = _x.NewAccount(100_000m);
    }

    [Fact]
    public void Scenario_1_three_orders_all_match_with_no_leftover()
    {
        Game game = _x.NewGame("NFL", "football");
        _x.Rest(_maker, Orders.Away(game, 175, 200m));
        _x.Rest(_maker, Orders.Spread(game.Away, game, -3.5m, 110, 200m));
        _x.Rest(_maker, Orders.Total("under", game, 50m, 104, 200m));

        PlaceResult result = _x.PlaceBatch(_taker,
            Orders.Home(game, -175, 100m),
            Orders.Spread(game.Home, game, 3.5m, -110, 100m),
            Orders.Total("over", game, 50m, -104, 100m));

        Assert.Equal(3, result.Outcomes.Count);
        Assert.All(result.Outcomes, o =>
        {
            OrderAccepted accepted = Assert.IsType<OrderAccepted>(o);
            Assert.Equal(Orders.Usd(100m), Assert.Single(accepted.Fills).Amount);
            Assert.Null(accepted.Rest);
        });
        FillReport[] fills = [.. result.Outcomes.Cast<OrderAccepted>().Select(a => a.Fills[0])];
        Assert.Equal([57.142857m, 90.909090m, 96.153846m], fills.Select(f => f.WinWithoutCommission.ToDecimal()));
        Assert.Equal([MarketType.Moneyline, MarketType.Spread, MarketType.Total], fills.Select(f => f.Type));
    }

    [Fact]
    public void Scenario_2_limit_for_300_at_minus_185_matches_185_and_rests_115()
    {
        Game game = _x.NewGame();
        Order makerOrder = _x.Rest(_maker, Orders.Home(game, 185, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(game, -185, 300m));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(185m, fill.Amount.ToDecimal());
        Assert.Equal(-185, fill.Odds.Value);
        Assert.Equal(186m, fill.Risk.ToDecimal(3));
        Assert.Equal(99m, fill.Win.ToDecimal(3));
        Assert.Equal(100m, fill.WinWithoutCommission.ToDecimal(3));
        Assert.Equal(makerOrder.Id, fill.MakerOrderId);
        Assert.Equal(accepted.WagerRequestId, fill.WagerRequestId);
        RestReport rest = Assert.IsType<RestReport>(accepted.Rest);
        Assert.Equal(115m, rest.Offered.ToDecimal());
        Assert.Equal(-185, rest.Odds.Value);
        Assert.Equal(MarketType.Moneyline, rest.Type);
        Assert.Equal(game.Away.Id.ToString(), rest.Side);
        Assert.Null(rest.Number);
        Assert.Equal(accepted.WagerRequestId, rest.WagerRequestId);
        Assert.NotEqual(makerOrder.Id, rest.OrderId);
        Assert.Equal(OrderState.Filled, makerOrder.State);
    }

    [Fact]
    public void Scenario_3_fill_and_kill_full_match_at_minus_186()
    {
        Game game = _x.NewGame();
        Order makerOrder = _x.Rest(_maker, Orders.Home(game, 186, 186m));

        OrderRequest request = Orders.Away(game, -186, 100m, OrderType.FillAndKill) with { UserReference = "docs-fillandkill-match" };
        OrderAccepted accepted = _x.Accept(_taker, request);

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(100m, fill.Amount.ToDecimal());
        Assert.Equal(-186, fill.Odds.Value);
        Assert.Equal(100.538m, fill.Risk.ToDecimal(3));
        Assert.Equal(53.226m, fill.Win.ToDecimal(3));
        Assert.Equal(53.763m, fill.WinWithoutCommission.ToDecimal(3));
        Assert.Equal("docs-fillandkill-match", fill.UserReference);
        Assert.Equal(makerOrder.Id, fill.MakerOrderId);
        Assert.Null(accepted.Rest);
    }

    [Fact]
    public void Scenario_4_fill_and_kill_with_no_match_returns_the_error()
    {
        Game game = _x.NewGame();

        OrderRejected rejected = _x.Reject(_taker, Orders.Away(game, -186, 100m, OrderType.FillAndKill));

        Assert.Equal("fill and kill has no matches", rejected.Message);
        Assert.Equal(RejectReason.FillAndKillNoMatch, rejected.Reason);
    }

    [Fact]
    public void Scenario_5_post_is_rejected_where_postArb_succeeds_without_taker_fees()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(game, 100, 100m)); // best offer +100

        Assert.Equal(RejectReason.PostWouldMatch, _x.Reject(_taker, Orders.Away(game, 100, 50m, OrderType.Post)).Reason);

        OrderRequest arb = Orders.Away(game, 100, 50m, OrderType.PostArb) with { UserReference = "docs-postarb-same-line-as-offer" };
        FillReport fill = Assert.Single(_x.Accept(_taker, arb).Fills);
        Assert.Equal(50m, fill.Amount.ToDecimal());
        Assert.Equal(50m, fill.Risk.ToDecimal());
        Assert.Equal(50m, fill.Win.ToDecimal());
    }

    [Fact]
    public void Scenario_5_postArb_at_plus_190_against_plus_200_is_rejected()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(game, -200, 100m)); // best offer +200

        Assert.Equal(RejectReason.PostArbOutsideBand, _x.Reject(_taker, Orders.Away(game, 190, 50m, OrderType.PostArb)).Reason);
    }

    [Fact]
    public void Scenario_6_moneyline1x2_yes_on_the_draw_at_plus_250()
    {
        Game game = _x.SoccerGame();
        OrderRequest yesDraw = Orders.OneXTwo("yes", "draw", game, 250, 50m, OrderType.Post) with { UserReference = "docs-ml1x2-yes-draw" };

        OrderAccepted accepted = _x.Accept(_maker, yesDraw);

        RestReport rest = accepted.Rest!;
        Assert.Equal(MarketType.Moneyline1x2, rest.Type);
        Assert.Equal("yes", rest.Side);
        Assert.Equal("draw", rest.Market);
        Assert.Null(rest.Number);
        Assert.Equal(250, rest.Odds.Value);

        // "To bet that the home team does not win, send side: no and set market to the home participant's id."
        OrderAccepted homeNo = _x.Accept(_taker, Orders.OneXTwo("no", game.Home.Id.ToString(), game, 120, 50m));
        Assert.Equal(game.Home.Id.ToString(), homeNo.Rest!.Market);
        Assert.Empty(homeNo.Fills);
    }
}
