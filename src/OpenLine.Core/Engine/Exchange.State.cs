using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenLine.Core;

// Self-checks: a hash of the whole state (for replay and snapshot proofs) and the invariants.
public sealed partial class Exchange
{
    /// <summary>
    /// SHA-256 over a canonical rendering of the entire state (accounts, games, books with their
    /// FIFO order, orders, bets, tokens, held orders, counters). Two engines that applied the same
    /// commands at the same times have equal hashes.
    /// </summary>
    public string StateHash()
    {
        using var hash = new StateHasher();
        hash.Add(Now).Add(CommandCount).Add(_ids.LastSequence).Add(_prioritySequence).Add(_holdSequence);
        hash.Add(TotalDeposits).Add(TotalWithdrawals);
        foreach (Account a in _accounts.Values.OrderBy(a => a.Id))
        {
            hash.Add(a.Id).Add(a.Username).Add(a.PasswordHash).Add(a.Balance).Add(a.CreditLimit).Add(a.Commission.Ppm)
                .Add(a.RestingStake).Add(a.MatchedRisk).Add(a.CreatedAt).Add(a.OpenOrders.Count).Add(a.Bets.Count);
        }
        foreach (Game g in _games.Values.OrderBy(g => g.Id))
        {
            hash.Add(g.Id).Add(g.League).Add(g.Sport).Add(g.StartsAt).Add(g.EventName ?? "").Add(g.Away.Id).Add(g.Home.Id)
                .Add(g.Live).Add(g.Started).Add(g.Ended).Add(g.MatchedVolume).Add(g.CreatedAt);
            foreach (OrderBook book in g.Books)
            {
                hash.Add((int)book.Type).Add(book.Key.Line);
                for (int side = 0; side < 2; side++)
                {
                    foreach (PriceLevel level in book.Side(side).LevelsBestFirst)
                    {
                        hash.Add(level.MakerOdds.Value).Add(level.TotalRemaining);
                        foreach (Order o in level.Orders)
                        {
                            hash.Add(o.Id);
                        }
                    }
                }
            }
        }
        foreach (Participant p in _participants.Values.OrderBy(p => p.Id))
        {
            hash.Add(p.Id).Add(p.LongName).Add(p.ShortName).Add(p.League).Add(p.Sport);
        }
        foreach (Order o in _orders.Values.OrderBy(o => o.Id))
        {
            hash.Add(o.Id).Add(o.WagerRequestId).Add(o.Owner.Id).Add(o.Side).Add(o.Odds.Value).Add(o.Offered).Add(o.Remaining)
                .Add(o.Filled).Add(o.Released).Add(o.CreatedAt).Add(o.ExpiresAt ?? -1).Add(o.GameStartExpiry).Add(o.PlacedLive)
                .Add(o.IsPostArb).Add(o.UserReference ?? "\0").Add(o.Priority).Add((int)o.State).Add((int)(o.CancelReason ?? (CancelReason)255))
                .Add(o.ClosedAt ?? -1).Add((int)o.Platform);
        }
        foreach (Bet b in _bets.Values.OrderBy(b => b.TxId))
        {
            hash.Add(b.TxId).Add(b.MakerOrder.Id).Add(b.Taker.Id).Add(b.TakerWagerRequestId).Add(b.TakerSide).Add(b.TakerStake)
                .Add(b.MakerStake).Add(b.TakerFigures.Risk).Add(b.TakerFigures.Win).Add(b.IsPostArb).Add(b.TakerUserReference ?? "\0").Add(b.MatchedAt)
                .Add((int)b.TakerPlatform);
        }
        foreach (KeyValuePair<string, TokenGrant> t in _tokens.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            hash.Add(t.Key).Add(t.Value.AccountId).Add(t.Value.ExpiresAt);
        }
        foreach (HeldOrder h in _held.Values.OrderBy(h => h.HoldId))
        {
            hash.Add(h.HoldId).Add(h.Account.Id).Add(h.ReleaseAt).Add(h.Request.ToString());
        }
        HashIdempotency(hash);
        HashOrderState(hash);
        foreach (KeyValuePair<ObjectId, WagerRequest> w in _wagerRequests.OrderBy(w => w.Key))
        {
            hash.Add(w.Key).Add(w.Value.Owner.Id).Add(w.Value.Rest?.Id ?? ObjectId.Empty);
        }
        var options = new BinaryOutput();
        CommandCodec.Write(new ConfigureExchange(Options), options);
        HashSettlement(hash);
        hash.Add(Convert.ToBase64String(options.Written)).Add(_timerSequence).Add(_timers.Count);
        foreach ((Timer timer, (long Due, ulong Sequence) at) in _timers.UnorderedItems.OrderBy(t => t.Priority.Sequence))
        {
            hash.Add(at.Due).Add(at.Sequence).Add((int)timer.Kind).Add(timer.Order?.Id ?? timer.Game?.Id ?? timer.Account).Add(timer.HoldId);
        }
        return hash.Finish();
    }

