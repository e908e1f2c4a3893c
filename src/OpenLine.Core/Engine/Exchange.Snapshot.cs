namespace OpenLine.Core;

// Snapshots: the whole engine state as bytes, and back. A restored engine has the same
// StateHash as the one that wrote it, and goes on to produce the same events and ids.
public sealed partial class Exchange
{
    private const int SnapshotMagic = 0x4F4C534E; // "OLSN"
    private const byte SnapshotVersion = 3; // 2 adds settlement: game results, bets' grading, the ledger; 3 orders' and bets' platforms

    public void WriteSnapshot(BinaryOutput output)
    {
        output.Int32(SnapshotMagic).Byte(SnapshotVersion);
        CommandCodec.Write(new ConfigureExchange(Options), output);
        output.Int64(Now).UInt64(CommandCount).UInt64(_ids.LastSequence).UInt64(_timerSequence).UInt64(_prioritySequence).UInt64(_holdSequence)
            .Money(TotalDeposits).Money(TotalWithdrawals);

        output.Int32(_accounts.Count);
        foreach (Account a in _accounts.Values.OrderBy(a => a.Id))
        {
            output.Id(a.Id).String(a.Username).String(a.PasswordHash).Money(a.Balance).Money(a.CreditLimit).Int32(a.Commission.Ppm).Int64(a.CreatedAt);
        }

        output.Int32(_participants.Count);
        foreach (Participant p in _participants.Values.OrderBy(p => p.Id))
        {
            output.Id(p.Id).String(p.LongName).String(p.ShortName).String(p.League).String(p.Sport);
        }

        output.Int32(_games.Count);
        foreach (Game g in _games.Values.OrderBy(g => g.Id))
        {
            output.Id(g.Id).String(g.League).String(g.Sport).Int64(g.StartsAt).NullableString(g.EventName).Id(g.Away.Id).Id(g.Home.Id)
                .Int64(g.CreatedAt).Bool(g.Live).Bool(g.Started).Bool(g.Ended).Money(g.MatchedVolume).Int32(g.BookCount);
            foreach (OrderBook book in g.Books)
            {
                output.Byte((byte)book.Type).Int32(book.Key.Line);
            }
        }

        output.Int32(_orders.Count);
        foreach (Order o in _orders.Values.OrderBy(o => o.Id))
        {
            output.Id(o.Id).Id(o.WagerRequestId).Id(o.Owner.Id).Id(o.Game.Id).Byte((byte)o.Book.Type).Int32(o.Book.Key.Line).Byte((byte)o.Side)
                .Int32(o.Odds.Value).Money(o.Offered).Money(o.Remaining).Money(o.Filled).Money(o.Released).Int64(o.CreatedAt).NullableInt64(o.ExpiresAt)
                .Bool(o.GameStartExpiry).Bool(o.PlacedLive).Bool(o.IsPostArb).NullableString(o.UserReference).UInt64(o.Priority)
                .Byte((byte)o.State).NullableInt32(o.CancelReason is { } reason ? (int)reason : null).NullableInt64(o.ClosedAt);
        }

        output.Int32(_bets.Count);
        foreach (Bet b in _bets.Values.OrderBy(b => b.TxId))
        {
            output.Id(b.TxId).Id(b.MakerOrder.Id).Id(b.Taker.Id).Id(b.TakerWagerRequestId).Byte((byte)b.TakerSide).Money(b.TakerStake).Money(b.MakerStake)
                .Money(b.TakerFigures.Risk).Money(b.TakerFigures.Win).Money(b.TakerFigures.LossCommission).Money(b.TakerFigures.WinCommission)
                .Bool(b.IsPostArb).NullableString(b.TakerUserReference).Int64(b.MatchedAt);
        }

        output.Int32(_tokens.Count);
        foreach (KeyValuePair<string, TokenGrant> t in _tokens.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.String(t.Key).Id(t.Value.AccountId).Int64(t.Value.ExpiresAt);
        }

        output.Int32(_held.Count);
        foreach (HeldOrder h in _held.Values.OrderBy(h => h.HoldId))
        {
            output.UInt64(h.HoldId).Id(h.Account.Id).Int64(h.ReleaseAt).Bytes(CommandCodec.Encode(new PlaceOrders(h.Account.Id, [h.Request])));
        }

        WriteIdempotency(output);
        WriteOrderState(output);

        output.Int32(_timers.Count);
        foreach ((Timer timer, (long Due, ulong Sequence) priority) in _timers.UnorderedItems.OrderBy(t => t.Priority.Sequence))
        {
            output.Int64(priority.Due).UInt64(priority.Sequence).Byte((byte)timer.Kind);
            switch (timer.Kind)
            {
                case TimerKind.OrderExpiry:
                    output.Id(timer.Order!.Id);
                    break;
                case TimerKind.GameStart:
                    output.Id(timer.Game!.Id);
                    break;
                case TimerKind.HeartbeatLapse:
                    output.Id(timer.Account);
                    break;
                default:
                    output.UInt64(timer.HoldId);
                    break;
            }
        }

        WriteSettlement(output);
        WritePlatforms(output);
    }

