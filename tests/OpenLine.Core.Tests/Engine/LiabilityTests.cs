namespace OpenLine.Core.Tests;

// Rules §5 and API §8.10: available = displayBalance − creditLimit + liability; an order needs
// available ≥ its resting stake plus the taker risk of its fills.
public class LiabilityTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;

    public LiabilityTests() => _game = _x.NewGame();

    [Fact]
    public void Resting_stake_is_liability_and_balance_does_not_move()
    {
        Account a = _x.NewAccount(1000m);

        _x.Rest(a, Orders.Away(_game, 150, 300m));

        Assert.Equal(Orders.Usd(1000m), a.Balance);
        Assert.Equal(-Orders.Usd(300m), a.Liability);
        Assert.Equal(Orders.Usd(700m), a.Available);
    }

    [Fact]
    public void Fills_count_the_takers_risk_with_commission_and_the_makers_stake()
    {
        Account maker = _x.NewAccount(1000m);
        Account taker = _x.NewAccount(1000m);
        _x.Rest(maker, Orders.Home(_game, 185, 100m));

        FillReport fill = Assert.Single(_x.Accept(taker, Orders.Away(_game, -185, 185m)).Fills);

        Assert.Equal(Orders.Usd(186m), fill.Risk);
        Assert.Equal(-Orders.Usd(186m), taker.Liability);
        Assert.Equal(Orders.Usd(814m), taker.Available);
        Assert.Equal(-Orders.Usd(100m), maker.Liability);
        Assert.Equal(Orders.Usd(900m), maker.Available);
        Assert.Equal(Orders.Usd(1000m), maker.Balance);
        Assert.Equal(Orders.Usd(1000m), taker.Balance);
    }

    [Fact]
    public void Partial_fill_moves_the_makers_liability_from_resting_to_matched()
    {
        Account maker = _x.NewAccount(1000m);
        Account taker = _x.NewAccount(1000m);
        Order resting = _x.Rest(maker, Orders.Home(_game, 110, 200m));

        _x.Accept(taker, Orders.Away(_game, -110, 110m));

        Assert.Equal(Orders.Usd(100m), resting.Remaining);
        Assert.Equal(Orders.Usd(100m), maker.RestingStake);
        Assert.Equal(Orders.Usd(100m), maker.MatchedRisk);
        Assert.Equal(-Orders.Usd(200m), maker.Liability);
    }

    [Fact]
    public void Order_exceeding_available_is_rejected_with_the_full_message()
    {
        Account a = _x.NewAccount(100m);

        OrderRejected rejected = _x.Reject(a, Orders.Away(_game, 150, 100.000001m));

        Assert.Equal(RejectReason.InsufficientBalance, rejected.Reason);
        Assert.InRange((short)rejected.Reason, (short)200, (short)299);
        Assert.Equal("Insufficient balance. You have $100.00 available for betting. Balance is $100.00, credit limit is $0.00, current liability is $0.00.", rejected.Message);
        Assert.Empty(a.OpenOrders);
    }

    [Fact]
    public void Order_needing_exactly_what_is_available_is_accepted()
    {
        Account a = _x.NewAccount(100m);

        _x.Rest(a, Orders.Away(_game, 150, 100m));

        Assert.Equal(Money.Zero, a.Available);
    }

    [Fact]
    public void Insufficient_balance_message_matches_the_published_example()
    {
        // API §3.2 / §8.10: 59.50 + 100000 − 7419.59 = 92639.91.
        Account a = _x.NewAccount(59.50m, -100_000m);
        _x.Rest(a, Orders.Away(_game, 150, 7419.59m));

        OrderRejected rejected = _x.Reject(a, Orders.Home(_game, 150, 92_639.92m));

        Assert.Equal("Insufficient balance. You have $92639.91 available for betting. Balance is $59.50, credit limit is $-100000.00, current liability is $-7419.59.", rejected.Message);
        Assert.NotNull(_x.Accept(a, Orders.Home(_game, 150, 92_639.91m)).Rest);
        Assert.Equal(Money.Zero, a.Available);
    }

    [Fact]
    public void Taker_commission_is_part_of_the_liability_check()
    {
        Account maker = _x.NewAccount(1000m);
        Account taker = _x.NewAccount(100m);
        _x.Rest(maker, Orders.Home(_game, 110, 200m));

        // A = 100, G = 90.909090, risk = 100 + 0.909091 > 100.
        OrderRejected rejected = _x.Reject(taker, Orders.Away(_game, -110, 100m));
        Assert.Equal(RejectReason.InsufficientBalance, rejected.Reason);

        // With no commission the same order fits exactly.
        Account free = _x.NewAccount(100m, commission: 0m);
        Assert.Single(_x.Accept(free, Orders.Away(_game, -110, 100m)).Fills);
        Assert.Equal(Money.Zero, free.Available);
    }

    [Fact]
    public void Credit_limit_lets_an_account_bet_beyond_its_cash()
    {
        Account a = _x.NewAccount(0m, -500m);

        Assert.Equal(RejectReason.InsufficientBalance, _x.Reject(a, Orders.Away(_game, 150, 500.000001m)).Reason);
        _x.Rest(a, Orders.Away(_game, 150, 500m));

        Assert.Equal(Money.Zero, a.Available);
        Assert.Equal(-Orders.Usd(500m), a.Liability);
    }

    [Fact]
    public void Later_orders_of_a_batch_see_the_liability_of_earlier_ones()
    {
        Account a = _x.NewAccount(100m);

        PlaceResult result = _x.PlaceBatch(a, Orders.Away(_game, 150, 60m), Orders.Home(_game, 150, 60m), Orders.Home(_game, 150, 40m));

        Assert.IsType<OrderAccepted>(result.Outcomes[0]);
        OrderRejected second = Assert.IsType<OrderRejected>(result.Outcomes[1]);
        Assert.Equal("Insufficient balance. You have $40.00 available for betting. Balance is $100.00, credit limit is $0.00, current liability is $-60.00.", second.Message);
        Assert.IsType<OrderAccepted>(result.Outcomes[2]);
    }

    [Fact]
    public void Cancelling_releases_the_resting_stake()
    {
        Account a = _x.NewAccount(100m);
        Order order = _x.Rest(a, Orders.Away(_game, 150, 80m));

        Assert.IsType<CancelResult>(_x.Cancel(a, order.Id));

        Assert.Equal(Money.Zero, a.Liability);
        Assert.Equal(Orders.Usd(100m), a.Available);
    }

    [Fact]
    public void Liability_check_counts_only_the_part_that_will_rest()
    {
        // Remainder below the minimum is dropped, so it needs no cover (rules §4, §5).
        Account maker = _x.NewAccount(1000m);
        Account taker = _x.NewAccount(50m, commission: 0m);
        _x.Rest(maker, Orders.Home(_game, 100, 45m));

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, 100, 54m));

        Assert.Null(accepted.Rest);
        Assert.Equal(Orders.Usd(5m), taker.Available);
    }
}