    private void HashSettlement(StateHasher hash)
    {
        hash.Add(_settleSequence);
        foreach (Game g in _games.Values.OrderBy(g => g.Id))
        {
            hash.Add(g.Voided).Add(g.Score?.Away ?? -1).Add(g.Score?.Home ?? -1).Add(g.SettledAt).Add(g.Corrections);
        }
        foreach (Bet b in _bets.Values.OrderBy(b => b.TxId))
        {
            hash.Add(b.TakerCommission.Ppm).Add(b.AdminRefund).Add(b.SettledAt).Add(b.SettleSequence).Add(b.FirstEntry).Add(b.EntryCount);
            if (b.Settlement is { } s)
            {
                hash.Add((int)s.TakerOutcome).Add(s.MakerToTaker).Add(s.TakerToMaker).Add(s.Fee);
            }
        }
        hash.Add(Ledger.Entries.Count);
        foreach (LedgerEntry e in Ledger.Entries)
        {
            hash.Add(e.At).Add((int)e.Kind).Add((int)e.From.Kind).Add(e.From.Account).Add((int)e.To.Kind).Add(e.To.Account)
                .Add(e.Amount).Add(e.Reference).Add(e.Reverses);
        }
    }

    /// <summary>
    /// The history behind each bet's settlement: every settlement or commission entry is either one of
    /// its bet's current entries or reversed exactly once (and a reversal is never reversed), so all
    /// the entries that name a bet add up to its current settlement; that settlement is the one the
    /// game's result gives; the settle logs hold every current settlement once, in time order; and
    /// no account's available is negative (rules §9: credit limits are part of it) beyond what corrections
    /// took from it: a correction (a regrade, or a void and a result in either order) can take back winnings
    /// or refunds already withdrawn or staked, and then the account owes the difference. The allowance is
    /// every amount the ledger took from the account for bets of corrected games (their reversals and
    /// settlements), which bounds what those corrections took; an account with no such bet has none.
    /// </summary>
    private void ValidateSettlementHistory(List<string> problems)
    {
        var reversed = new Dictionary<long, int>();
        var takenByCorrections = new Dictionary<ObjectId, Money>();
        void Taken(ObjectId account, Money delta)
        {
            if (delta.IsNegative)
            {
                takenByCorrections[account] = takenByCorrections.GetValueOrDefault(account) - delta;
            }
        }
        var perBet = new Dictionary<ObjectId, (Money Taker, Money Maker, Money House)>();
        foreach (LedgerEntry e in Ledger.Entries)
        {
            if (e.Kind == LedgerEntryKind.Reversal)
            {
                reversed[e.Reverses] = reversed.GetValueOrDefault(e.Reverses) + 1;
            }
            if (!e.Reference.IsEmpty && _bets.TryGetValue(e.Reference, out Bet? bet))
            {
                (Money t, Money m, Money h) = perBet.GetValueOrDefault(bet.TxId);
                perBet[bet.TxId] = (t + e.DeltaFor(LedgerParty.User(bet.Taker.Id)), m + e.DeltaFor(LedgerParty.User(bet.Maker.Id)),
                    h + e.DeltaFor(LedgerParty.House));
                if (bet.Game.Corrections > 0)
                {
                    Taken(bet.Taker.Id, e.DeltaFor(LedgerParty.User(bet.Taker.Id)));
                    Taken(bet.Maker.Id, e.DeltaFor(LedgerParty.User(bet.Maker.Id)));
                }
            }
            else if (e.Kind is LedgerEntryKind.Settlement or LedgerEntryKind.Commission or LedgerEntryKind.Reversal)
            {
                problems.Add($"ledger entry {e.Sequence}: names no known bet");
            }
        }
        foreach (LedgerEntry e in Ledger.Entries)
        {
            int times = reversed.GetValueOrDefault(e.Sequence);
            bool current = _bets.TryGetValue(e.Reference, out Bet? bet) && e.Sequence >= bet.FirstEntry && e.Sequence < bet.FirstEntry + bet.EntryCount;
            bool expected = e.Kind is LedgerEntryKind.Settlement or LedgerEntryKind.Commission && !current ? times == 1 : times == 0;
            if (!expected)
            {
                problems.Add($"ledger entry {e.Sequence} ({e.Kind}): reversed {times} times");
            }
        }
        foreach (Bet b in _bets.Values)
        {
            BetSettlement s = b.Settlement ?? default;
            (Money t, Money m, Money h) = perBet.GetValueOrDefault(b.TxId);
            if (t != s.TakerDelta || m != s.MakerDelta || h != s.Fee)
            {
                problems.Add($"bet {b.TxId}: all its ledger entries move {t}/{m}/{h}, its settlement {s.TakerDelta}/{s.MakerDelta}/{s.Fee}");
            }
            if (b.Game.Ended)
            {
                BetSettlement due = b.Game.Score is { } score
                    ? BetSettlement.Settle(b.Book.Key, b.TakerSide, b.TakerStake, b.MakerStake, b.TakerCommission, score.Away, score.Home)
                    : BetSettlement.Refund;
                if (b.Settlement != due || b.AdminRefund != b.Game.Voided)
                {
                    problems.Add($"bet {b.TxId}: settled {b.Settlement} (adminRefund {b.AdminRefund}) but its game's result gives {due}");
                }
            }
        }
        var graded = new Dictionary<Account, int>();
        foreach (Bet b in _bets.Values.Where(b => b.IsGraded))
        {
            graded[b.Taker] = graded.GetValueOrDefault(b.Taker) + 1;
            graded[b.Maker] = graded.GetValueOrDefault(b.Maker) + 1;
        }
        ValidateSettleLog(problems, "exchange", _settlements, _ => true, _bets.Values.Count(b => b.IsGraded));
        foreach (Account a in _accounts.Values)
        {
            ValidateSettleLog(problems, a.Username, a.Settlements, b => b.Taker == a || b.Maker == a, graded.GetValueOrDefault(a));
            Money allowance = takenByCorrections.GetValueOrDefault(a.Id);
            if ((a.Available + allowance).IsNegative)
            {
                problems.Add($"account {a.Username}: available {a.Available} is negative"
                    + (allowance.IsZero ? "" : $" by more than corrections took from it ({allowance})"));
            }
        }
    }