    /// <summary>The orders and bets not from the API (few), by id: version 3.</summary>
    private void WritePlatforms(BinaryOutput output)
    {
        List<Order> orders = [.. _orders.Values.Where(o => o.Platform != Platform.Api).OrderBy(o => o.Id)];
        output.Int32(orders.Count);
        foreach (Order o in orders)
        {
            output.Id(o.Id).Byte((byte)o.Platform);
        }
        List<Bet> bets = [.. _bets.Values.Where(b => b.TakerPlatform != Platform.Api).OrderBy(b => b.TxId)];
        output.Int32(bets.Count);
        foreach (Bet b in bets)
        {
            output.Id(b.TxId).Byte((byte)b.TakerPlatform);
        }
    }

    private void ReadPlatforms(ref BinaryInput input)
    {
        // Canonical, as written: ids ascending, each once, never api (the default).
        ObjectId previous = ObjectId.Empty;
        for (int i = Count(ref input); i > 0; i--)
        {
            Order order = _orders[NextId(ref input, ref previous)];
            order.Platform = NotApi(input.Byte());
        }
        previous = ObjectId.Empty;
        for (int i = Count(ref input); i > 0; i--)
        {
            Bet bet = _bets[NextId(ref input, ref previous)];
            bet.TakerPlatform = NotApi(input.Byte());
        }

        static ObjectId NextId(ref BinaryInput input, ref ObjectId previous)
        {
            ObjectId id = input.Id();
            previous = id.CompareTo(previous) > 0 ? id : throw new FormatException($"Platform entry {id} is out of order.");
            return id;
        }

        static Platform NotApi(byte value) =>
            Checked<Platform>(value) is var platform && platform != Platform.Api ? platform : throw new FormatException("A platform entry names api.");
    }

    /// <summary>Rebuilds an engine from <see cref="WriteSnapshot"/>'s bytes; corrupt input throws <see cref="FormatException"/>.</summary>
    public static Exchange ReadSnapshot(ReadOnlySpan<byte> data)
    {
        try
        {
            return ReadSnapshotCore(data);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException or OverflowException or InvalidOperationException
            or IndexOutOfRangeException or InvalidCastException)
        {
            throw new FormatException("Corrupt snapshot: " + ex.Message, ex);
        }
    }

