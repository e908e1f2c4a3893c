namespace OpenLine.Core.Tests;

// Rules §9 says no account's available is ever negative except through its credit limit. A
// settlement correction is the one exception the engine cannot prevent: it takes back winnings or
// refunds that may already have been withdrawn. The engine lets it happen (the ledger must record
// what the result says), reports the accounts it left owing, and the invariant bounds how far below
// zero an account may be by what corrections took from it. Figures: A = 185, G = 100, c = 1%.
public class CorrectionOverdraftTests
{
    private readonly TestExchange _x = new();
    private readonly Account _maker;
    private readonly Account _taker;
    private readonly Game _game;

    public CorrectionOverdraftTests()
    {
        _maker = _x.NewAccount(1000m, name: "maker");
        _taker = _x.NewAccount(1000m, name: "taker");
        _game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(_game, 185, 100m));
        Assert.Single(_x.Accept(_taker, Orders.Away(_game, -185, 185m)).Fills);
    }

    private GradeResult Grade(int away, int home) => Assert.IsType<GradeResult>(_x.Run(new GradeGame(_game.Id, away, home)));

    /// <summary>The taker wins (+100 − 1 commission = 1,099) and withdraws everything.</summary>
    private void TakerWinsAndWithdrawsIt()
    {
        Assert.Empty(Grade(101, 99).Overdrawn);
        Assert.IsType<AccountResult>(_x.Run(new Withdraw(_taker.Id, Orders.Usd(1099m))));
        Assert.Equal(Money.Zero, _taker.Balance);
    }

    [Fact]
    public void A_first_result_leaves_nobody_owing_even_when_the_loser_had_staked_everything()
    {
        Account allIn = _x.NewAccount(186m, name: "all-in"); // exactly A + c·min(A, G)
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(game, 185, 100m));
        Assert.Single(_x.Accept(allIn, Orders.Away(game, -185, 185m)).Fills);

        GradeResult result = Assert.IsType<GradeResult>(_x.Run(new GradeGame(game.Id, 99, 101)));

        Assert.Empty(result.Overdrawn);
        Assert.Equal(Money.Zero, allIn.Balance);
    }

    [Fact]
    public void A_regrade_that_takes_back_withdrawn_winnings_leaves_the_winner_owing_and_names_the_account()
    {
        TakerWinsAndWithdrawsIt();

        GradeResult result = Grade(99, 101);

        // Reversal −100 + 1 (the commission comes back), then the loss −185 − 1: 0 − 285.
        Assert.Equal(-Orders.Usd(285m), _taker.Balance);
        Assert.Equal(-Orders.Usd(285m), _taker.Available);
        Assert.Same(_taker, Assert.Single(result.Overdrawn));
        Assert.Equal(Orders.Usd(1000m + 185m), _maker.Balance); // the maker is paid in full: 900 + 100 back + 185
        Assert.Empty(_x.Engine.ValidateInternalState()); // within what the correction took back
    }

    [Fact]
    public void A_void_after_a_result_takes_back_withdrawn_winnings()
    {
        TakerWinsAndWithdrawsIt();

        GradeResult result = Assert.IsType<GradeResult>(_x.Run(new VoidGame(_game.Id)));

        // Only the reversal: −100 + 1.
        Assert.Equal(-Orders.Usd(99m), _taker.Balance);
        Assert.Same(_taker, Assert.Single(result.Overdrawn));
    }

    [Fact]
    public void A_later_first_result_does_not_name_an_account_that_already_owed_but_a_further_correction_does()
    {
        Game other = _x.NewGame();
        _x.Rest(_maker, Orders.Home(other, 100, 10m));
        Assert.Single(_x.Accept(_taker, Orders.Away(other, -100, 10m)).Fills); // A = G = 10: 10.10 reserved
        Grade(101, 99); // 1,099
        Assert.IsType<AccountResult>(_x.Run(new Withdraw(_taker.Id, Orders.Usd(1088.90m)))); // all that is free
        Grade(99, 101); // 10.10 − 100 + 1 − 185 − 1 = −274.90, available −285.00
        Assert.Equal(-Orders.Usd(285m), _taker.Available);

        GradeResult first = Assert.IsType<GradeResult>(_x.Run(new GradeGame(other.Id, 1, 0))); // +10 − 0.10: available −265.00
        GradeResult correction = Assert.IsType<GradeResult>(_x.Run(new GradeGame(other.Id, 0, 1))); // −10 + 0.10, −10 − 0.10: −285.00

        Assert.Empty(first.Overdrawn); // it owes, but this result did not make it owe more
        Assert.Equal(-Orders.Usd(285m), _taker.Available);
        Assert.Same(_taker, Assert.Single(correction.Overdrawn));
    }

    [Fact]
    public void An_account_that_owes_is_refused_new_orders_and_withdrawals_until_it_pays()
    {
        TakerWinsAndWithdrawsIt();
        Grade(99, 101);
        Game next = _x.NewGame();
        _x.Rest(_maker, Orders.Home(next, 150, 100m));

        Assert.Equal(RejectReason.InsufficientBalance, _x.Reject(_taker, Orders.Away(next, -150, 15m)).Reason);
        Assert.IsType<Rejected>(_x.Run(new Withdraw(_taker.Id, Orders.Usd(1m))));

        _x.Run(new Deposit(_taker.Id, Orders.Usd(300m)));
        Assert.Equal(Orders.Usd(15m), _taker.Available);
        Assert.Single(_x.Accept(_taker, Orders.Away(next, -150, 14m)).Fills);
    }

    [Fact]
    public void The_invariant_catches_an_account_further_below_zero_than_corrections_took_from_it()
    {
        TakerWinsAndWithdrawsIt();
        Grade(99, 101);
        // What the ledger took from the taker on the corrected game: 1 + 100 + 185 + 1 = 287;
        // the account is at −285. Two dollars more below zero than that is not a correction's doing.
        _taker.CreditLimit = Orders.Usd(3m);

        string problem = Assert.Single(_x.Engine.ValidateInternalState());

        Assert.Equal("account taker: available $-288.000000 is negative by more than corrections took from it ($287.000000)", problem);
    }

    [Fact]
    public void An_account_with_no_corrected_bet_may_not_go_below_zero_at_all()
    {
        _maker.CreditLimit = _maker.Available + Orders.Usd(0.01m); // a tampered credit limit, one cent too far

        string problem = Assert.Single(_x.Engine.ValidateInternalState());

        Assert.Equal("account maker: available $-0.010000 is negative", problem);
    }
}