    private static void ValidateSettleLog(List<string> problems, string owner, IReadOnlyList<(ulong Sequence, Bet Bet)> log, Func<Bet, bool> belongs,
        int current)
    {
        var seen = new HashSet<ObjectId>();
        ulong previous = 0;
        long previousAt = 0;
        foreach ((ulong sequence, Bet bet) in log)
        {
            if (sequence <= previous || !belongs(bet))
            {
                problems.Add($"{owner}: settle log out of order or holds a foreign bet at {sequence}");
            }
            previous = sequence;
            if (sequence == bet.SettleSequence)
            {
                if (!seen.Add(bet.TxId) || bet.SettledAt < previousAt)
                {
                    problems.Add($"{owner}: settle log repeats bet {bet.TxId} or goes back in time");
                }
                previousAt = bet.SettledAt;
            }
        }
        if (seen.Count != current)
        {
            problems.Add($"{owner}: settle log holds {seen.Count} current settlements, {current} bets are graded");
        }
    }

    /// <summary>
    /// The ledger's checks: every user's balance and the house's are the sums of their entries;
    /// rules §9's identity (deposits − withdrawals = Σ balances + house commission); each graded
    /// bet's current entries are exactly its settlement, and conserve money; an ended game has
    /// every bet settled and nothing open, an open one none settled.
    /// </summary>
    private void ValidateLedger(List<string> problems)
    {
        var sums = new Dictionary<LedgerParty, Money>();
        Money deposits = Money.Zero;
        Money withdrawals = Money.Zero;
        for (int i = 0; i < Ledger.Entries.Count; i++)
        {
            LedgerEntry e = Ledger.Entries[i];
            if (e.Sequence != i + 1 || !e.Amount.IsPositive || e.From == e.To)
            {
                problems.Add($"ledger entry {i + 1}: malformed ({e})");
            }
            if (e.Kind == LedgerEntryKind.Reversal)
            {
                LedgerEntry original = e.Reverses is > 0 && e.Reverses < e.Sequence ? Ledger[e.Reverses] : default;
                if (original.Amount != e.Amount || original.From != e.To || original.To != e.From || original.Reference != e.Reference)
                {
                    problems.Add($"ledger entry {e.Sequence}: not the reversal of entry {e.Reverses}");
                }
            }
            deposits += e.Kind == LedgerEntryKind.Deposit ? e.Amount : Money.Zero;
            withdrawals += e.Kind == LedgerEntryKind.Withdrawal ? e.Amount : Money.Zero;
            sums[e.From] = sums.GetValueOrDefault(e.From) - e.Amount;
            sums[e.To] = sums.GetValueOrDefault(e.To) + e.Amount;
        }
        Money balances = Money.Zero;
        foreach (Account a in _accounts.Values)
        {
            balances += a.Balance;
            IReadOnlyList<(long Sequence, Money Balance)> history = Ledger.HistoryOf(a.Id);
            if ((history.Count == 0 ? Money.Zero : history[^1].Balance) != a.Balance)
            {
                problems.Add($"account {a.Username}: its ledger history ends at a balance other than {a.Balance}");
            }
            if (a.Balance != sums.GetValueOrDefault(LedgerParty.User(a.Id)))
            {
                problems.Add($"account {a.Username}: balance {a.Balance} but its ledger entries sum to {sums.GetValueOrDefault(LedgerParty.User(a.Id))}");
            }
        }
        Money house = sums.GetValueOrDefault(LedgerParty.House);
        if (house != Ledger.HouseBalance || house.IsNegative)
        {
            problems.Add($"house: balance {Ledger.HouseBalance} but its ledger entries sum to {house}");
        }
        if (-sums.GetValueOrDefault(LedgerParty.World) != TotalDeposits - TotalWithdrawals || Ledger.NetFunding != TotalDeposits - TotalWithdrawals)
        {
            problems.Add($"ledger: the outside world's entries do not match deposits {TotalDeposits} − withdrawals {TotalWithdrawals}");
        }
        if (!Ledger.Entries.Any(e => e.Kind == LedgerEntryKind.Opening) && (deposits != TotalDeposits || withdrawals != TotalWithdrawals))
        {
            problems.Add($"ledger: deposit entries {deposits} / withdrawal entries {withdrawals} differ from the totals {TotalDeposits} / {TotalWithdrawals}");
        }
        if (TotalDeposits - TotalWithdrawals != balances + house)
        {
            problems.Add($"identity: deposits {TotalDeposits} − withdrawals {TotalWithdrawals} ≠ Σ balances {balances} + house {house}");
        }
        foreach (Bet b in _bets.Values)
        {
            if (b.Game.Ended != b.IsGraded)
            {
                problems.Add($"bet {b.TxId}: graded is {b.IsGraded} but its game ended is {b.Game.Ended}");
            }
            if (b.Settlement is not { } s)
            {
                continue;
            }
            if (s.TakerDelta + s.MakerDelta + s.Fee != Money.Zero || s.Fee.IsNegative || s.MakerToTaker.IsNegative || s.TakerToMaker.IsNegative)
            {
                problems.Add($"bet {b.TxId}: settlement does not conserve money");
            }
            Money taker = Money.Zero;
            Money maker = Money.Zero;
            Money fee = Money.Zero;
            for (int i = 0; i < b.EntryCount; i++)
            {
                LedgerEntry e = Ledger[b.FirstEntry + i];
                if (e.Reference != b.TxId || e.Kind is not (LedgerEntryKind.Settlement or LedgerEntryKind.Commission))
                {
                    problems.Add($"bet {b.TxId}: ledger entry {e.Sequence} is not one of its settlement entries");
                }
                taker += e.DeltaFor(LedgerParty.User(b.Taker.Id));
                maker += e.DeltaFor(LedgerParty.User(b.Maker.Id));
                fee += e.DeltaFor(LedgerParty.House);
            }
            if (taker != s.TakerDelta || maker != s.MakerDelta || fee != s.Fee)
            {
                problems.Add($"bet {b.TxId}: its ledger entries move {taker}/{maker}/{fee}, its settlement says {s.TakerDelta}/{s.MakerDelta}/{s.Fee}");
            }
        }
        ValidateSettlementHistory(problems);
        foreach (Game g in _games.Values)
        {
            if (g.Ended != (g.Score is not null || g.Voided) || (g.Score is not null && g.Voided))
            {
                problems.Add($"game {g.Id}: ended {g.Ended} but score {g.Score} / voided {g.Voided}");
            }
        }
    }