    private static Exchange ReadSnapshotCore(ReadOnlySpan<byte> data)
    {
        var input = new BinaryInput(data);
        int magic = input.Int32();
        byte version = input.Byte();
        if (magic != SnapshotMagic || version is < 1 or > SnapshotVersion)
        {
            throw new FormatException("Not an OpenLine snapshot of a known version.");
        }
        int optionsLength = PeekCommandLength(data[5..]);
        if (CommandCodec.Read(data.Slice(5, optionsLength)) is not ConfigureExchange options)
        {
            throw new FormatException("A snapshot starts with the exchange's options.");
        }
        input = new BinaryInput(data[(5 + optionsLength)..]);
        var x = new Exchange(options.Options)
        {
            Now = input.Int64(),
            CommandCount = input.UInt64(),
        };
        x._ids.Restore(input.UInt64());
        x._timerSequence = input.UInt64();
        x._prioritySequence = input.UInt64();
        x._holdSequence = input.UInt64();
        x.TotalDeposits = input.Money();
        x.TotalWithdrawals = input.Money();

        for (int i = Count(ref input); i > 0; i--)
        {
            ObjectId id = input.Id();
            string username = input.String();
            string passwordHash = input.String();
            Money balance = input.Money();
            Money creditLimit = input.Money();
            CommissionRate commission = CommissionRate.FromPpm(input.Int32());
            var a = new Account(id, username, passwordHash, creditLimit, commission, input.Int64()) { Balance = balance };
            x._accounts.Add(a.Id, a);
            x._accountsByUsername.Add(a.Username, a);
        }

        var participants = new Dictionary<ObjectId, Participant>();
        for (int i = Count(ref input); i > 0; i--)
        {
            var p = new Participant(input.Id(), input.String(), input.String(), input.String(), input.String());
            participants.Add(p.Id, p);
            x._participants.Add((p.League, p.LongName), p);
        }

        for (int i = Count(ref input); i > 0; i--)
        {
            ObjectId id = input.Id();
            string league = input.String();
            string sport = input.String();
            long startsAt = input.Int64();
            string? eventName = input.NullableString();
            Participant away = participants[input.Id()];
            Participant home = participants[input.Id()];
            var g = new Game(id, league, sport, startsAt, eventName, away, home, input.Int64())
            {
                Live = input.Bool(),
                Started = input.Bool(),
                Ended = input.Bool(),
                MatchedVolume = input.Money(),
            };
            for (int b = Count(ref input); b > 0; b--)
            {
                g.GetOrCreateBook(new BookKey(Checked<MarketType>(input.Byte()), input.Int32()));
            }
            x._games.Add(g.Id, g);
        }

        var open = new List<Order>();
        for (int i = Count(ref input); i > 0; i--)
        {
            ObjectId id = input.Id();
            ObjectId wagerRequestId = input.Id();
            Account owner = x._accounts[input.Id()];
            Game game = x._games[input.Id()];
            if (!game.TryGetBook(new BookKey(Checked<MarketType>(input.Byte()), input.Int32()), out OrderBook? book))
            {
                throw new FormatException($"Order {id} refers to a book its game does not have.");
            }
            int side = Side(input.Byte());
            AmericanOdds odds = AmericanOdds.FromInt32(input.Int32());
            Money offered = input.Money();
            Money remaining = input.Money();
            Money filled = input.Money();
            Money released = input.Money();
            long createdAt = input.Int64();
            long? expiresAt = input.NullableInt64();
            bool gameStartExpiry = input.Bool();
            bool placedLive = input.Bool();
            bool isPostArb = input.Bool();
            string? userReference = input.NullableString();
            var o = new Order(id, wagerRequestId, owner, book!, side, odds, offered, createdAt, expiresAt, gameStartExpiry, placedLive,
                isPostArb, userReference, input.UInt64())
            {
                Remaining = remaining,
                Filled = filled,
                Released = released,
            };
            o.State = Checked<OrderState>(input.Byte());
            o.CancelReason = input.NullableInt32() is { } reason ? Checked<CancelReason>(reason) : null;
            o.ClosedAt = input.NullableInt64();
            x._orders.Add(o.Id, o);
            if (o.State == OrderState.Open)
            {
                open.Add(o);
            }
        }
        foreach (Order o in open.OrderBy(o => o.Priority))
        {
            o.Book.Add(o);
            o.Owner.AddOpenOrder(o);
            o.Owner.RestingStake += o.Remaining;
        }

        for (int i = Count(ref input); i > 0; i--)
        {
            ObjectId txId = input.Id();
            Order maker = x._orders[input.Id()];
            Account taker = x._accounts[input.Id()];
            ObjectId wagerRequestId = input.Id();
            int side = Side(input.Byte());
            Money takerStake = input.Money();
            Money makerStake = input.Money();
            var figures = new TakerFigures(input.Money(), input.Money(), input.Money(), input.Money());
            bool isPostArb = input.Bool();
            // Version 1 did not record the rate; no command could change it, so the taker's rate is the one charged at the fill.
            var bet = new Bet(txId, maker, taker, wagerRequestId, side, takerStake, makerStake, figures, isPostArb, input.NullableString(),
                input.Int64(), isPostArb ? default : taker.Commission);
            x._bets.Add(bet.TxId, bet);
            taker.AddBet(bet);
            maker.Owner.AddBet(bet);
            bet.Game.AddBet(bet);
            if (!bet.Game.Ended)
            {
                AddBetToPositions(bet);
            }
        }

        // The wager-request index is derived: every accepted input order filled something or rested.
        foreach (Bet bet in x._bets.Values)
        {
            x._wagerRequests.TryAdd(bet.TakerWagerRequestId, new WagerRequest(bet.Taker, null));
        }
        foreach (Order order in x._orders.Values)
        {
            x._wagerRequests[order.WagerRequestId] = new WagerRequest(order.Owner, order);
        }

        for (int i = Count(ref input); i > 0; i--)
        {
            x._tokens.Add(input.String(), new TokenGrant(input.Id(), input.Int64()));
        }

        for (int i = Count(ref input); i > 0; i--)
        {
            ulong holdId = input.UInt64();
            Account account = x._accounts[input.Id()];
            long releaseAt = input.Int64();
            if (CommandCodec.Read(input.Bytes()) is not PlaceOrders { Orders.Count: 1 } place)
            {
                throw new FormatException($"Held order {holdId} is not a single-order place.");
            }
            x._held.Add(holdId, new HeldOrder(holdId, account, place.Orders[0], releaseAt));
        }

        x.ReadIdempotency(ref input);
        x.ReadOrderState(ref input);

        for (int i = Count(ref input); i > 0; i--)
        {
            long due = input.Int64();
            ulong sequence = input.UInt64();
            var kind = (TimerKind)input.Byte();
            Timer timer = kind switch
            {
                TimerKind.OrderExpiry => new Timer(kind, Order: x._orders[input.Id()]),
                TimerKind.GameStart => new Timer(kind, Game: x._games[input.Id()]),
                TimerKind.HoldRelease => new Timer(kind, HoldId: input.UInt64()),
                TimerKind.HeartbeatLapse => new Timer(kind, Account: input.Id()),
                _ => throw new FormatException($"Unknown timer kind {(byte)kind}."),
            };
            x._timers.Enqueue(timer, (due, sequence));
        }
        if (version >= 2)
        {
            x.ReadSettlement(ref input);
        }
        else
        {
            x.OpenLedgerFromBalances();
        }
        if (version >= 3)
        {
            x.ReadPlatforms(ref input); // before: every order came from the API
        }
        input.EnsureEnd();
        return x;
    }

