namespace OpenLine.Core.Tests;

// Rules §1: bet ≤ 1,000,000,000,000 and odds ≤ +100000 are valid inputs; the engine must answer
// every valid order with an outcome, never an exception.
public class LargeAmountTests
{
    [Fact]
    public void Largest_stake_resting_at_the_longest_price_can_still_be_taken()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account maker = x.NewAccount(1_000_000_000_000m);
        Account taker = x.NewAccount(1_000m);
        Order resting = x.Rest(maker, Orders.Home(game, 100_000, 1_000_000_000_000m));

        OrderOutcome? outcome = null;
        Exception? thrown = Record.Exception(() => outcome = x.Place(taker, Orders.Away(game, -100_000, 10m)));

        Assert.Null(thrown);
        FillReport fill = Assert.Single(Assert.IsType<OrderAccepted>(outcome).Fills);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Equal(Orders.Usd(10m), fill.Amount);
        Assert.Equal(Orders.Usd(0.01m), fill.WinWithoutCommission); // floor(10 × 100/100000)
    }
}
