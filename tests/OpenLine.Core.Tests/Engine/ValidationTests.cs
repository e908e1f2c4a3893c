namespace OpenLine.Core.Tests;

// Rules §3 "Order of checks" and the validation_error cases (RejectReason 1xx).
public class ValidationTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _a;

    public ValidationTests()
    {
        _game = _x.NewGame();
        _a = _x.NewAccount(100m);
    }

    [Fact]
    public void Unknown_game_is_a_validation_error()
    {
        OrderRejected rejected = _x.Reject(_a, Orders.Away(_game, 100, 20m) with { GameId = new ObjectId(5, 5) });

        Assert.Equal(RejectReason.UnknownGame, rejected.Reason);
        Assert.Equal("game not found: invalid gameID", rejected.Message);
    }

    [Theory]
    [InlineData(MarketType.Moneyline, "over")]
    [InlineData(MarketType.Moneyline, "000000000000000000000abc")]
    [InlineData(MarketType.Spread, "home")]
    [InlineData(MarketType.Total, "Over ")]
    [InlineData(MarketType.Total, "yes")]
    public void Side_that_does_not_belong_to_the_market_is_invalid(MarketType type, string side)
    {
        var request = new OrderRequest(_game.Id, type, side, null, AmericanOdds.Even, Orders.Usd(20m),
            type == MarketType.Moneyline ? null : LineNumber.FromDecimal(3m), OrderType.Limit, null, null);

        Assert.Equal(RejectReason.InvalidSide, _x.Reject(_a, request).Reason);
    }

    [Fact]
    public void Spread_and_total_need_a_number()
    {
        Assert.Equal(RejectReason.MissingNumber, _x.Reject(_a, Orders.Spread(_game.Away, _game, 1m, 100, 20m) with { Number = null }).Reason);
        Assert.Equal(RejectReason.MissingNumber, _x.Reject(_a, Orders.Total("over", _game, 1m, 100, 20m) with { Number = null }).Reason);
    }

    [Fact]
    public void Total_cannot_be_negative()
    {
        Assert.Equal(RejectReason.InvalidNumber, _x.Reject(_a, Orders.Total("over", _game, -0.5m, 100, 20m)).Reason);
    }

    [Fact]
    public void Moneyline1x2_needs_yes_or_no_and_a_known_market()
    {
        Game soccer = _x.SoccerGame();
        Assert.Equal(RejectReason.InvalidSide, _x.Reject(_a, Orders.OneXTwo("maybe", "draw", soccer, 100, 20m)).Reason);
        Assert.Equal(RejectReason.InvalidMarket, _x.Reject(_a, Orders.OneXTwo("yes", "tie", soccer, 100, 20m)).Reason);
        Assert.Equal(RejectReason.InvalidMarket, _x.Reject(_a, Orders.OneXTwo("yes", _game.Away.Id.ToString(), soccer, 100, 20m)).Reason);
        Assert.Equal(RejectReason.InvalidMarket, _x.Reject(_a, Orders.OneXTwo("yes", "draw", soccer, 100, 20m) with { Market = null }).Reason);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1_000_000_000_000_000_001L)]
    public void Bet_must_be_positive_and_at_most_a_trillion(long micros)
    {
        Account rich = _x.NewAccount(1_000_000_000_000m);
        OrderRejected rejected = _x.Reject(rich, Orders.Away(_game, 100, 20m) with { Bet = Money.FromMicros(micros) });

        Assert.Equal(RejectReason.InvalidStake, rejected.Reason);
        if (micros <= 0)
        {
            Assert.Equal("bet must be greater than 0", rejected.Message);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10_081)]
    public void ExpirationMinutes_must_be_from_1_to_10080(int minutes)
    {
        Assert.Equal(RejectReason.InvalidExpiration, _x.Reject(_a, Orders.Away(_game, 100, 20m, expirationMinutes: minutes)).Reason);
    }

    [Fact]
    public void ExpirationMinutes_of_10080_is_accepted()
    {
        Assert.Equal(TestExchange.T0 + (10_080L * 60_000), _x.Rest(_a, Orders.Away(_game, 100, 20m, expirationMinutes: 10_080)).ExpiresAt);
    }

    [Fact]
    public void Unknown_account_rejects_the_whole_command()
    {
        CommandResult result = _x.Run(new PlaceOrders(new ObjectId(1, 424_242), [Orders.Away(_game, 100, 20m)]));

        Assert.Equal(RejectReason.UnknownAccount, Assert.IsType<Rejected>(result).Reason);
    }

    [Fact]
    public void Each_bad_order_of_a_batch_gets_its_own_error()
    {
        PlaceResult result = _x.PlaceBatch(_a,
            Orders.Away(_game, 100, 20m),
            Orders.Away(_game, 100, 20m) with { GameId = new ObjectId(5, 5) },
            Orders.Away(_game, 100, 5m, OrderType.Post),
            Orders.Home(_game, 100, 20m));

        Assert.IsType<OrderAccepted>(result.Outcomes[0]);
        Assert.Equal(RejectReason.UnknownGame, Assert.IsType<OrderRejected>(result.Outcomes[1]).Reason);
        Assert.Equal(RejectReason.BelowMinimumOffer, Assert.IsType<OrderRejected>(result.Outcomes[2]).Reason);
        Assert.IsType<OrderAccepted>(result.Outcomes[3]);
    }

    // Order of checks: shape → game open → minimum for post/postArb → simulate → order-type rules →
    // minimum for a limit that fills nothing → liability → commit.

    [Fact]
    public void Shape_is_checked_before_the_game_is_open()
    {
        _x.Now = _game.StartsAt;
        Assert.Equal(RejectReason.InvalidSide, _x.Reject(_a, Orders.Total("sideways", _game, 1m, 100, 20m)).Reason);
    }

    [Fact]
    public void Game_open_is_checked_before_the_minimum()
    {
        _x.Now = _game.StartsAt;
        OrderRejected rejected = _x.Reject(_a, Orders.Away(_game, 100, 5m, OrderType.Post));
        Assert.Equal(RejectReason.GameNotOpen, rejected.Reason);
        Assert.Equal("game is not open for betting", rejected.Message);
    }

    [Fact]
    public void Minimum_for_post_is_checked_before_would_match()
    {
        _x.Rest(_x.NewAccount(), Orders.Home(_game, 100, 100m));
        Assert.Equal(RejectReason.BelowMinimumOffer, _x.Reject(_a, Orders.Away(_game, 100, 5m, OrderType.Post)).Reason);
    }

    [Fact]
    public void Order_type_rules_are_checked_before_liability()
    {
        Account broke = _x.NewAccount(0m);
        _x.Rest(_x.NewAccount(), Orders.Home(_game, 100, 100m));

        Assert.Equal(RejectReason.PostWouldMatch, _x.Reject(broke, Orders.Away(_game, 100, 50m, OrderType.Post)).Reason);
        Assert.Equal(RejectReason.FillAndKillNoMatch, _x.Reject(broke, Orders.Away(_game, 150, 50m, OrderType.FillAndKill)).Reason);
        Assert.Equal(RejectReason.FillOrKillPartial, _x.Reject(broke, Orders.Away(_game, 100, 500m, OrderType.FillOrKill)).Reason);
    }

    [Fact]
    public void Minimum_for_a_limit_that_fills_nothing_is_checked_before_liability()
    {
        Account broke = _x.NewAccount(0m);
        Assert.Equal(RejectReason.BelowMinimumOffer, _x.Reject(broke, Orders.Away(_game, 100, 5m)).Reason);
    }
}