    private void WriteSettlement(BinaryOutput output)
    {
        output.UInt64(_settleSequence);
        List<Game> ended = [.. _games.Values.Where(g => g.Score is not null || g.Voided).OrderBy(g => g.Id)];
        output.Int32(ended.Count);
        foreach (Game g in ended)
        {
            output.Id(g.Id).Bool(g.Voided).Int32(g.Score?.Away ?? 0).Int32(g.Score?.Home ?? 0).Int64(g.SettledAt).Int32(g.Corrections);
        }
        output.Int32(_bets.Count);
        foreach (Bet b in _bets.Values.OrderBy(b => b.TxId))
        {
            output.Int32(b.TakerCommission.Ppm).Bool(b.Settlement is not null);
            if (b.Settlement is { } s)
            {
                output.Byte((byte)s.TakerOutcome).Money(s.MakerToTaker).Money(s.TakerToMaker).Money(s.Fee).Bool(b.AdminRefund)
                    .Int64(b.SettledAt).UInt64(b.SettleSequence).Int64(b.FirstEntry).Int32(b.EntryCount);
            }
        }
        output.Int32(Ledger.Entries.Count);
        foreach (LedgerEntry e in Ledger.Entries)
        {
            output.Int64(e.At).Byte((byte)e.Kind).Byte((byte)e.From.Kind).Id(e.From.Account).Byte((byte)e.To.Kind).Id(e.To.Account)
                .Money(e.Amount).Id(e.Reference).Int64(e.Reverses);
        }
    }

