namespace OpenLine.Core.Tests;

// An abuse limit (step 8): ExchangeOptions.MaxOpenOrdersPerAccount caps how many orders one account may have resting.
public class OpenOrderLimitTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _maker;
    private readonly Account _other;

    public OpenOrderLimitTests()
    {
        _x.Run(new ConfigureExchange(new ExchangeOptions { MaxOpenOrdersPerAccount = 2 }));
        _game = _x.NewGame();
        _maker = _x.NewAccount();
        _other = _x.NewAccount();
    }

    [Fact]
    public void An_order_that_would_rest_beyond_the_cap_is_refused_with_a_clear_message()
    {
        _x.Rest(_maker, Orders.Away(_game, 120, 10m));
        _x.Rest(_maker, Orders.Away(_game, 130, 10m));

        OrderRejected rejected = _x.Reject(_maker, Orders.Away(_game, 140, 10m, OrderType.Post));

        Assert.Equal(RejectReason.TooManyOpenOrders, rejected.Reason);
        Assert.Equal("too many open orders: at most 2 per account; cancel some first", rejected.Message);
        Assert.Equal(2, _maker.OpenOrders.Count);
    }

    [Fact]
    public void Orders_that_only_fill_are_not_counted_against_the_cap()
    {
        _x.Rest(_maker, Orders.Away(_game, 120, 10m));
        _x.Rest(_maker, Orders.Away(_game, 130, 10m));
        _x.Rest(_other, Orders.Home(_game, 100, 50m));

        OrderAccepted taken = _x.Accept(_maker, Orders.Away(_game, -100, 20m, OrderType.FillAndKill));
        OrderAccepted limit = _x.Accept(_maker, Orders.Away(_game, -100, 20m));

        Assert.Single(taken.Fills);
        Assert.Null(limit.Rest);
        Assert.Equal(2, _maker.OpenOrders.Count);
    }

    [Fact]
    public void A_limit_whose_remainder_would_rest_beyond_the_cap_is_refused_whole()
    {
        _x.Rest(_maker, Orders.Away(_game, 120, 10m));
        _x.Rest(_maker, Orders.Away(_game, 130, 10m));
        _x.Rest(_other, Orders.Home(_game, 100, 10m));

        Assert.Equal(RejectReason.TooManyOpenOrders, _x.Reject(_maker, Orders.Away(_game, -100, 50m)).Reason);
        Assert.Single(_other.OpenOrders); // nothing of it filled
    }

    [Fact]
    public void A_cancel_makes_room_and_each_account_has_its_own_cap()
    {
        Order first = _x.Rest(_maker, Orders.Away(_game, 120, 10m));
        _x.Rest(_maker, Orders.Away(_game, 130, 10m));
        _x.Rest(_other, Orders.Away(_game, 120, 10m));
        _x.Rest(_other, Orders.Away(_game, 125, 10m));

        _x.Run(new CancelOrder(_maker.Id, first.Id));

        Assert.NotNull(_x.Accept(_maker, Orders.Away(_game, 140, 10m)).Rest);
        Assert.Equal(RejectReason.TooManyOpenOrders, _x.Reject(_other, Orders.Away(_game, 140, 10m)).Reason);
    }

    [Fact]
    public void Without_a_cap_the_engine_lets_orders_rest_as_before()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account maker = x.NewAccount();

        for (int i = 0; i < 30; i++)
        {
            x.Rest(maker, Orders.Away(game, 100 + i, 10m));
        }

        Assert.Equal(0, new ExchangeOptions().MaxOpenOrdersPerAccount);
        Assert.Equal(30, maker.OpenOrders.Count);
    }

    [Fact]
    public void A_negative_cap_is_refused()
    {
        Assert.IsType<Rejected>(_x.Run(new ConfigureExchange(new ExchangeOptions { MaxOpenOrdersPerAccount = -1 })));
    }
}
