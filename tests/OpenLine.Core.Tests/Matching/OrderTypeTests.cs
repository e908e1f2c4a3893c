namespace OpenLine.Core.Tests;

// Rules §3 / API §8.5: limit, post, postArb, fillAndKill, fillOrKill.
public class OrderTypeTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _maker;
    private readonly Account _taker;

    public OrderTypeTests()
    {
        _game = _x.NewGame();
        _maker = _x.NewAccount();
        _taker = _x.NewAccount();
    }

    [Fact]
    public void Limit_is_the_order_type_that_fills_and_rests_the_remainder()
    {
        _x.Rest(_maker, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, -110, 300m));

        Assert.Equal(Orders.Usd(110m), Assert.Single(accepted.Fills).Amount);
        Assert.Equal(Orders.Usd(190m), accepted.Rest!.Offered);
        Order rest = _x.Engine.Orders[accepted.Rest.OrderId];
        Assert.Equal(OrderState.Open, rest.State);
        Assert.False(rest.IsPostArb);
    }

    [Fact]
    public void Limit_that_fills_completely_leaves_nothing_resting()
    {
        _x.Rest(_maker, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, -110, 110m));

        Assert.Single(accepted.Fills);
        Assert.Null(accepted.Rest);
        Assert.Empty(_taker.OpenOrders);
    }

    [Fact]
    public void Post_that_would_match_is_rejected_and_changes_nothing()
    {
        Order resting = _x.Rest(_maker, Orders.Home(_game, 100, 100m));
        int events = _x.Events.Count;

        OrderRejected rejected = _x.Reject(_taker, Orders.Away(_game, 100, 50m, OrderType.Post));

        Assert.Equal(RejectReason.PostWouldMatch, rejected.Reason);
        Assert.Equal("post order cannot have matches", rejected.Message);
        Assert.Equal(events, _x.Events.Count);
        Assert.Equal(Orders.Usd(100m), resting.Remaining);
        Assert.Equal(Money.Zero, _taker.Liability);
        Assert.Empty(_x.Engine.Bets);
    }

    [Fact]
    public void Post_that_would_not_match_rests_whole()
    {
        _x.Rest(_maker, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, -105, 50m, OrderType.Post));

        Assert.Empty(accepted.Fills);
        Assert.Equal(Orders.Usd(50m), accepted.Rest!.Offered);
    }

    [Fact]
    public void PostArb_within_the_band_fills_at_the_resting_price_without_taker_commission()
    {
        Order resting = _x.Rest(_maker, Orders.Home(_game, 100, 100m)); // book +100 for the taker

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, 100, 150m, OrderType.PostArb));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Equal(Orders.Usd(100m), fill.Amount);
        Assert.Equal(fill.Amount, fill.Risk);
        Assert.Equal(fill.WinWithoutCommission, fill.Win);
        Bet bet = _x.Engine.Bets[fill.TxId];
        Assert.True(bet.IsPostArb);
        Assert.Equal(Money.Zero, bet.TakerFigures.LossCommission);
        Assert.Equal(Orders.Usd(50m), accepted.Rest!.Offered);
        Assert.True(_x.Engine.Orders[accepted.Rest.OrderId].IsPostArb);
        Assert.Equal(-Orders.Usd(150m), _taker.Liability); // 100 matched risk + 50 resting, no commission
    }

    [Fact]
    public void PostArb_outside_the_band_is_rejected()
    {
        _x.Rest(_maker, Orders.Home(_game, -200, 100m)); // book +200

        OrderRejected rejected = _x.Reject(_taker, Orders.Away(_game, 190, 50m, OrderType.PostArb));

        Assert.Equal(RejectReason.PostArbOutsideBand, rejected.Reason);
        Assert.Equal("postArb order is more than 1% from the book", rejected.Message);
    }

    [Fact]
    public void PostArb_that_would_not_match_rests_whole()
    {
        _x.Rest(_maker, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, 100, 50m, OrderType.PostArb));

        Assert.Empty(accepted.Fills);
        Assert.Equal(Orders.Usd(50m), accepted.Rest!.Offered);
        Assert.True(_x.Engine.Orders[accepted.Rest.OrderId].IsPostArb);
    }

    [Fact]
    public void FillAndKill_partial_fill_succeeds_and_drops_the_rest()
    {
        _x.Rest(_maker, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, -110, 500m, OrderType.FillAndKill));

        Assert.Equal(Orders.Usd(110m), Assert.Single(accepted.Fills).Amount);
        Assert.Null(accepted.Rest);
        Assert.Empty(_taker.OpenOrders);
        Assert.Equal(Money.Zero, _taker.RestingStake);
    }

    [Fact]
    public void FillAndKill_with_nothing_to_take_is_rejected()
    {
        _x.Rest(_maker, Orders.Home(_game, 150, 100m));

        OrderRejected rejected = _x.Reject(_taker, Orders.Away(_game, -140, 100m, OrderType.FillAndKill));

        Assert.Equal(RejectReason.FillAndKillNoMatch, rejected.Reason);
        Assert.Equal("fill and kill has no matches", rejected.Message);
    }

    [Fact]
    public void FillOrKill_that_fills_entirely_succeeds()
    {
        _x.Rest(_maker, Orders.Home(_game, 110, 100m));
        _x.Rest(_x.NewAccount(), Orders.Home(_game, 120, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, -120, 200m, OrderType.FillOrKill));

        Assert.Equal([110m, 90m], accepted.Fills.Select(f => f.Amount.ToDecimal()));
        Assert.Null(accepted.Rest);
    }

    [Theory]
    [InlineData("1000", "992")]  // API §8.5: $1,000 with $992 matched succeeds
    [InlineData("1000", "990")]  // a residual of exactly the minimum succeeds
    [InlineData("5", "1")]       // small orders: any residual ≤ $10 is complete
    public void FillOrKill_residual_up_to_the_minimum_offer_counts_as_complete(string bet, string available)
    {
        decimal stake = decimal.Parse(bet, System.Globalization.CultureInfo.InvariantCulture);
        decimal liquidity = decimal.Parse(available, System.Globalization.CultureInfo.InvariantCulture);
        _x.Rest(_maker, Orders.Home(_game, 100, Math.Max(liquidity, 10m)));
        if (liquidity < 10m)
        {
            // Leave only `liquidity` on the book by taking the rest with a third account.
            _x.Accept(_x.NewAccount(), Orders.Away(_game, 100, 10m - liquidity));
        }

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, 100, stake, OrderType.FillOrKill));

        Assert.Equal(Orders.Usd(liquidity), Assert.Single(accepted.Fills).Amount);
        Assert.Null(accepted.Rest);
    }

    [Fact]
    public void FillOrKill_residual_above_the_minimum_is_rejected_and_fills_nothing()
    {
        Order resting = _x.Rest(_maker, Orders.Home(_game, 100, 989.999999m));

        OrderRejected rejected = _x.Reject(_taker, Orders.Away(_game, 100, 1000m, OrderType.FillOrKill));

        Assert.Equal(RejectReason.FillOrKillPartial, rejected.Reason);
        Assert.Equal("fill or kill matched but not fully", rejected.Message);
        Assert.Equal(Orders.Usd(989.999999m), resting.Remaining);
        Assert.Empty(_x.Engine.Bets);
    }

    [Fact]
    public void FillOrKill_with_nothing_to_take_is_rejected()
    {
        OrderRejected rejected = _x.Reject(_taker, Orders.Away(_game, -110, 100m, OrderType.FillOrKill));

        Assert.Equal(RejectReason.FillOrKillNoMatch, rejected.Reason);
        Assert.Equal("fill or kill has no matches", rejected.Message);
    }

    [Fact]
    public void Order_type_rejections_are_in_the_order_type_rules_range()
    {
        foreach (RejectReason reason in new[] { RejectReason.PostWouldMatch, RejectReason.PostArbOutsideBand,
                     RejectReason.FillAndKillNoMatch, RejectReason.FillOrKillNoMatch, RejectReason.FillOrKillPartial })
        {
            Assert.InRange((short)reason, (short)300, (short)399);
        }
    }
}