    private void ReadSettlement(ref BinaryInput input)
    {
        _settleSequence = input.UInt64();
        for (int i = Count(ref input); i > 0; i--)
        {
            Game g = _games[input.Id()];
            bool voided = input.Bool();
            var score = new FinalScore(input.Int32(), input.Int32());
            g.SettledAt = input.Int64();
            g.Corrections = input.Int32() is >= 0 and var corrections ? corrections : throw new FormatException($"Invalid corrections for game {g.Id}.");
            g.Voided = voided;
            g.Score = voided ? null : score.IsValid && g.Ended ? score : throw new FormatException($"Invalid result for game {g.Id}.");
        }
        if (Count(ref input) != _bets.Count)
        {
            throw new FormatException("The settlement section does not cover every bet.");
        }
        foreach (Bet b in _bets.Values.OrderBy(b => b.TxId))
        {
            int ppm = input.Int32();
            if (ppm != b.TakerCommission.Ppm)
            {
                b.RestoreCommission(CommissionRate.FromPpm(ppm));
            }
            if (input.Bool())
            {
                b.Settlement = new BetSettlement(Checked<BetOutcome>(input.Byte()), input.Money(), input.Money(), input.Money());
                b.AdminRefund = input.Bool();
                b.SettledAt = input.Int64();
                b.SettleSequence = input.UInt64();
                b.FirstEntry = input.Int64();
                b.EntryCount = input.Int32();
                b.Taker.AddSettlement(b.SettleSequence, b);
                b.Maker.AddSettlement(b.SettleSequence, b);
                _settlements.Add((b.SettleSequence, b));
            }
        }
        // Only current settlements survive a snapshot; stale entries carry nothing a reader uses.
        _settlements.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        _settlementTimes.AddRange(_settlements.Select(s => s.Bet.SettledAt));
        foreach (Account a in _accounts.Values)
        {
            a.SortSettlements();
        }
        for (int i = Count(ref input); i > 0; i--)
        {
            long at = input.Int64();
            var kind = Checked<LedgerEntryKind>(input.Byte());
            var from = new LedgerParty(Checked<LedgerPartyKind>(input.Byte()), input.Id());
            var to = new LedgerParty(Checked<LedgerPartyKind>(input.Byte()), input.Id());
            Ledger.Restore(new LedgerEntry(Ledger.Entries.Count + 1, at, kind, from, to, input.Money(), input.Id(), input.Int64()));
        }
    }

    /// <summary>A version-1 snapshot predates the ledger: each balance opens it as one entry from the outside world.</summary>
    private void OpenLedgerFromBalances()
    {
        foreach (Account a in _accounts.Values.OrderBy(a => a.Id))
        {
            if (a.Balance.IsPositive)
            {
                _ = Ledger.Append(a.CreatedAt, LedgerEntryKind.Opening, LedgerParty.World, LedgerParty.User(a.Id), a.Balance, ObjectId.Empty);
            }
            else if (a.Balance.IsNegative)
            {
                _ = Ledger.Append(a.CreatedAt, LedgerEntryKind.Opening, LedgerParty.User(a.Id), LedgerParty.World, -a.Balance, ObjectId.Empty);
            }
        }
    }

    private static T Checked<T>(int value) where T : struct, Enum
    {
        T result = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(result) ? result : throw new FormatException($"Invalid {typeof(T).Name} {value}.");
    }

    private static int Side(int value) => value is 0 or 1 ? value : throw new FormatException($"Invalid book side {value}.");

    private static int Count(ref BinaryInput input)
    {
        int count = input.Int32();
        return count >= 0 && count <= input.Remaining ? count : throw new FormatException($"Invalid count {count}.");
    }

    // The options command is length-prefixed implicitly by its own layout; find its end by decoding.
    private static int PeekCommandLength(ReadOnlySpan<byte> data)
    {
        // Options layout: tag(1) + minimum(8) + default delay(8) + live lifetime(8) + max expiration(4) + count(4) + entries,
        // then with tag 20 the open-orders limit(4).
        var input = new BinaryInput(data);
        byte tag = input.Byte();
        if (tag is not (11 or 20))
        {
            throw new FormatException("A snapshot starts with the exchange's options.");
        }
        input.Int64();
        input.Int64();
        input.Int64();
        input.Int32();
        int count = Count(ref input);
        for (int i = 0; i < count; i++)
        {
            input.String();
            input.Int64();
        }
        if (tag == 20)
        {
            input.Int32();
        }
        return data.Length - input.Remaining;
    }
}
