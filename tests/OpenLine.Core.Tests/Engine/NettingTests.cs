namespace OpenLine.Core.Tests;

/// <summary>Rules §5 through the engine: the liability check and the account's liability net hedged bets within a game.</summary>
public class NettingTests
{
    [Fact]
    public void A_fully_committed_trader_may_still_hedge_because_the_hedge_needs_nothing()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account trader = x.NewAccount(balance: 105m, commission: 0m);
        Account makerA = x.NewAccount(commission: 0m);
        Account makerB = x.NewAccount(commission: 0m);
        x.Rest(makerA, Orders.Home(game, 105, 100m)); // takers of away get −105
        x.Rest(makerB, Orders.Away(game, 105, 100m)); // takers of home get −105

        OrderOutcome first = x.Place(trader, Orders.Away(game, -105, 105m, OrderType.FillAndKill));
        Assert.Equal(Money.Zero, trader.Available);
        OrderOutcome hedge = x.Place(trader, Orders.Home(game, -105, 105m, OrderType.FillAndKill));

        Assert.IsType<OrderAccepted>(first);
        Assert.IsType<OrderAccepted>(hedge);
        // Either side wins: +100 − 105 = −5; a tie refunds both: 0. The hedge freed 100 of the 105.
        Assert.Equal(Money.FromDecimal(-5), trader.Liability);
        Assert.Equal(Money.FromDecimal(100), trader.Available);
    }

    [Fact]
    public void The_makers_of_both_sides_each_keep_their_own_full_exposure()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account trader = x.NewAccount(balance: 105m, commission: 0m);
        Account makerA = x.NewAccount(commission: 0m);
        Account makerB = x.NewAccount(commission: 0m);
        x.Rest(makerA, Orders.Home(game, 105, 100m));
        x.Rest(makerB, Orders.Away(game, 105, 100m));

        x.Accept(trader, Orders.Away(game, -105, 105m, OrderType.FillAndKill));
        x.Accept(trader, Orders.Home(game, -105, 105m, OrderType.FillAndKill));

        Assert.Equal(Money.FromDecimal(-100), makerA.Liability);
        Assert.Equal(Money.FromDecimal(-100), makerB.Liability);
        Assert.Equal(Money.FromDecimal(-100), makerA.GameLiability(game));
    }

    [Fact]
    public void Resting_stakes_are_never_netted()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account trader = x.NewAccount(balance: 1_000m);

        x.Rest(trader, Orders.Away(game, 150, 100m, OrderType.Post));
        x.Rest(trader, Orders.Home(game, 150, 100m, OrderType.Post));

        Assert.Equal(Money.FromDecimal(-200), trader.Liability);
        Assert.Equal(Money.FromDecimal(-200), trader.GameLiability(game));
    }

    [Fact]
    public void Bets_on_different_games_do_not_net()
    {
        var x = new TestExchange();
        Game first = x.NewGame();
        Game second = x.NewGame();
        Account trader = x.NewAccount(balance: 1_000m, commission: 0m);
        Account maker = x.NewAccount(commission: 0m);
        x.Rest(maker, Orders.Home(first, -100, 100m));
        x.Rest(maker, Orders.Away(second, -100, 100m));

        x.Place(trader, Orders.Away(first, 100, 100m, OrderType.FillAndKill));
        x.Place(trader, Orders.Home(second, 100, 100m, OrderType.FillAndKill));

        Assert.Equal(Money.FromDecimal(-200), trader.Liability);
        Assert.Equal(Money.FromDecimal(-100), trader.GameLiability(first));
    }
}
