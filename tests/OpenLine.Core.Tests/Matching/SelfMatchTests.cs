namespace OpenLine.Core.Tests;

// Rules §2: an incoming order never fills against a resting order of the same account; those are
// skipped and do not count as "would match" for post.
public class SelfMatchTests
{
    private readonly TestExchange _x = new();
    private readonly Game _game;
    private readonly Account _me;
    private readonly Account _other;

    public SelfMatchTests()
    {
        _game = _x.NewGame();
        _me = _x.NewAccount();
        _other = _x.NewAccount();
    }

    [Fact]
    public void Own_better_order_is_skipped_and_the_next_account_fills()
    {
        Order mine = _x.Rest(_me, Orders.Home(_game, 105, 100m));
        Order theirs = _x.Rest(_other, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_me, Orders.Away(_game, -110, 50m));

        Assert.Equal(theirs.Id, Assert.Single(accepted.Fills).MakerOrderId);
        Assert.Equal(Orders.Usd(100m), mine.Remaining);
    }

    [Fact]
    public void Own_order_ahead_in_the_queue_is_skipped_at_the_same_price()
    {
        Order mine = _x.Rest(_me, Orders.Home(_game, 110, 100m));
        Order theirs = _x.Rest(_other, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_me, Orders.Away(_game, -110, 50m));

        Assert.Equal(theirs.Id, Assert.Single(accepted.Fills).MakerOrderId);
        Assert.Equal(OrderState.Open, mine.State);
        Assert.Equal(Orders.Usd(100m), mine.Remaining);
    }

    [Fact]
    public void Limit_against_only_own_orders_rests_whole()
    {
        Order mine = _x.Rest(_me, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_me, Orders.Away(_game, -120, 50m));

        Assert.Empty(accepted.Fills);
        Assert.Equal(Orders.Usd(50m), accepted.Rest!.Offered);
        Assert.Equal(Orders.Usd(100m), mine.Remaining);
    }

    [Fact]
    public void Post_against_only_own_orders_is_not_a_match()
    {
        _x.Rest(_me, Orders.Home(_game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_me, Orders.Away(_game, -110, 50m, OrderType.Post));

        Assert.NotNull(accepted.Rest);
        Assert.Empty(accepted.Fills);
    }

    [Fact]
    public void Fill_and_kill_against_only_own_orders_has_no_matches()
    {
        _x.Rest(_me, Orders.Home(_game, 110, 100m));

        OrderRejected rejected = _x.Reject(_me, Orders.Away(_game, -110, 50m, OrderType.FillAndKill));

        Assert.Equal(RejectReason.FillAndKillNoMatch, rejected.Reason);
        Assert.Equal("fill and kill has no matches", rejected.Message);
    }

    [Fact]
    public void Fill_or_kill_counts_only_other_accounts_liquidity()
    {
        _x.Rest(_me, Orders.Home(_game, 110, 1000m));
        _x.Rest(_other, Orders.Home(_game, 110, 50m)); // takes 55 of the taker's stake

        OrderRejected rejected = _x.Reject(_me, Orders.Away(_game, -110, 100m, OrderType.FillOrKill));

        Assert.Equal(RejectReason.FillOrKillPartial, rejected.Reason);
    }
}
