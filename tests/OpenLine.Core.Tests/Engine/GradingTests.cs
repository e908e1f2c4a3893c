namespace OpenLine.Core.Tests;

// Rules §7 and §9 through the engine: GradeGame and VoidGame settle every bet of a game between
// its two users, the taker's commission goes to the house, and every cent is accounted for in the
// ledger. Each payout below is computed by hand from A (taker stake), G (maker stake) and c = 1%.
// TestExchange validates the ledger identity after every command.
public class GradingTests
{
    private readonly TestExchange _x = new();
    private readonly Account _maker;
    private readonly Account _taker;

    public GradingTests()
    {
        _maker = _x.NewAccount(1000m, name: "maker");
        _taker = _x.NewAccount(1000m, name: "taker");
    }

    private GradeResult Grade(Game game, int away, int home) => Assert.IsType<GradeResult>(_x.Run(new GradeGame(game.Id, away, home)));

    private GradeResult Void(Game game) => Assert.IsType<GradeResult>(_x.Run(new VoidGame(game.Id)));

    /// <summary>Maker backs home at +185 with $100; the taker takes away at −185 with $185: A = 185, G = 100.</summary>
    private Game MoneylineBet()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(game, 185, 100m));
        Assert.Single(_x.Accept(_taker, Orders.Away(game, -185, 185m)).Fills);
        return game;
    }

    private void AssertBalances(decimal maker, decimal taker, decimal house)
    {
        Assert.Equal(Orders.Usd(maker), _maker.Balance);
        Assert.Equal(Orders.Usd(taker), _taker.Balance);
        Assert.Equal(Orders.Usd(house), _x.Engine.HouseCommission);
    }

    [Fact]
    public void Moneyline_taker_win_pays_G_less_commission_on_G()
    {
        Game game = MoneylineBet();

        Grade(game, 101, 99);

        // Taker: +G − c·G = 100 − 1; maker: −G.
        AssertBalances(maker: 900m, taker: 1099m, house: 1m);
        Bet bet = Assert.Single(game.Bets);
        Assert.Equal(BetOutcome.Winner, bet.Settlement!.Value.TakerOutcome);
        Assert.Equal(BetOutcome.Loser, bet.Settlement.Value.MakerOutcome);
        Assert.Equal(Orders.Usd(99m), bet.ResultFor(_taker));
        Assert.Equal(-Orders.Usd(100m), bet.ResultFor(_maker));
    }

    [Fact]
    public void Moneyline_taker_loss_costs_A_plus_commission_on_the_lesser_of_A_and_G()
    {
        Game game = MoneylineBet();

        Grade(game, 99, 101);

        // Taker: −A − c·min(A, G) = −185 − 1; maker: +A.
        AssertBalances(maker: 1185m, taker: 814m, house: 1m);
    }

    [Fact]
    public void Moneyline_tie_refunds_both_sides_without_commission()
    {
        Game game = MoneylineBet();

        Grade(game, 100, 100);

        AssertBalances(maker: 1000m, taker: 1000m, house: 0m);
        Assert.Equal(BetOutcome.Refunded, Assert.Single(game.Bets).Settlement!.Value.TakerOutcome);
    }

    [Fact]
    public void Positive_odds_taker_pays_commission_on_the_stake_when_losing()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Away(game, -150, 150m)); // maker lays 150 to win 100
        _x.Accept(_taker, Orders.Home(game, 150, 100m)); // A = 100, G = 150

        Grade(game, 3, 1);

        // Taker loses: −100 − c·min(100, 150) = −101.
        AssertBalances(maker: 1100m, taker: 899m, house: 1m);
    }

    [Fact]
    public void Positive_odds_taker_win_pays_commission_on_the_win()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Away(game, -150, 150m));
        _x.Accept(_taker, Orders.Home(game, 150, 100m));

        Grade(game, 1, 3);

        // Taker wins G − c·G = 150 − 1.50.
        AssertBalances(maker: 850m, taker: 1148.5m, house: 1.5m);
    }

    [Theory]
    [InlineData(97, 100, "refunded", 1000, 1000, 0)]   // away +3 lands exactly: push
    [InlineData(98, 100, "winner", 900, 1099, 1)]      // away covers: taker +100 − 1
    [InlineData(96, 100, "loser", 1100, 899, 1)]       // home covers −3: taker −100 − 1
    public void Spread_on_a_whole_number_pushes_when_the_margin_lands_on_it(int away, int home, string takerOutcome,
        decimal maker, decimal taker, decimal house)
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Spread(game.Home, game, -3m, 100, 100m));
        _x.Accept(_taker, Orders.Spread(game.Away, game, 3m, 100, 100m)); // A = G = 100

        Grade(game, away, home);

        Assert.Equal(takerOutcome, Assert.Single(game.Bets).Settlement!.Value.TakerOutcome.ToWire());
        AssertBalances(maker, taker, house);
    }

    [Theory]
    [InlineData(105, 105, "refunded", 1000, 1000, 0)]   // exactly 210: push
    [InlineData(106, 105, "loser", 1100, 899, 1)]       // 211, over: −100 − c·min(100, 110)
    [InlineData(104, 105, "winner", 890, 1108.9, 1.1)]  // 209, under: +110 − c·110
    public void Total_on_a_whole_number_pushes_when_the_sum_lands_on_it(int away, int home, string takerOutcome,
        decimal maker, decimal taker, decimal house)
    {
        Game game = _x.NewGame();
        // Maker: over 210 at −110 with $110 (to win 100). Taker: under at +110 with $100: A = 100, G = 110.
        _x.Rest(_maker, Orders.Total("over", game, 210m, -110, 110m));
        _x.Accept(_taker, Orders.Total("under", game, 210m, 110, 100m));

        Grade(game, away, home);

        Assert.Equal(takerOutcome, Assert.Single(game.Bets).Settlement!.Value.TakerOutcome.ToWire());
        AssertBalances(maker, taker, house);
    }

    [Theory]
    [InlineData(1, 0, "winner", 900, 1099, 1)]         // 1 goal: under 2 and under 2.5 both win
    [InlineData(1, 1, "half-win", 950, 1049.5, 0.5)]   // 2 goals: under 2 pushes, under 2.5 wins → +50 − 0.50
    [InlineData(2, 1, "loser", 1100, 899, 1)]          // 3 goals: both halves lose → −100 − 1
    public void Quarter_total_settles_in_two_halves(int away, int home, string takerOutcome, decimal maker, decimal taker, decimal house)
    {
        Game game = _x.SoccerGame();
        _x.Rest(_maker, Orders.Total("over", game, 2.25m, 100, 100m));
        _x.Accept(_taker, Orders.Total("under", game, 2.25m, 100, 100m)); // A = G = 100

        Grade(game, away, home);

        Assert.Equal(takerOutcome, Assert.Single(game.Bets).Settlement!.Value.TakerOutcome.ToWire());
        AssertBalances(maker, taker, house);
    }

    [Theory]
    [InlineData(1, 1, "half-loss", 1050, 949.5, 0.5)]  // draw: away 0 pushes, away −0.5 loses → −50 − c·50
    [InlineData(2, 1, "winner", 900, 1099, 1)]
    [InlineData(0, 1, "loser", 1100, 899, 1)]
    public void Quarter_spread_half_loss_on_a_draw(int away, int home, string takerOutcome, decimal maker, decimal taker, decimal house)
    {
        Game game = _x.SoccerGame();
        _x.Rest(_maker, Orders.Spread(game.Home, game, 0.25m, 100, 100m));
        _x.Accept(_taker, Orders.Spread(game.Away, game, -0.25m, 100, 100m)); // taker: away −0.25, A = G = 100

        Grade(game, away, home);

        Assert.Equal(takerOutcome, Assert.Single(game.Bets).Settlement!.Value.TakerOutcome.ToWire());
        AssertBalances(maker, taker, house);
    }

    [Theory]
    [InlineData(1, 1, "winner", 750, 1247.5, 2.5)] // the draw happens: +250 − c·250
    [InlineData(2, 1, "loser", 1100, 899, 1)]      // it does not: −100 − c·min(100, 250)
    public void OneXTwo_draw_is_an_outcome_not_a_push(int away, int home, string takerOutcome, decimal maker, decimal taker, decimal house)
    {
        Game game = _x.SoccerGame();
        _x.Rest(_maker, Orders.OneXTwo("no", "draw", game, -250, 250m));   // maker lays 250 against the draw
        _x.Accept(_taker, Orders.OneXTwo("yes", "draw", game, 250, 100m)); // A = 100, G = 250

        Grade(game, away, home);

        Assert.Equal(takerOutcome, Assert.Single(game.Bets).Settlement!.Value.TakerOutcome.ToWire());
        AssertBalances(maker, taker, house);
    }

    [Fact]
    public void PostArb_taker_pays_no_commission()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(game, -200, 200m)); // taker price +200
        _x.Accept(_taker, Orders.Away(game, 198, 100m, OrderType.PostArb)); // A = 100, G = 200

        Grade(game, 5, 1);

        AssertBalances(maker: 800m, taker: 1200m, house: 0m);
        Assert.Equal(Money.Zero, Assert.Single(game.Bets).Settlement!.Value.Fee);
    }

    [Fact]
    public void A_losing_postArb_taker_loses_its_stake_and_pays_no_commission()
    {
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(game, -200, 200m)); // taker price +200
        _x.Accept(_taker, Orders.Away(game, 198, 100m, OrderType.PostArb)); // A = 100, G = 200
        Assert.Equal(Orders.Usd(900m), _taker.Available); // the risk reserved is A alone: no c·min(A, G) = 1 on top

        Grade(game, 1, 5);

        // Taker: −A = −100, not −100 − 1; maker: +A; the house gets nothing.
        AssertBalances(maker: 1100m, taker: 900m, house: 0m);
        Bet bet = Assert.Single(game.Bets);
        Assert.Equal((BetOutcome.Loser, Money.Zero, Orders.Usd(100m)), (bet.Settlement!.Value.TakerOutcome, bet.Settlement.Value.Fee, bet.Settlement.Value.TakerToMaker));
        Assert.Equal([LedgerEntryKind.Settlement], _x.Engine.Ledger.Entries.Where(e => e.Reference == bet.TxId).Select(e => e.Kind));
    }

    [Fact]
    public void Commission_is_charged_at_the_takers_own_rate()
    {
        Account cheap = _x.NewAccount(1000m, commission: 0.005m);
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Home(game, 100, 100m));
        _x.Accept(cheap, Orders.Away(game, 100, 100m));

        Grade(game, 2, 1);

        Assert.Equal(Orders.Usd(1099.5m), cheap.Balance);
        Assert.Equal(Orders.Usd(0.5m), _x.Engine.HouseCommission);
    }

    [Fact]
    public void Grading_cancels_open_orders_frees_liability_and_closes_the_game()
    {
        Game game = MoneylineBet();
        Order open = _x.Rest(_maker, Orders.Home(game, 150, 50m));
        Assert.NotEqual(Money.Zero, _maker.Liability);

        GradeResult result = Grade(game, 101, 99);

        Assert.True(result.Changed);
        Assert.Equal(1, result.BetsSettled);
        Assert.True(game.Ended);
        Assert.Equal(new FinalScore(101, 99), game.Score);
        Assert.Equal(OrderState.Cancelled, open.State);
        Assert.Equal(CancelReason.MarketClosed, open.CancelReason);
        Assert.Equal(Money.Zero, _maker.Liability);
        Assert.Equal(Money.Zero, _taker.Liability);
        Assert.Equal(_taker.Balance, _taker.Available);
        Assert.Equal(RejectReason.GameNotOpen, _x.Reject(_taker, Orders.Away(game, 100, 20m)).Reason);
        Assert.IsType<Rejected>(_x.Run(new SetGameLive(game.Id, true)));
        Assert.Contains(_x.EventsOf<GameChanged>(), e => e.GameId == game.Id && e.Ended);
    }

    [Fact]
    public void Grading_emits_one_settlement_per_bet_and_each_accounts_net_balance_change()
    {
        Game game = MoneylineBet();
        _x.Events.Clear();

        Grade(game, 101, 99);

        BetSettled settled = Assert.Single(_x.EventsOf<BetSettled>());
        Assert.False(settled.Resettled);
        Assert.False(settled.AdminRefund);
        Assert.Equal(Orders.Usd(99m), settled.Settlement.TakerDelta);
        Assert.Equal(
            [(_maker.Id, -Orders.Usd(100m)), (_taker.Id, Orders.Usd(99m))],
            _x.EventsOf<BalanceChanged>().Select(e => (e.AccountId, e.Delta)).OrderBy(e => e.Item2));
        GameGraded graded = Assert.Single(_x.EventsOf<GameGraded>());
        Assert.Equal(new FinalScore(101, 99), graded.Score);
        Assert.False(graded.Regrade);
    }

    [Fact]
    public void The_ledger_records_the_payment_and_the_commission_as_entries()
    {
        Game game = MoneylineBet();

        Grade(game, 101, 99);

        Bet bet = Assert.Single(game.Bets);
        LedgerEntry[] entries = [.. _x.Engine.Ledger.Entries.Where(e => e.Reference == bet.TxId)];
        Assert.Equal(2, entries.Length);
        Assert.Equal((LedgerEntryKind.Settlement, LedgerParty.User(_maker.Id), LedgerParty.User(_taker.Id), Orders.Usd(100m)),
            (entries[0].Kind, entries[0].From, entries[0].To, entries[0].Amount));
        Assert.Equal((LedgerEntryKind.Commission, LedgerParty.User(_taker.Id), LedgerParty.House, Orders.Usd(1m)),
            (entries[1].Kind, entries[1].From, entries[1].To, entries[1].Amount));
        // The two deposits came first.
        Assert.Equal([LedgerEntryKind.Deposit, LedgerEntryKind.Deposit], _x.Engine.Ledger.Entries.Take(2).Select(e => e.Kind));
    }

    [Fact]
    public void Regrading_reverses_the_old_settlement_and_applies_the_new()
    {
        Game game = MoneylineBet();
        Grade(game, 99, 101); // home wins: taker −186
        int entriesBefore = _x.Engine.Ledger.Entries.Count;
        _x.Events.Clear();

        GradeResult result = Grade(game, 101, 99); // corrected: away wins

        Assert.True(result.Changed);
        AssertBalances(maker: 900m, taker: 1099m, house: 1m);
        LedgerEntry[] added = [.. _x.Engine.Ledger.Entries.Skip(entriesBefore)];
        Assert.Equal(
            [LedgerEntryKind.Reversal, LedgerEntryKind.Reversal, LedgerEntryKind.Settlement, LedgerEntryKind.Commission],
            added.Select(e => e.Kind));
        Assert.Equal([entriesBefore - 1, entriesBefore], added.Take(2).Select(e => e.Reverses));
        Assert.True(Assert.Single(_x.EventsOf<BetSettled>()).Resettled);
        Assert.True(Assert.Single(_x.EventsOf<GameGraded>()).Regrade);
        Assert.Equal(BetOutcome.Winner, Assert.Single(game.Bets).Settlement!.Value.TakerOutcome);
    }

    [Fact]
    public void Grading_again_with_the_same_score_changes_nothing()
    {
        Game game = MoneylineBet();
        Grade(game, 101, 99);
        string hash = _x.Engine.StateHash();
        int entries = _x.Engine.Ledger.Entries.Count;
        _x.Events.Clear();

        GradeResult again = Grade(game, 101, 99);

        Assert.False(again.Changed);
        Assert.Equal(entries, _x.Engine.Ledger.Entries.Count);
        Assert.Empty(_x.Events);
        Assert.NotEqual(hash, _x.Engine.StateHash()); // only the command count moved
    }

    [Fact]
    public void A_regrade_to_a_score_with_the_same_outcome_leaves_the_bet_alone()
    {
        Game game = MoneylineBet();
        Grade(game, 101, 99);
        ulong sequence = Assert.Single(game.Bets).SettleSequence;
        int entries = _x.Engine.Ledger.Entries.Count;

        GradeResult result = Grade(game, 110, 99);

        Assert.True(result.Changed);
        Assert.Equal(0, result.BetsSettled);
        Assert.Equal(entries, _x.Engine.Ledger.Entries.Count);
        Assert.Equal(sequence, Assert.Single(game.Bets).SettleSequence);
        Assert.Equal(new FinalScore(110, 99), game.Score);
    }

    [Fact]
    public void Void_refunds_every_bet_and_marks_it_an_admin_refund()
    {
        Game game = MoneylineBet();
        Order open = _x.Rest(_maker, Orders.Home(game, 150, 50m));

        GradeResult result = Void(game);

        Assert.True(result.Changed);
        AssertBalances(maker: 1000m, taker: 1000m, house: 0m);
        Bet bet = Assert.Single(game.Bets);
        Assert.Equal(BetOutcome.Refunded, bet.Settlement!.Value.TakerOutcome);
        Assert.True(bet.AdminRefund);
        Assert.True(game.Voided);
        Assert.Null(game.Score);
        Assert.Equal(CancelReason.MarketClosed, open.CancelReason);
        Assert.Equal(Money.Zero, _maker.Liability);
        Assert.Equal(2, _x.Engine.Ledger.Entries.Count); // the deposits only: a refund moves no money
    }

    [Fact]
    public void Voiding_a_graded_game_reverses_its_settlement()
    {
        Game game = MoneylineBet();
        Grade(game, 99, 101);

        Void(game);

        AssertBalances(maker: 1000m, taker: 1000m, house: 0m);
        Assert.Equal(2, _x.Engine.Ledger.Entries.Count(e => e.Kind == LedgerEntryKind.Reversal));
        Assert.False(Void(game).Changed);
    }

    [Fact]
    public void A_voided_game_can_be_graded_after_all()
    {
        Game game = MoneylineBet();
        Void(game);

        Grade(game, 99, 101);

        AssertBalances(maker: 1185m, taker: 814m, house: 1m);
        Assert.False(game.Voided);
        Assert.False(Assert.Single(game.Bets).AdminRefund);
    }

    [Fact]
    public void Grading_a_game_before_its_start_ends_it_and_the_start_timer_does_nothing()
    {
        Game game = MoneylineBet();
        Grade(game, 1, 0);
        _x.Events.Clear();

        _x.Advance(2 * TestExchange.Day);

        Assert.False(game.Started);
        Assert.Empty(_x.EventsOf<GameChanged>());
    }

    [Fact]
    public void Every_bet_of_a_busy_game_settles_and_the_identity_holds()
    {
        Game game = _x.SoccerGame();
        Account[] users = [_maker, _taker, _x.NewAccount(5000m), _x.NewAccount(5000m)];
        _x.Rest(users[0], Orders.Total("over", game, 2.75m, -120, 240m));
        _x.Accept(users[1], Orders.Total("under", game, 2.75m, 120, 100m));
        _x.Rest(users[2], Orders.Spread(game.Home, game, -0.75m, 105, 300m));
        _x.Accept(users[3], Orders.Spread(game.Away, game, 0.75m, -105, 315m));
        _x.Rest(users[1], Orders.OneXTwo("no", game.Home.Id.ToString(), game, -130, 130m));
        _x.Accept(users[2], Orders.OneXTwo("yes", game.Home.Id.ToString(), game, 130, 100m));
        _x.Rest(users[3], Orders.Away(game, 240, 50m));
        _x.Accept(users[0], Orders.Home(game, -240, 120m));

        GradeResult result = Grade(game, 1, 2);

        Assert.Equal(4, result.BetsSettled);
        Money total = users.Aggregate(Money.Zero, (sum, u) => sum + u.Balance) + _x.Engine.HouseCommission;
        Assert.Equal(_x.Engine.TotalDeposits - _x.Engine.TotalWithdrawals, total);
        Assert.All(game.Bets, b => Assert.Equal(Money.Zero, b.Settlement!.Value.TakerDelta + b.Settlement.Value.MakerDelta + b.Settlement.Value.Fee));
        // Regrade to a draw, then void: the identity holds at every step (TestExchange validates it).
        Grade(game, 1, 1);
        Void(game);
        Assert.All(users.Take(2), u => Assert.Equal(Orders.Usd(1000m), u.Balance));
        Assert.Equal(Money.Zero, _x.Engine.HouseCommission);
    }

    [Fact]
    public void An_order_held_by_the_live_delay_is_rejected_when_its_game_is_graded_before_the_release()
    {
        Game game = _x.NewGame();
        _x.SetLive(game);
        _x.Rest(_maker, Orders.Home(game, 110, 100m));
        _x.Hold(_taker, Orders.Away(game, -110, 50m));

        Grade(game, 1, 0);
        _x.Advance(60_000);

        OrderRejected rejected = Assert.IsType<OrderRejected>(Assert.Single(_x.EventsOf<HeldOrderResolved>()).Outcome);
        Assert.Equal(RejectReason.GameNotOpen, rejected.Reason);
        Assert.Empty(game.Bets);
        AssertBalances(maker: 1000m, taker: 1000m, house: 0m);
    }

    [Fact]
    public void Quarter_line_half_losses_never_cost_more_than_the_risk_reserved_at_the_fills()
    {
        // Two fills with odd micro-dollar stakes and commissions on a quarter line, by an account whose
        // available is exactly zero: each half loss takes half of the stored stake and half of the stored
        // commission, rounded down, so the account ends at zero, not a micro-dollar below (rules §9).
        Account taker = _x.NewAccount(30.3001m, name: "reserved"); // exactly the worst case, as settlement would pay it
        Game game = _x.NewGame();
        _x.Rest(_maker, Orders.Total("over", game, 1.5m, 100, 20m));
        _x.Accept(taker, Orders.Total("under", game, 1.5m, 100, 20m));
        _x.Rest(_maker, Orders.Total("under", game, 2.25m, 100, 10.0001m));
        _x.Rest(_x.NewAccount(1000m), Orders.Total("under", game, 2.25m, 100, 10.0001m));
        Assert.Equal(2, _x.Accept(taker, Orders.Total("over", game, 2.25m, 100, 20.0002m)).Fills.Count);
        Assert.Equal(Money.Zero, taker.Available);

        Grade(game, 1, 1); // under 1.5 loses; over 2.25: half pushes (2), half loses (2.5)

        Assert.False(taker.Available.IsNegative, $"available {taker.Available}");
        Assert.All(game.Bets.Where(b => b.Settlement!.Value.TakerOutcome == BetOutcome.HalfLoss), b =>
        {
            Assert.Equal(Money.FromMicros(b.TakerStake.Micros / 2), b.Settlement!.Value.TakerToMaker);
            Assert.Equal(Money.FromMicros(b.TakerFigures.LossCommission.Micros / 2), b.Settlement.Value.Fee);
        });
    }

    [Fact]
    public void Half_wins_paid_in_rounded_down_halves_never_leave_an_account_below_zero_available()
    {
        // Rules §5 and §9: liability is the worst-case loss, so a first grading can never take an account below zero available.
        Account u = _x.NewAccount(100m, name: "hedger");
        Game game = _x.SoccerGame();
        _x.Rest(u, Orders.Total("under", game, 1.5m, 100, 30m, OrderType.Post));
        _x.Accept(_taker, Orders.Total("over", game, 1.5m, 100, 30m)); // u: under 1.5 wins 30 or loses 30
        _x.Rest(u, Orders.Total("over", game, 1.75m, 100, 20.000002m, OrderType.Post));
        _x.Accept(_taker, Orders.Total("under", game, 1.75m, 100, 10.000001m)); // two fills at even money with an odd
        _x.Accept(_taker, Orders.Total("under", game, 1.75m, 100, 10.000001m)); // micro-dollar each: u wins A = 10.000001 twice
        // Worst case for u is a total of 2: under 1.5 loses 30; over 1.75 half-wins (1.5 wins, 2 pushes), which settlement pays
        // as floor(10.000001 / 2) = 5.000000 per fill, 10.000000 in all: a loss of 20.000000. Anything less is understated.
        Assert.Equal(-Orders.Usd(20m), u.Liability);
        Assert.IsType<AccountResult>(_x.Run(new Withdraw(u.Id, u.Available)));

        Grade(game, 1, 1);

        Assert.Equal(Money.Zero, u.Balance);
        Assert.Equal(Money.Zero, u.Available);
    }

    [Fact]
    public void Settle_logs_find_the_first_settlement_after_a_time_and_the_ledger_keeps_each_users_running_balance()
    {
        Game first = MoneylineBet();
        Game second = MoneylineBet();
        long t1 = _x.Now;
        Grade(first, 101, 99);
        _x.Advance(1_000);
        long t2 = _x.Now;
        Grade(second, 99, 101);
        _x.Advance(1_000);
        Grade(first, 99, 101); // regrade: the bet appears again, later

        Assert.Equal(0, _x.Engine.SettlementIndexAfter(t1 - 1));
        Assert.Equal(1, _x.Engine.SettlementIndexAfter(t1));
        Assert.Equal(2, _x.Engine.SettlementIndexAfter(t2));
        Assert.Equal(3, _x.Engine.SettlementIndexAfter(_x.Now));
        Assert.Equal(1, _taker.SettlementIndexAfter(t1));
        Assert.Equal(
            [1000m, 1100m, 1099m, 914m, 913m, 813m, 814m, 629m, 628m],
            _x.Engine.Ledger.HistoryOf(_taker.Id).Select(h => h.Balance.ToDecimal(2)));
        Assert.Equal(_taker.Balance, _x.Engine.Ledger.HistoryOf(_taker.Id)[^1].Balance);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -5)]
    [InlineData(1_000_001, 0)]
    public void Scores_outside_0_to_a_million_are_rejected(int away, int home)
    {
        Game game = MoneylineBet();

        Rejected rejected = Assert.IsType<Rejected>(_x.Run(new GradeGame(game.Id, away, home)));

        Assert.Equal(RejectReason.InvalidScore, rejected.Reason);
        Assert.False(game.Ended);
    }

    [Fact]
    public void Unknown_games_are_rejected()
    {
        Assert.Equal(RejectReason.UnknownGame, Assert.IsType<Rejected>(_x.Run(new GradeGame(new ObjectId(1, 2), 1, 0))).Reason);
        Assert.Equal(RejectReason.UnknownGame, Assert.IsType<Rejected>(_x.Run(new VoidGame(new ObjectId(1, 2)))).Reason);
    }

    [Fact]
    public void A_winner_can_withdraw_the_winnings()
    {
        Game game = MoneylineBet();
        Grade(game, 101, 99);

        Assert.IsType<AccountResult>(_x.Run(new Withdraw(_taker.Id, Orders.Usd(1099m))));

        Assert.Equal(Money.Zero, _taker.Balance);
        Assert.Equal(LedgerEntryKind.Withdrawal, _x.Engine.Ledger.Entries[^1].Kind);
    }
}