    /// <summary>
    /// Checks every invariant the engine maintains incrementally against a recomputation from
    /// scratch, and that no two accounts' orders cross. Returns the violations (empty when sound).
    /// </summary>
    public IReadOnlyList<string> ValidateInternalState()
    {
        List<string> problems = [];
        var resting = new Dictionary<Account, Money>();
        var matched = new Dictionary<Account, Money>();
        foreach (Game game in _games.Values)
        {
            foreach (OrderBook book in game.Books)
            {
                for (int side = 0; side < 2; side++)
                {
                    int previousKey = int.MinValue;
                    foreach (PriceLevel level in book.Side(side).LevelsBestFirst)
                    {
                        if (level.MakerOdds.Key <= previousKey)
                        {
                            problems.Add($"{game.Id} {book.Key}: levels of side {side} are not sorted best first");
                        }
                        previousKey = level.MakerOdds.Key;
                        Money total = Money.Zero;
                        ulong previousPriority = 0;
                        int count = 0;
                        foreach (Order o in level.Orders)
                        {
                            count++;
                            total += o.Remaining;
                            if (o.Priority <= previousPriority)
                            {
                                problems.Add($"order {o.Id}: FIFO broken within its price level");
                            }
                            previousPriority = o.Priority;
                            if (o.State != OrderState.Open || o.Remaining < Money.OneCent || o.Odds != level.MakerOdds || o.Side != side)
                            {
                                problems.Add($"order {o.Id}: on the book but not a valid open order of this level");
                            }
                            resting[o.Owner] = resting.GetValueOrDefault(o.Owner) + o.Remaining;
                        }
                        if (total != level.TotalRemaining || count != level.Count || count == 0)
                        {
                            problems.Add($"{game.Id} {book.Key}: level {level.MakerOdds} totals are off");
                        }
                    }
                }
                problems.AddRange(CrossedBetweenAccounts(book));
            }
        }
        foreach (Order o in _orders.Values)
        {
            if (o.State == OrderState.Open && o.Level is null)
            {
                problems.Add($"order {o.Id}: open but not on the book");
            }
            if (o.State != OrderState.Cancelled && o.Filled + o.Remaining + o.Released != o.Offered)
            {
                problems.Add($"order {o.Id}: filled + remaining + released differs from offered");
            }
        }
        var positions = new Dictionary<(Account, Game), GamePosition>();
        void Add(Account account, Bet bet, int side, PositionAmounts amounts)
        {
            if (!positions.TryGetValue((account, bet.Game), out GamePosition? position))
            {
                position = new GamePosition(bet.Game);
                positions.Add((account, bet.Game), position);
            }
            position.Add(bet.Book.Key, side, amounts);
        }
        foreach (Bet b in _bets.Values)
        {
            if (b.Game.Ended)
            {
                continue; // graded or voided: no longer at risk
            }
            Add(b.Taker, b, b.TakerSide, PositionAmounts.Of(b.TakerFigures));
            Add(b.Maker, b, 1 - b.TakerSide, PositionAmounts.ForMaker(b.TakerStake, b.MakerStake));
            if (b.MakerStake != b.TakerOdds.WinOn(b.TakerStake))
            {
                problems.Add($"bet {b.TxId}: maker stake is not floor(A × m(taker odds))");
            }
        }
        foreach (((Account account, Game _), GamePosition position) in positions)
        {
            matched[account] = matched.GetValueOrDefault(account) + position.Exposure;
        }
        foreach (Account a in _accounts.Values)
        {
            if (a.RestingStake != resting.GetValueOrDefault(a))
            {
                problems.Add($"account {a.Username}: resting stake {a.RestingStake} but its open orders total {resting.GetValueOrDefault(a)}");
            }
            if (a.MatchedRisk != matched.GetValueOrDefault(a))
            {
                problems.Add($"account {a.Username}: matched risk {a.MatchedRisk} but its bets' worst cases total {matched.GetValueOrDefault(a)}");
            }
            if (a.OpenOrders.Count != a.OpenOrders.Count(o => o.State == OrderState.Open && o.Owner == a && !o.Game.Ended))
            {
                problems.Add($"account {a.Username}: open-order index holds closed, foreign or ended-game orders");
            }
            if (a.Positions.Keys.Any(g => g.Ended))
            {
                problems.Add($"account {a.Username}: still holds a position on an ended game");
            }
        }
        ValidateLedger(problems);
        return problems;
    }

