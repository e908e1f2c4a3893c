namespace OpenLine.Core.Tests;

// Rules §1 (fill sizing) and §2 (price-time priority, fills at the resting price).
public class PriceTimePriorityTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;

    public PriceTimePriorityTests() => _game = _x.NewGame();

    [Fact]
    public void Taker_fills_at_the_resting_price_and_keeps_the_improvement()
    {
        Account maker = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order resting = _x.Rest(maker, Orders.Home(_game, 120, 100m));

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, -150, 60m));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(-120, fill.Odds.Value);
        Assert.Equal(Orders.Usd(60m), fill.Amount);
        Assert.Equal(Orders.Usd(50m), fill.WinWithoutCommission); // 60 × 100/120
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Null(accepted.Rest);
        Assert.Equal(Orders.Usd(50m), resting.Remaining);
        Assert.Equal(Orders.Usd(50m), resting.Filled);
    }

    [Fact]
    public void Best_taker_price_fills_first_regardless_of_age()
    {
        Account a = _x.NewAccount();
        Account b = _x.NewAccount();
        Account c = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order worst = _x.Rest(a, Orders.Home(_game, 130, 100m)); // taker gets −130
        Order middle = _x.Rest(b, Orders.Home(_game, 110, 100m)); // −110
        Order best = _x.Rest(c, Orders.Home(_game, 105, 100m)); // −105

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, -130, 1000m));

        Assert.Equal([best.Id, middle.Id, worst.Id], accepted.Fills.Select(f => f.MakerOrderId));
        Assert.Equal([-105, -110, -130], accepted.Fills.Select(f => f.Odds.Value));
        // Each maker stake of 100 limits its fill: A = floor(100 × m(M)).
        Assert.Equal([105m, 110m, 130m], accepted.Fills.Select(f => f.Amount.ToDecimal()));
        Assert.All(accepted.Fills, f => Assert.Equal(100m, f.WinWithoutCommission.ToDecimal()));
        Assert.NotNull(accepted.Rest);
        Assert.Equal(Orders.Usd(1000m - 345m), accepted.Rest.Offered);
        Assert.Equal(-130, accepted.Rest.Odds.Value);
        Assert.All([best, middle, worst], o => Assert.Equal(OrderState.Filled, o.State));
    }

    [Fact]
    public void Orders_at_one_price_fill_oldest_first()
    {
        Account a = _x.NewAccount();
        Account b = _x.NewAccount();
        Account c = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order first = _x.Rest(a, Orders.Home(_game, 110, 100m));
        Order second = _x.Rest(b, Orders.Home(_game, 110, 100m));
        Order third = _x.Rest(c, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, -110, 165m));

        Assert.Equal([first.Id, second.Id], accepted.Fills.Select(f => f.MakerOrderId));
        Assert.Equal([110m, 55m], accepted.Fills.Select(f => f.Amount.ToDecimal()));
        Assert.Equal(OrderState.Filled, first.State);
        Assert.Equal(Orders.Usd(50m), second.Remaining);
        Assert.Equal(Orders.Usd(100m), third.Remaining);
        Assert.Equal([second.Id, third.Id], _game.Books.Single().Side(1).Best!.Orders.Select(o => o.Id));
    }

    [Fact]
    public void Later_order_at_a_better_price_jumps_the_queue()
    {
        Account a = _x.NewAccount();
        Account b = _x.NewAccount();
        Account taker = _x.NewAccount();
        _x.Rest(a, Orders.Home(_game, 110, 100m));
        Order better = _x.Rest(b, Orders.Home(_game, 108, 100m));

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, -110, 50m));

        Assert.Equal(better.Id, Assert.Single(accepted.Fills).MakerOrderId);
    }

    [Fact]
    public void Order_never_fills_beyond_its_own_price()
    {
        Account maker = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order resting = _x.Rest(maker, Orders.Home(_game, 150, 100m)); // taker would get −150

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, -140, 100m));

        Assert.Empty(accepted.Fills);
        Assert.NotNull(accepted.Rest);
        Assert.Equal(Orders.Usd(100m), resting.Remaining);
    }

    [Fact]
    public void Plus_100_and_minus_100_are_one_price_level()
    {
        Account a = _x.NewAccount();
        Account b = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order first = _x.Rest(a, Orders.Home(_game, 100, 50m));
        Order second = _x.Rest(b, Orders.Home(_game, -100, 50m));

        Assert.Equal(1, _game.Books.Single().Side(1).LevelCount);
        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, -100, 100m));

        Assert.Equal([first.Id, second.Id], accepted.Fills.Select(f => f.MakerOrderId));
        Assert.All(accepted.Fills, f => Assert.Equal(100, f.Odds.Value));
    }

    [Fact]
    public void When_the_resting_stake_limits_the_fill_taker_stake_is_floor_of_R_times_m_of_M()
    {
        Account maker = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order resting = _x.Rest(maker, Orders.Home(_game, -175, 50m));

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, 175, 100m));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(28_571_428L, fill.Amount.Micros);                 // floor(50 × 100/175)
        Assert.Equal(49_999_999L, fill.WinWithoutCommission.Micros);   // floor(A × 175/100)
        Assert.Equal(175, fill.Odds.Value);
        // The maker keeps 1 micro-dollar: dust below a cent closes the order (rules §4).
        Assert.Equal(OrderState.Filled, resting.State);
        Assert.Equal(Money.FromMicros(1), resting.Released);
        Assert.Equal(Money.Zero, resting.Remaining);
        Assert.Equal(Money.Zero, maker.RestingStake);
        Assert.Empty(maker.OpenOrders);
        Assert.Equal(Orders.Usd(100m) - fill.Amount, accepted.Rest!.Offered);
    }

    [Fact]
    public void Resting_order_with_a_cent_or_more_left_stays_on_the_book()
    {
        Account maker = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order resting = _x.Rest(maker, Orders.Home(_game, 100, 100m));

        _x.Accept(taker, Orders.Away(_game, 100, 99.99m));

        Assert.Equal(OrderState.Open, resting.State);
        Assert.Equal(Money.OneCent, resting.Remaining);
        Assert.Equal(Money.OneCent, maker.RestingStake);
    }

    [Fact]
    public void Resting_order_left_with_less_than_a_cent_is_closed_as_filled()
    {
        Account maker = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order resting = _x.Rest(maker, Orders.Home(_game, 100, 100m));

        _x.Accept(taker, Orders.Away(_game, 100, 99.990001m));

        Assert.Equal(OrderState.Filled, resting.State);
        Assert.Equal(Money.FromMicros(9_999), resting.Released);
        Assert.Equal(Money.Zero, maker.RestingStake);
        Assert.Equal(0, _game.Books.Single().Side(1).LevelCount);
        OrderFilled filled = Assert.Single(_x.EventsOf<OrderFilled>());
        Assert.Equal(Money.Zero, filled.MakerRemaining);
    }

    [Fact]
    public void Every_fill_moves_the_taker_stake_against_floor_of_A_times_m_of_the_taker_odds()
    {
        Account taker = _x.NewAccount(1_000_000m);
        int[] makerOdds = [-333, -175, -101, 100, 117, 185, 999, 12_345];
        foreach (int odds in makerOdds)
        {
            _x.Rest(_x.NewAccount(1_000_000m), Orders.Home(_game, odds, 77.777777m));
        }

        OrderAccepted accepted = _x.Accept(taker, Orders.Away(_game, -100_000, 10_000m));

        Assert.Equal(makerOdds.Length, accepted.Fills.Count);
        foreach (OrderFilled e in _x.EventsOf<OrderFilled>())
        {
            Bet bet = _x.Engine.Bets[e.TxId];
            Assert.Equal(bet.TakerOdds.WinOn(e.TakerStake), e.MakerStake);
            Assert.Equal(e.TakerStake, bet.TakerStake);
            Assert.Equal(e.MakerStake, bet.MakerStake);
            Assert.Equal(e.TakerView.Amount, e.TakerStake);
            Assert.Equal(e.TakerView.WinWithoutCommission, e.MakerStake);
        }
    }

    [Fact]
    public void A_fill_reports_the_counterparty_order_and_a_shared_wager_request_id()
    {
        Account maker = _x.NewAccount();
        Account taker = _x.NewAccount();
        Order m1 = _x.Rest(maker, Orders.Home(_game, 110, 20m));
        Order m2 = _x.Rest(_x.NewAccount(), Orders.Home(_game, 110, 20m));

        OrderRequest request = Orders.Away(_game, -110, 100m) with { UserReference = "ref-1" };
        OrderAccepted accepted = _x.Accept(taker, request);

        Assert.Equal([m1.Id, m2.Id], accepted.Fills.Select(f => f.MakerOrderId));
        Assert.All(accepted.Fills, f =>
        {
            Assert.Equal(accepted.WagerRequestId, f.WagerRequestId);
            Assert.Equal("ref-1", f.UserReference);
            Assert.Equal(MarketType.Moneyline, f.Type);
            Assert.Equal(_game.Away.Id.ToString(), f.Side);
            Assert.Null(f.Number);
            Assert.Null(f.Market);
        });
        Assert.Equal(2, accepted.Fills.Select(f => f.TxId).Distinct().Count());
        Assert.Equal(accepted.WagerRequestId, accepted.Rest!.WagerRequestId);
        Assert.Equal("ref-1", accepted.Rest.UserReference);
        Assert.Equal(accepted.WagerRequestId, _x.Engine.Orders[accepted.Rest.OrderId].WagerRequestId);
    }
}
