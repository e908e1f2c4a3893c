namespace OpenLine.Core.Tests;

// Rules §6: time is a value that comes with each command; expiry, game start and live marking.
public class ExpiryTests
{
    private const long Minute = 60_000;
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _a;

    public ExpiryTests()
    {
        _game = _x.NewGame();
        _a = _x.NewAccount(1000m);
    }

    [Fact]
    public void Order_with_expirationMinutes_is_cancelled_that_long_after_it_rests()
    {
        Order order = _x.Rest(_a, Orders.Away(_game, 110, 100m, expirationMinutes: 15));
        Assert.Equal(TestExchange.T0 + (15 * Minute), order.ExpiresAt);
        Assert.False(order.GameStartExpiry);

        _x.Advance((15 * Minute) - 1);
        Assert.Equal(OrderState.Open, order.State);

        _x.Advance(1);
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal(CancelReason.Expired, order.CancelReason);
        Assert.Equal(TestExchange.T0 + (15 * Minute), order.ClosedAt);
        Assert.Equal(Money.Zero, _a.Liability);
        OrderCancelled e = Assert.Single(_x.EventsOf<OrderCancelled>());
        Assert.Equal(CancelReason.Expired, e.Report.Reason);
        Assert.Equal(TestExchange.T0 + (15 * Minute), e.At);
    }

    [Fact]
    public void Expiry_runs_before_the_command_stamped_at_or_after_it()
    {
        Account taker = _x.NewAccount(1000m);
        _x.Rest(_a, Orders.Home(_game, 110, 100m, expirationMinutes: 1));
        _x.Now += Minute;

        OrderRejected rejected = _x.Reject(taker, Orders.Away(_game, -110, 50m, OrderType.FillAndKill));

        Assert.Equal(RejectReason.FillAndKillNoMatch, rejected.Reason);
    }

    [Fact]
    public void Order_without_expiry_is_a_game_start_order()
    {
        Order order = _x.Rest(_a, Orders.Away(_game, 110, 100m));

        Assert.Null(order.ExpiresAt);
        Assert.True(order.GameStartExpiry);
        Assert.False(order.PlacedLive);
    }

    [Fact]
    public void Pre_game_orders_are_cancelled_when_the_game_starts()
    {
        Order plain = _x.Rest(_a, Orders.Away(_game, 110, 100m));
        Order withExpiry = _x.Rest(_a, Orders.Home(_game, 110, 100m, expirationMinutes: 10_080));

        _x.Now = _game.StartsAt - 1;
        _x.Run(AdvanceTime.Instance);
        Assert.Equal(OrderState.Open, plain.State);

        _x.Now = _game.StartsAt;
        _x.Run(AdvanceTime.Instance);
        Assert.Equal(OrderState.Cancelled, plain.State);
        Assert.Equal(OrderState.Cancelled, withExpiry.State);
        Assert.True(_game.Started);
        Assert.Equal(Money.Zero, _a.Liability);
    }

    [Fact]
    public void Game_that_started_and_is_not_live_is_not_open_for_betting()
    {
        _x.Now = _game.StartsAt + 1;

        OrderRejected rejected = _x.Reject(_a, Orders.Away(_game, 110, 100m));

        Assert.Equal(RejectReason.GameNotOpen, rejected.Reason);
        Assert.Equal("game is not open for betting", rejected.Message);
        Assert.InRange((short)rejected.Reason, (short)100, (short)199);
    }

    [Fact]
    public void Marking_a_game_live_cancels_its_pre_game_orders()
    {
        Order pre = _x.Rest(_a, Orders.Away(_game, 110, 100m));

        _x.SetLive(_game);

        Assert.Equal(OrderState.Cancelled, pre.State);
        Assert.Equal(CancelReason.GameStart, pre.CancelReason);
    }

    [Fact]
    public void Orders_on_a_live_game_default_to_five_minutes()
    {
        _x.SetLive(_game);
        _x.Now += 777;

        Order order = _x.Rest(_a, Orders.Away(_game, 110, 100m));

        Assert.True(order.PlacedLive);
        Assert.False(order.GameStartExpiry);
        Assert.Equal(_x.Now + (5 * Minute), order.ExpiresAt);
        _x.Advance((5 * Minute) - 1);
        Assert.Equal(OrderState.Open, order.State);
        _x.Advance(1);
        Assert.Equal(CancelReason.Expired, order.CancelReason);
    }

    [Fact]
    public void Live_orders_with_expirationMinutes_keep_their_own_expiry()
    {
        _x.SetLive(_game);

        Order order = _x.Rest(_a, Orders.Away(_game, 110, 100m, expirationMinutes: 30));

        Assert.Equal(_x.Now + (30 * Minute), order.ExpiresAt);
    }

    [Fact]
    public void Orders_placed_live_before_the_start_survive_the_start()
    {
        _x.SetLive(_game);
        Order order = _x.Rest(_a, Orders.Away(_game, 110, 100m, expirationMinutes: 10_080));

        _x.Now = _game.StartsAt;
        _x.Run(AdvanceTime.Instance);

        Assert.Equal(OrderState.Open, order.State);
        Assert.True(_game.IsOpen);
    }

    [Fact]
    public void Started_game_marked_live_takes_orders_again_and_closes_when_unmarked()
    {
        _x.Now = _game.StartsAt;
        _x.Run(AdvanceTime.Instance);
        _x.SetLive(_game);
        Order order = _x.Rest(_a, Orders.Away(_game, 110, 100m));

        _x.SetLive(_game, false);

        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal(RejectReason.GameNotOpen, _x.Reject(_a, Orders.Away(_game, 110, 100m)).Reason);
    }

    [Fact]
    public void Game_created_with_a_past_start_is_closed_at_once()
    {
        Game past = _x.NewGame(startsAt: _x.Now - 1);

        Assert.True(past.Started);
        Assert.Equal(RejectReason.GameNotOpen, _x.Reject(_a, Orders.Away(past, 110, 100m)).Reason);
    }

    [Fact]
    public void Time_never_goes_backwards()
    {
        _x.Advance(10_000);
        long now = _x.Engine.Now;
        _x.Now -= 5_000;
        _x.Run(AdvanceTime.Instance);
        Assert.Equal(now, _x.Engine.Now);
    }
}
