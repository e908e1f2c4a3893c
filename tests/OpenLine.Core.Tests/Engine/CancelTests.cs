namespace OpenLine.Core.Tests;

public class CancelTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _owner;
    private readonly Account _stranger;

    public CancelTests()
    {
        _game = _x.NewGame();
        _owner = _x.NewAccount();
        _stranger = _x.NewAccount();
    }

    [Fact]
    public void Owner_cancels_an_open_order_and_gets_a_report()
    {
        Order order = _x.Rest(_owner, Orders.Spread(_game.Away, _game, 3.5m, -110, 100m) with { UserReference = "r1" });

        CancelReport report = Assert.IsType<CancelResult>(_x.Cancel(_owner, order.Id)).Report;

        Assert.Equal(order.Id, report.OrderId);
        Assert.Equal(_game.Id, report.GameId);
        Assert.Equal(MarketType.Spread, report.Type);
        Assert.Equal(_game.Away.Id.ToString(), report.Side);
        Assert.Equal(LineNumber.FromDecimal(3.5m), report.Number);
        Assert.Equal(Orders.Usd(100m), report.Remaining);
        Assert.Equal(Money.Zero, report.Filled);
        Assert.Equal("r1", report.UserReference);
        Assert.Equal(CancelReason.User, report.Reason);
        Assert.Equal("Away Team 1 +3.5 -110", report.Description);
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal(0, _game.Books.Single().Side(0).LevelCount);
        OrderCancelled e = Assert.Single(_x.EventsOf<OrderCancelled>());
        Assert.Equal(_owner.Id, e.AccountId);
    }

    [Fact]
    public void Cancel_after_a_partial_fill_releases_only_the_remainder()
    {
        Order order = _x.Rest(_owner, Orders.Home(_game, 110, 200m));
        _x.Accept(_stranger, Orders.Away(_game, -110, 110m));

        CancelReport report = Assert.IsType<CancelResult>(_x.Cancel(_owner, order.Id)).Report;

        Assert.Equal(Orders.Usd(100m), report.Filled);
        Assert.Equal(Orders.Usd(100m), report.Remaining);
        Assert.Equal(-Orders.Usd(100m), _owner.Liability); // the matched bet stays
    }

    [Fact]
    public void Another_accounts_order_cannot_be_cancelled()
    {
        Order order = _x.Rest(_owner, Orders.Home(_game, 110, 100m));

        Rejected rejected = Assert.IsType<Rejected>(_x.Cancel(_stranger, order.Id));

        Assert.Equal(RejectReason.NotYourOrder, rejected.Reason);
        Assert.Equal(OrderState.Open, order.State);
    }

    [Fact]
    public void Closed_orders_cannot_be_cancelled()
    {
        Order cancelled = _x.Rest(_owner, Orders.Home(_game, 110, 100m));
        _x.Cancel(_owner, cancelled.Id);
        Order filled = _x.Rest(_owner, Orders.Home(_game, 120, 100m));
        _x.Accept(_stranger, Orders.Away(_game, -120, 120m));
        Assert.Equal(OrderState.Filled, filled.State);

        Assert.Equal((RejectReason.OrderNotOpen, "order already cancelled"), Refusal(cancelled));
        Assert.Equal((RejectReason.OrderNotOpen, "order already fully matched"), Refusal(filled));
    }

    private (RejectReason, string) Refusal(Order order)
    {
        Rejected rejected = Assert.IsType<Rejected>(_x.Cancel(_owner, order.Id));
        return (rejected.Reason, rejected.Message);
    }

    [Fact]
    public void An_order_that_expired_by_its_own_expiry_or_the_games_start_is_refused_as_expired()
    {
        Order own = _x.Rest(_owner, Orders.Home(_game, 110, 100m, expirationMinutes: 1));
        Order pregame = _x.Rest(_owner, Orders.Home(_game, 120, 100m));
        _x.Advance(60_000);
        Assert.Equal(CancelReason.Expired, own.CancelReason);
        _x.SetLive(_game); // pre-game orders expire when the game goes live
        Assert.Equal(CancelReason.GameStart, pregame.CancelReason);

        Assert.Equal((RejectReason.OrderNotOpen, "order is expired"), Refusal(own));
        Assert.Equal((RejectReason.OrderNotOpen, "order is expired"), Refusal(pregame));
    }

    [Fact]
    public void An_order_with_fills_on_a_graded_or_voided_game_is_refused_as_graded_and_one_without_as_cancelled()
    {
        Order partlyFilled = _x.Rest(_owner, Orders.Home(_game, 120, 100m));
        _x.Accept(_stranger, Orders.Away(_game, -120, 60m)); // half of it
        Order unfilled = _x.Rest(_owner, Orders.Home(_game, 300, 100m));
        Game voided = _x.NewGame();
        Order filledOnVoided = _x.Rest(_owner, Orders.Home(voided, 120, 100m));
        _x.Accept(_stranger, Orders.Away(voided, -120, 120m));

        _x.Run(new GradeGame(_game.Id, 1, 2)); // the rest of both orders is cancelled as the market closes
        _x.Run(new VoidGame(voided.Id));

        Assert.Equal((RejectReason.OrderNotOpen, "order already graded"), Refusal(partlyFilled));
        Assert.Equal((RejectReason.OrderNotOpen, "order already cancelled"), Refusal(unfilled));
        Assert.Equal((RejectReason.OrderNotOpen, "order already graded"), Refusal(filledOnVoided));
    }

    [Fact]
    public void Unknown_order_is_reported()
    {
        Assert.Equal(RejectReason.UnknownOrder, Assert.IsType<Rejected>(_x.Cancel(_owner, new ObjectId(1, 999_999))).Reason);
    }

    [Fact]
    public void Cancelled_orders_are_no_longer_matched()
    {
        Order order = _x.Rest(_owner, Orders.Home(_game, 110, 100m));
        _x.Cancel(_owner, order.Id);

        Assert.Equal(RejectReason.FillAndKillNoMatch, _x.Reject(_stranger, Orders.Away(_game, -110, 50m, OrderType.FillAndKill)).Reason);
    }
}
