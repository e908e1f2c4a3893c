namespace OpenLine.Core.Tests;

// API §8.1 and rules §2: which orders are each other's counter-side.
public class MarketSidesTests
{
    private readonly TestExchange _x = new();
    private readonly Account _maker;
    private readonly Account _taker;

    public MarketSidesTests()
    {
        _maker = _x.NewAccount();
        _taker = _x.NewAccount();
    }

    [Fact]
    public void Moneyline_matches_one_participant_against_the_other()
    {
        Game game = _x.NewGame();
        Order resting = _x.Rest(_maker, Orders.Away(game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Home(game, -110, 110m));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Equal(game.Home.Id.ToString(), fill.Side);
    }

    [Fact]
    public void Moneyline_never_matches_the_same_participant()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Away(game, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Away(game, -110, 100m));

        Assert.Empty(accepted.Fills);
    }

    [Fact]
    public void Spread_matches_the_other_participant_at_minus_the_number()
    {
        Game game = _x.NewGame();
        Order resting = _x.Rest(_maker, Orders.Spread(game.Away, game, 3.5m, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Spread(game.Home, game, -3.5m, -110, 50m));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Equal(MarketType.Spread, fill.Type);
        Assert.Equal(LineNumber.FromDecimal(-3.5m), fill.Number);
        Assert.Equal(game.Home.Id.ToString(), fill.Side);
    }

    [Theory]
    [InlineData(3.5)]    // same number for the other participant: a different line
    [InlineData(-3)]
    [InlineData(-4)]
    public void Spread_does_not_match_other_numbers(double homeNumber)
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Spread(game.Away, game, 3.5m, 110, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Spread(game.Home, game, (decimal)homeNumber, -110, 50m));

        Assert.Empty(accepted.Fills);
        Assert.Equal(LineNumber.FromDecimal((decimal)homeNumber), accepted.Rest!.Number);
    }

    [Fact]
    public void Spread_never_matches_the_same_participant_on_its_own_line()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Spread(game.Away, game, 3.5m, 110, 100m));

        Assert.Empty(_x.Accept(_taker, Orders.Spread(game.Away, game, 3.5m, -110, 50m)).Fills);
    }

    [Fact]
    public void Spread_quarter_lines_match_like_any_other()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Spread(game.Home, game, -2.25m, 100, 100m));

        FillReport fill = Assert.Single(_x.Accept(_taker, Orders.Spread(game.Away, game, 2.25m, 100, 50m)).Fills);
        Assert.Equal(LineNumber.FromDecimal(2.25m), fill.Number);
    }

    [Fact]
    public void Total_matches_over_against_under_at_the_same_number()
    {
        Game game = _x.NewGame();
        Order resting = _x.Rest(_maker, Orders.Total("over", game, 50m, -104, 100m));

        OrderAccepted accepted = _x.Accept(_taker, Orders.Total("under", game, 50m, 104, 50m));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Equal("under", fill.Side);
        Assert.Equal(LineNumber.FromDecimal(50m), fill.Number);
    }

    [Fact]
    public void Total_does_not_match_another_number_or_the_same_side()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Total("over", game, 50m, -104, 100m));

        Assert.Empty(_x.Accept(_taker, Orders.Total("under", game, 50.5m, 110, 50m)).Fills);
        Assert.Empty(_x.Accept(_taker, Orders.Total("over", game, 50m, 110, 50m)).Fills);
    }

    [Fact]
    public void Moneyline1x2_matches_yes_against_no_on_the_same_market()
    {
        Game game = _x.SoccerGame();
        Order resting = _x.Rest(_maker, Orders.OneXTwo("yes", "draw", game, 250, 50m, OrderType.Post));

        OrderAccepted accepted = _x.Accept(_taker, Orders.OneXTwo("no", "draw", game, -250, 125m));

        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Equal(Orders.Usd(125m), fill.Amount);
        Assert.Equal(Orders.Usd(50m), fill.WinWithoutCommission);
        Assert.Equal("draw", fill.Market);
        Assert.Equal("no", fill.Side);
        Assert.Null(fill.Number);
    }

    [Fact]
    public void Moneyline1x2_markets_are_separate_books()
    {
        Game game = _x.SoccerGame();
        _x.Rest(_maker, Orders.OneXTwo("yes", "draw", game, 250, 50m));

        Assert.Empty(_x.Accept(_taker, Orders.OneXTwo("no", game.Home.Id.ToString(), game, -250, 50m)).Fills);
        Assert.Empty(_x.Accept(_taker, Orders.OneXTwo("no", game.Away.Id.ToString(), game, -250, 50m)).Fills);
        Assert.Empty(_x.Accept(_taker, Orders.OneXTwo("yes", "draw", game, -250, 50m)).Fills);
        Assert.Equal(3, game.Books.Count()); // draw, home and away outcomes
    }

    [Fact]
    public void Moneyline1x2_is_refused_on_non_soccer_games_as_a_validation_error()
    {
        Game game = _x.NewGame("NBA", "basketball");

        OrderRejected rejected = _x.Reject(_taker, Orders.OneXTwo("yes", "draw", game, 250, 50m));

        Assert.Equal(RejectReason.MarketNotOffered, rejected.Reason);
        Assert.InRange((short)rejected.Reason, (short)100, (short)199);
    }

    [Fact]
    public void Markets_of_different_types_never_match_each_other()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Spread(game.Home, game, 0m, 100, 100m));

        Assert.Empty(_x.Accept(_taker, Orders.Away(game, 100, 50m)).Fills);
    }
}