    /// <summary>Adds a bet to both accounts' game positions: the taker wins its net win or loses its risk; the maker wins the taker's stake or loses its own.</summary>
    private static void AddBetToPositions(Bet bet)
    {
        bet.Taker.AddToPosition(bet.Game, bet.Book.Key, bet.TakerSide, PositionAmounts.Of(bet.TakerFigures));
        bet.Maker.AddToPosition(bet.Game, bet.Book.Key, 1 - bet.TakerSide, PositionAmounts.ForMaker(bet.TakerStake, bet.MakerStake));
    }

    private static IEnumerable<string> CrossedBetweenAccounts(OrderBook book)
    {
        // Any side-0 order and side-1 order of different accounts that would match each other.
        foreach (PriceLevel zero in book.Side(0).LevelsBestFirst)
        {
            foreach (PriceLevel one in book.Side(1).LevelsBestFirst)
            {
                if (one.TakerOdds < zero.MakerOdds)
                {
                    break;
                }
                foreach (Order a in zero.Orders)
                {
                    foreach (Order b in one.Orders)
                    {
                        if (a.Owner != b.Owner)
                        {
                            yield return $"{book.Game.Id} {book.Key}: order {a.Id} ({a.Odds}) crosses order {b.Id} ({b.Odds}) of another account";
                        }
                    }
                }
            }
        }
    }

    private sealed class StateHasher : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _buffer = new byte[16];

        public StateHasher Add(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer, value);
            _hash.AppendData(_buffer, 0, 8);
            return this;
        }

        public StateHasher Add(ulong value) => Add(unchecked((long)value));
        public StateHasher Add(int value) => Add((long)value);
        public StateHasher Add(bool value) => Add(value ? 1L : 0L);
        public StateHasher Add(Money value) => Add(value.Micros);
        public StateHasher Add(ObjectId value) => Add((long)value.Seconds).Add(value.Sequence);

        public StateHasher Add(string value)
        {
            Add(value.Length);
            _hash.AppendData(Encoding.UTF8.GetBytes(value));
            return this;
        }

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }
}
