namespace OpenLine.Core.Tests;

// Rules §3: postArb is accepted only if m(order odds) ≥ 0.99 × m(p), p the best taker price it would
// fill at. The page's examples: book +200: +198 passes, +190 fails; book −200: −202 passes;
// book +100: −101 passes.
public class PostArbBandTests
{
    [Theory]
    [InlineData(200, 198, true)]
    [InlineData(200, 197, false)]
    [InlineData(200, 190, false)]
    [InlineData(200, 200, true)]
    [InlineData(-200, -202, true)]
    [InlineData(-200, -203, false)]
    [InlineData(100, -101, true)]
    [InlineData(100, -102, false)]
    [InlineData(100, 100, true)]
    public void PostArb_band_examples(int bookTakerPrice, int orderOdds, bool accepted)
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account maker = x.NewAccount();
        Account arb = x.NewAccount();
        // The book shows a taker price p: a maker on the home side posted −p.
        Order resting = x.Rest(maker, Orders.Home(game, -bookTakerPrice, 100m));

        OrderOutcome outcome = x.Place(arb, Orders.Away(game, orderOdds, 20m, OrderType.PostArb));

        if (accepted)
        {
            FillReport fill = Assert.Single(Assert.IsType<OrderAccepted>(outcome).Fills);
            Assert.Equal(resting.Id, fill.MakerOrderId);
            Assert.Equal(AmericanOdds.FromInt32(bookTakerPrice), fill.Odds);
            Assert.Equal(fill.Amount, fill.Risk);
        }
        else
        {
            Assert.Equal(RejectReason.PostArbOutsideBand, Assert.IsType<OrderRejected>(outcome).Reason);
            Assert.Equal(Orders.Usd(100m), resting.Remaining);
        }
    }

    [Fact]
    public void PostArb_band_is_measured_from_the_best_price_it_would_fill_at()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        x.Rest(x.NewAccount(), Orders.Home(game, -200, 10m));   // taker price +200 (best)
        x.Rest(x.NewAccount(), Orders.Home(game, -199, 100m));  // taker price +199
        Account arb = x.NewAccount();

        OrderAccepted accepted = Assert.IsType<OrderAccepted>(x.Place(arb, Orders.Away(game, 198, 50m, OrderType.PostArb)));

        Assert.Equal([200, 199], accepted.Fills.Select(f => f.Odds.Value));
    }

    [Fact]
    public void PostArb_ignores_the_own_accounts_orders_when_finding_the_book_price()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account arb = x.NewAccount();
        x.Rest(arb, Orders.Home(game, -300, 100m));            // own: taker price +300, skipped
        x.Rest(x.NewAccount(), Orders.Home(game, -200, 100m)); // others: +200

        OrderAccepted accepted = Assert.IsType<OrderAccepted>(x.Place(arb, Orders.Away(game, 198, 20m, OrderType.PostArb)));

        Assert.Equal(200, Assert.Single(accepted.Fills).Odds.Value);
    }
}
