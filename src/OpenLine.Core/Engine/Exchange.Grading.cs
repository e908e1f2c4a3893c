namespace OpenLine.Core;

// Grading and voids (rules §7): settling every bet of an ended game through the ledger.
public sealed partial class Exchange
{
    private CommandResult Grade(GradeGame command, List<ExchangeEvent> events)
    {
        if (!_games.TryGetValue(command.GameId, out Game? game))
        {
            return new Rejected(RejectReason.UnknownGame, "game not found");
        }
        var score = new FinalScore(command.AwayScore, command.HomeScore);
        if (!score.IsValid)
        {
            return new Rejected(RejectReason.InvalidScore, $"awayScore and homeScore must be whole numbers from 0 to {FinalScore.MaxScore}");
        }
        if (game.Score == score)
        {
            return new GradeResult(game, 0, Changed: false, Overdrawn: []); // the same result again: nothing to do
        }
        bool regrade = game.Ended;
        game.Corrections += regrade ? 1 : 0;
        Dictionary<Account, Money> availableBefore = AvailableOfBettors(game);
        Close(game, events);
        game.Score = score;
        game.Voided = false;
        game.SettledAt = Now;
        (int settled, List<Account> touched) = SettleAll(game, bet => BetSettlement.Settle(bet.Book.Key, bet.TakerSide, bet.TakerStake,
            bet.MakerStake, bet.TakerCommission, score.Away, score.Home), adminRefund: false, events);
        events.Add(new GameGraded(Now, game.Id, score, Voided: false, regrade, settled));
        return new GradeResult(game, settled, Changed: true, LeftOwing(touched, availableBefore));
    }

    private CommandResult Void(VoidGame command, List<ExchangeEvent> events)
    {
        if (!_games.TryGetValue(command.GameId, out Game? game))
        {
            return new Rejected(RejectReason.UnknownGame, "game not found");
        }
        if (game.Voided)
        {
            return new GradeResult(game, 0, Changed: false, Overdrawn: []);
        }
        bool regrade = game.Ended;
        game.Corrections += regrade ? 1 : 0;
        Dictionary<Account, Money> availableBefore = AvailableOfBettors(game);
        Close(game, events);
        game.Score = null;
        game.Voided = true;
        game.SettledAt = Now;
        (int settled, List<Account> touched) = SettleAll(game, _ => BetSettlement.Refund, adminRefund: true, events);
        events.Add(new GameGraded(Now, game.Id, Score: null, Voided: true, regrade, settled));
        return new GradeResult(game, settled, Changed: true, LeftOwing(touched, availableBefore));
    }

    /// <summary>Ends a game once: cancels its open orders and takes its bets out of every account's liability.</summary>
    private void Close(Game game, List<ExchangeEvent> events)
    {
        if (game.Ended)
        {
            return;
        }
        game.Ended = true;
        CancelGameOrders(game, _ => true, CancelReason.MarketClosed, events);
        foreach (Bet bet in game.Bets)
        {
            bet.Taker.RemovePosition(game);
            bet.Maker.RemovePosition(game);
        }
        events.Add(new GameChanged(Now, game.Id, game.Live, game.Started, game.Ended));
    }

    /// <summary>What each account with a bet on the game has available, before the game closes and settles.</summary>
    private static Dictionary<Account, Money> AvailableOfBettors(Game game)
    {
        var available = new Dictionary<Account, Money>();
        foreach (Bet bet in game.Bets)
        {
            available.TryAdd(bet.Taker, bet.Taker.Available);
            available.TryAdd(bet.Maker, bet.Maker.Available);
        }
        return available;
    }

    /// <summary>
    /// The accounts among <paramref name="touched"/> this settlement left owing: available negative, and lower
    /// than before it. Only a correction can lower an account's available (a first result or void pays what
    /// was reserved), so for those this is empty, even for an account still owing from an earlier correction.
    /// </summary>
    private static List<Account> LeftOwing(List<Account> touched, Dictionary<Account, Money> availableBefore) =>
        touched.Where(a => a.Available.IsNegative && a.Available < availableBefore[a]).ToList();

    /// <summary>
    /// Settles every bet of the game whose settlement differs from its current one: reverses the
    /// current settlement's ledger entries, posts the new ones, and reports each account's net cash change.
    /// Returns how many bets it settled and the accounts whose settlements it touched, in first-touched order.
    /// </summary>
    private (int Count, List<Account> Touched) SettleAll(Game game, Func<Bet, BetSettlement> settle, bool adminRefund, List<ExchangeEvent> events)
    {
        var deltas = new Dictionary<Account, Money>();
        List<Account> touched = [];
        void Note(Account account, Money before)
        {
            if (!deltas.ContainsKey(account))
            {
                touched.Add(account);
                deltas[account] = before;
            }
        }
        int count = 0;
        foreach (Bet bet in game.Bets)
        {
            BetSettlement next = settle(bet);
            if (bet.Settlement == next && bet.AdminRefund == adminRefund)
            {
                continue;
            }
            Note(bet.Taker, bet.Taker.Balance);
            Note(bet.Maker, bet.Maker.Balance);
            bool resettled = bet.IsGraded;
            for (int i = 0; i < bet.EntryCount; i++)
            {
                Reverse(bet.FirstEntry + i);
            }
            LedgerParty taker = LedgerParty.User(bet.Taker.Id);
            LedgerParty maker = LedgerParty.User(bet.Maker.Id);
            long first = Ledger.Entries.Count + 1;
            int entries = Post(LedgerEntryKind.Settlement, maker, taker, next.MakerToTaker, bet.TxId)
                + Post(LedgerEntryKind.Settlement, taker, maker, next.TakerToMaker, bet.TxId)
                + Post(LedgerEntryKind.Commission, taker, LedgerParty.House, next.Fee, bet.TxId);
            bet.FirstEntry = entries == 0 ? 0 : first;
            bet.EntryCount = entries;
            bet.Settlement = next;
            bet.AdminRefund = adminRefund;
            bet.SettledAt = Now;
            bet.SettleSequence = ++_settleSequence;
            _settlements.Add((bet.SettleSequence, bet));
            _settlementTimes.Add(Now);
            bet.Taker.AddSettlement(bet.SettleSequence, bet);
            bet.Maker.AddSettlement(bet.SettleSequence, bet);
            events.Add(new BetSettled(Now, bet.TxId, game.Id, bet.Taker.Id, bet.Maker.Id, next, adminRefund, bet.SettleSequence, resettled));
            count++;
        }
        foreach (Account account in touched)
        {
            Money delta = account.Balance - deltas[account];
            if (!delta.IsZero)
            {
                events.Add(new BalanceChanged(Now, account.Id, delta, account.Balance));
            }
        }
        return (count, touched);
    }

    /// <summary>Appends one ledger entry (none for a zero amount) and moves the users' balances with it; returns how many entries it wrote.</summary>
    private int Post(LedgerEntryKind kind, LedgerParty from, LedgerParty to, Money amount, ObjectId reference)
    {
        if (amount.IsZero)
        {
            return 0;
        }
        Apply(Ledger.Append(Now, kind, from, to, amount, reference));
        return 1;
    }

    private void Reverse(long sequence) => Apply(Ledger.Reverse(Now, sequence));

    private void Apply(LedgerEntry entry)
    {
        if (entry.From.Kind == LedgerPartyKind.User)
        {
            _accounts[entry.From.Account].Balance -= entry.Amount;
        }
        if (entry.To.Kind == LedgerPartyKind.User)
        {
            _accounts[entry.To.Account].Balance += entry.Amount;
        }
    }
}
