namespace OpenLine.Core.Tests;

// Rules §4: the minimum offer (default $10) is the smallest stake that may rest.
public class MinimumOfferTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _maker;
    private readonly Account _taker;

    public MinimumOfferTests()
    {
        _game = _x.NewGame();
        _maker = _x.NewAccount();
        _taker = _x.NewAccount();
    }

    [Theory]
    [InlineData(OrderType.Post)]
    [InlineData(OrderType.PostArb)]
    [InlineData(OrderType.Limit)]
    public void Order_that_would_rest_whole_below_the_minimum_is_a_validation_error(OrderType type)
    {
        OrderRejected rejected = _x.Reject(_taker, Orders.Away(_game, 100, 9.999999m, type));

        Assert.Equal(RejectReason.BelowMinimumOffer, rejected.Reason);
        Assert.InRange((short)rejected.Reason, (short)100, (short)199);
        Assert.Equal("bet must be at least the minimum offer of $10.00", rejected.Message);
    }

    [Theory]
    [InlineData(OrderType.Post)]
    [InlineData(OrderType.PostArb)]
    [InlineData(OrderType.Limit)]
    public void Order_of_exactly_the_minimum_may_rest(OrderType type)
    {
        Assert.Equal(Orders.Usd(10m), _x.Accept(_taker, Orders.Away(_game, 100, 10m, type)).Rest!.Offered);
    }

    [Fact]
    public void PostArb_below_the_minimum_is_refused_even_when_it_would_fill()
    {
        _x.Rest(_maker, Orders.Home(_game, 100, 100m));

        Assert.Equal(RejectReason.BelowMinimumOffer, _x.Reject(_taker, Orders.Away(_game, 100, 5m, OrderType.PostArb)).Reason);
    }

    [Fact]
    public void Limit_below_the_minimum_that_fills_is_accepted()
    {
        _x.Rest(_maker, Orders.Home(_game, 100, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, 100, 5m));

        Assert.Equal(Orders.Usd(5m), Assert.Single(accepted.Fills).Amount);
        Assert.Null(accepted.Rest);
    }

    [Fact]
    public void Remainder_of_a_partly_filled_limit_below_the_minimum_is_dropped()
    {
        _x.Rest(_maker, Orders.Home(_game, 100, 45m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, 100, 54.999999m));

        Assert.Equal(Orders.Usd(45m), Assert.Single(accepted.Fills).Amount);
        Assert.Null(accepted.Rest);
        Assert.Empty(_taker.OpenOrders);
        Assert.Equal(Money.Zero, _taker.RestingStake);
    }

    [Fact]
    public void Remainder_of_exactly_the_minimum_rests()
    {
        _x.Rest(_maker, Orders.Home(_game, 100, 45m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(_game, 100, 55m));

        Assert.Equal(Orders.Usd(10m), accepted.Rest!.Offered);
    }

    [Fact]
    public void FillAndKill_and_FillOrKill_below_the_minimum_may_take_liquidity()
    {
        _x.Rest(_maker, Orders.Home(_game, 100, 100m));

        Assert.Single(_x.Accept(_taker, Orders.Away(_game, 100, 3m, OrderType.FillAndKill)).Fills);
        Assert.Single(_x.Accept(_taker, Orders.Away(_game, 100, 3m, OrderType.FillOrKill)).Fills);
    }

    [Fact]
    public void Minimum_offer_is_configurable()
    {
        var x = new TestExchange(new ExchangeOptions { MinimumOffer = Money.FromDollars(25) });
        Game game = x.NewGame();
        Account a = x.NewAccount();

        OrderRejected rejected = x.Reject(a, Orders.Away(game, 100, 24.99m, OrderType.Post));
        Assert.Equal("bet must be at least the minimum offer of $25.00", rejected.Message);
        Assert.NotNull(x.Accept(a, Orders.Away(game, 100, 25m, OrderType.Post)).Rest);
    }
}
