using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenLine.Core;
using OpenLine.Server.Sequencing;
using OpenLine.Server.Storage;

namespace OpenLine.Server.Tests.Simulation;

/// <summary>
/// A deterministic simulation of the whole write path, in the manner of FoundationDB's and
/// TigerBeetle's: the real <see cref="Sequencer"/> (its thread, group commit, recovery) and the real
/// <see cref="Checkpointer"/> over a <see cref="SimulatedDisk"/>, on a <see cref="SimulatedClock"/>,
/// driven by commands drawn from one seeded random source: accounts, games, places of every order
/// type and market, cancels (one, many, all), edits, heartbeats and their lapses, pauses, live games
/// and their delays, game starts, grading, regrading, voids, deposits and withdrawals, and time.
/// Faults come from the same source: a crash between any two commands, a failed fsync that leaves
/// part of a batch on the disk (its last record possibly torn), a corrupt newest snapshot.
/// <para>After every step the engine's own invariants must hold (book never crossed between
/// accounts, FIFO, the ledger identity of rules §9, no available below zero beyond credit) and a
/// replay of the journal from empty (kept up to date record by record) must give the live state
/// hash. After every restart: every acknowledged command is on the disk byte for byte, and the
/// recovered state hash equals a replay of everything durable from an empty engine.</para>
/// <para>One command at a time, each awaited, so the history depends on the seed alone; the
/// checkpointer's timing varies, but the state it may recover from never does.</para>
/// </summary>
internal sealed class Simulation : IDisposable
{
    private const long Start = 1_900_000_000_000;
    // Books are kept few and prices near each other, so that orders meet: most odds are within a few
    // cents of even, the spread and total lines are few, and most places go to one of two games.
    private static readonly int[] Odds = [-120, -110, -110, -105, -105, 100, 100, 105, 105, 110, 110, 120, -250, 250];
    private static readonly int[] TakerOdds = [-120, -130, -150, -250];
    private static readonly decimal[] Spreads = [3.5m, 3.5m, 3.5m, 2.75m, 3m];
    private static readonly decimal[] Totals = [220.5m, 220.5m, 220.5m, 2.75m];
    private static readonly long[] Stakes = [10, 10, 25, 50, 50, 100, 100, 250, 500, 1, 100_000];
    private static readonly long[] Advances = [50, 500, 2_000, 2_000, 6_000, 6_000, 30_000, 120_000];
    private static readonly long[] LongAdvances = [600_000, 3_600_000];
    private static readonly long[] GameStarts = [60_000, 600_000, 1_800_000, 7_200_000];
    private static readonly string[] Leagues = ["NBA", "EPL", "NFL", "ATP"];
    private static readonly long[] Balances = [0, 1_000, 10_000, 10_000, 100_000];
    private static readonly int[] Commissions = [0, 10_000, 20_000];
    private static readonly long[] HeartbeatTimeouts = [0, 1_000, 5_000, 30_000];
    private static readonly OrderType[] OrderTypes =
        [OrderType.Limit, OrderType.Limit, OrderType.Limit, OrderType.Post, OrderType.FillAndKill, OrderType.FillOrKill, OrderType.PostArb];

    private readonly Random _random;
    private readonly SimulatedDisk _disk;
    private readonly SimulatedClock _clock = new(Start);
    private readonly long _snapshotEvery;
    private readonly List<ObjectId> _accounts = [];
    private readonly List<Game> _games = [];
    private readonly List<(ObjectId Order, ObjectId Owner)> _orders = [];
    private readonly Dictionary<long, byte[]> _acknowledged = [];
    private readonly Queue<string> _recent = new();
    private readonly StringBuilder _transcript = new();
    private readonly List<ExchangeEvent> _replayEvents = [];
    private Exchange _replay = new(); // the durable journal replayed from empty, kept up to date step by step
    private Sequencer _sequencer;

    private Simulation(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
        _disk = new SimulatedDisk(_random);
        _snapshotEvery = new long[] { 0, 5, 20, 100 }[_random.Next(4)];
        _sequencer = Boot();
    }

    public int Seed { get; }

    public int Steps { get; private set; }

    public int Crashes { get; private set; }

    public int FailedAppends { get; private set; }

    public int CorruptSnapshots { get; private set; }

    /// <summary>Requests that got no answer because the exchange halted (their outcome is unknown to the client).</summary>
    public int Unanswered { get; private set; }

    /// <summary>What happened, one line per step, for comparing two runs of a seed.</summary>
    public string Transcript => _transcript.ToString();

    public string FinalStateHash { get; private set; } = "";

    /// <summary>A test hook: the disk forgets an acknowledged record at the next crash (the checks must catch it).</summary>
    public bool LoseAnAcknowledgedRecordAtNextCrash { get; set; }

    /// <summary>Runs <paramref name="steps"/> random steps, then a clean shutdown and restart; throws <see cref="SimulationFailure"/> on the first broken rule.</summary>
    public static Simulation Run(int seed, int steps, Action<Simulation>? configure = null)
    {
        var simulation = new Simulation(seed);
        configure?.Invoke(simulation);
        try
        {
            simulation.RunAsync(steps).GetAwaiter().GetResult();
            return simulation;
        }
        finally
        {
            simulation.Dispose();
        }
    }

    private async Task RunAsync(int steps)
    {
        await Guard("set-up", async () =>
        {
            for (int i = 0; i < 4; i++)
            {
                Note(await NewAccountAsync(100_000));
            }
            Note(await NewGameAsync("NBA", "basketball", 3_600_000));
            Note(await NewGameAsync("EPL", "soccer", 7_200_000));
            Note(await NewGameAsync("NFL", "football", 600_000));
            Note(await NewGameAsync("EPL", "soccer", 1_800_000));
            Check(_accounts.Count == 4 && _games.Count == 4, "the set-up created 4 accounts and 4 games");
            Note($"set up: accounts {string.Join(", ", _accounts)}; games {string.Join(", ", _games.Select(g => $"{g.Sport} {g.Id}"))}; snapshot every {_snapshotEvery}");
        });
        for (Steps = 1; Steps <= steps; Steps++)
        {
            await Guard($"step {Steps}", StepAsync);
        }
        await Guard("clean shutdown", async () =>
        {
            (string before, string totals) = await _sequencer.QueryAsync(e => (e.StateHash(),
                $"{e.Bets.Count} bets ({e.Bets.Values.Count(b => b.Settlement is not null)} settled), {e.Accounts.Values.Sum(a => a.OpenOrders.Count)} open orders, {e.Ledger.Entries.Count} ledger entries, {e.CommandCount} commands"));
            Note("end: " + totals);
            _sequencer.Dispose(); // a clean stop: the final snapshot is written
            _sequencer = Boot();
            string after = await VerifyRecoveryAsync();
            Check(before == after, $"a clean restart changed the state: {before} → {after}");
            FinalStateHash = after;
        });
    }

    private async Task Guard(string where, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (SimulationFailure)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Failure($"{where} threw {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private async Task StepAsync()
    {
        int pick = _random.Next(1000);
        string what = pick switch
        {
            < 450 => await PlaceAsync(),
            < 550 => await CancelAsync(),
            < 570 => await CancelManyAsync(),
            < 585 => await CancelAllAsync(),
            < 635 => await EditAsync(),
            < 665 => await HeartbeatAsync(),
            < 675 => await Run(new PauseOrders(AnyAccount()), "pause"),
            < 685 => await Run(new ResumeOrders(AnyAccount()), "resume"),
            < 725 => await Run(new Deposit(AnyAccount(), Money.FromDollars(Pick(Stakes))), "deposit"),
            < 755 => await Run(new Withdraw(AnyAccount(), Money.FromDollars(Pick(Stakes))), "withdraw"),
            < 790 => await SetLiveAsync(),
            < 810 => await GradeAsync(),
            < 815 => await Run(new VoidGame(AnyGame()?.Id ?? default), "void"),
            < 900 => await AdvanceAsync(Pick(Advances)),
            < 905 => await AdvanceAsync(Pick(LongAdvances)),
            < 915 => await NewAccountAsync(),
            < 925 => await NewGameAsync(Pick(Leagues), "", Pick(GameStarts)),
            < 990 => await PlaceAsync(), // (925–990: places too)
            < 995 => await CrashAsync(),
            < 998 => await FailedAppendAsync(),
            _ => await CorruptSnapshotAndCrashAsync(),
        };
        Note(what);
        (IReadOnlyList<string> problems, string live, long count) = await _sequencer.QueryAsync(e => (e.ValidateInternalState(), e.StateHash(), (long)e.CommandCount));
        Check(problems.Count == 0, "invariants broken:\n  " + string.Join("\n  ", problems));
        // Every command applied is durable between steps, so replaying the journal reproduces the live state.
        Check(CatchUpReplay() == count && _replay.StateHash() == live, $"a replay of the journal differs from the live state after {count} commands");
    }

    /// <summary>Applies the durable records the replica has not seen yet; returns its command count.</summary>
    private long CatchUpReplay()
    {
        IReadOnlyList<JournalRecord> durable = _disk.Archive;
        for (int i = (int)_replay.CommandCount; i < durable.Count; i++)
        {
            _replayEvents.Clear();
            _replay.Execute(CommandCodec.Read(durable[i].Payload), durable[i].At, _replayEvents);
        }
        return (long)_replay.CommandCount;
    }

    // ---- Commands ---------------------------------------------------------------------------

    private async Task<string> PlaceAsync()
    {
        Game? game = _random.Next(10) == 0 ? AnyGame() : AnyOpenGame();
        if (game is null)
        {
            return "place: no game yet";
        }
        int count = _random.Next(10) == 0 ? _random.Next(2, 5) : 1;
        var orders = new List<OrderRequest>();
        for (int i = 0; i < count; i++)
        {
            orders.Add(AnyOrder(game));
        }
        ObjectId account = AnyAccount();
        CommandResult? result = await ExecuteAsync(new PlaceOrders(account, orders, _random.Next(20) == 0 ? "key-" + _random.Next(5) : null));
        if (result is PlaceResult place)
        {
            Remember(account, place.Outcomes);
        }
        return $"place [{string.Join("; ", orders.Select(o => Describe(o, game)))}] by {account} → {Describe(result)}";
    }

    private OrderRequest AnyOrder(Game game)
    {
        int market = _random.Next(game.HasThreeWay ? 9 : 8);
        bool away = _random.Next(2) == 0;
        // A third of the orders pay up (a taker's price), so the plus-money offers that rest get taken.
        AmericanOdds odds = AmericanOdds.FromInt32(_random.Next(3) == 0 ? Pick(TakerOdds) : Pick(Odds));
        Money stake = Money.FromDollars(Pick(Stakes));
        OrderType type = Pick(OrderTypes);
        int? expiration = _random.Next(8) == 0 ? _random.Next(1, 30) : null;
        string participant = (away ? game.Away : game.Home).Id.ToString();
        decimal spread = Pick(Spreads) * (away ? -1 : 1) * (_random.Next(5) == 0 ? -1 : 1); // mostly one line: away −x against home +x
        return market switch
        {
            < 4 => new OrderRequest(game.Id, MarketType.Moneyline, participant, null, odds, stake, null, type, expiration, null),
            < 6 => new OrderRequest(game.Id, MarketType.Spread, participant, null, odds, stake, LineNumber.FromDecimal(spread), type, expiration, null),
            < 8 => new OrderRequest(game.Id, MarketType.Total, away ? "over" : "under", null, odds, stake,
                LineNumber.FromDecimal(Pick(Totals)), type, expiration, null),
            _ => new OrderRequest(game.Id, MarketType.Moneyline1x2, away ? "yes" : "no",
                _random.Next(3) switch { 0 => "draw", 1 => game.Away.Id.ToString(), _ => game.Home.Id.ToString() }, odds, stake, null, type, expiration, null),
        };
    }

    private async Task<string> CancelAsync()
    {
        (ObjectId order, ObjectId owner) = AnyOrderAndOwner();
        CommandResult? result = await ExecuteAsync(new CancelOrder(owner, order));
        return "cancel → " + Describe(result);
    }

    private async Task<string> CancelManyAsync()
    {
        (ObjectId order, ObjectId owner) = AnyOrderAndOwner();
        ObjectId[] ids = [order, .. Enumerable.Range(0, _random.Next(3)).Select(_ => AnyOrderAndOwner().Order)];
        CommandResult? result = await ExecuteAsync(new CancelOrders(owner, ids));
        return $"cancel {ids.Length} → {Describe(result)}";
    }

    private async Task<string> CancelAllAsync()
    {
        CancelScope scope = _random.Next(2) == 0 || AnyGame() is not { } game ? CancelScope.Everything : new CancelScope(GameId: game.Id);
        return "cancel all → " + Describe(await ExecuteAsync(new CancelAllOrders(AnyAccount(), scope)));
    }

    private async Task<string> EditAsync()
    {
        (ObjectId order, ObjectId owner) = AnyOrderAndOwner();
        CommandResult? result = await ExecuteAsync(new EditOrder(owner, order, AmericanOdds.FromInt32(Pick(Odds)),
            Money.FromDollars(Pick(Stakes)), _random.Next(3) == 0 ? OrderType.Post : OrderType.Limit, null, null,
            _random.Next(4) == 0 ? Money.FromDollars(Pick(Stakes)) : null, _random.Next(4) == 0));
        if (result is EditResult { Replacement: { } replacement })
        {
            Remember(owner, [replacement]);
        }
        return "edit → " + Describe(result);
    }

    private async Task<string> HeartbeatAsync() =>
        "heartbeat → " + Describe(await ExecuteAsync(new Heartbeat(AnyAccount(), Pick(HeartbeatTimeouts))));

    private async Task<string> SetLiveAsync() =>
        "set live → " + Describe(await ExecuteAsync(new SetGameLive(AnyGame()?.Id ?? default, _random.Next(3) != 0)));

    private async Task<string> GradeAsync()
    {
        Game? game = AnyGame();
        int low = game?.HasThreeWay == true ? 0 : 95;
        int span = game?.HasThreeWay == true ? 4 : 25;
        return "grade → " + Describe(await ExecuteAsync(new GradeGame(game?.Id ?? default, low + _random.Next(span), low + _random.Next(span))));
    }

    private async Task<string> NewAccountAsync(long? balance = null)
    {
        CommandResult? result = await ExecuteAsync(new CreateAccount("u" + _accounts.Count.ToString(CultureInfo.InvariantCulture), "hash",
            Money.FromDollars(balance ?? Pick(Balances)), _random.Next(5) == 0 ? -Money.FromDollars(500) : Money.Zero, // a credit limit is negative
            CommissionRate.FromPpm(Pick(Commissions))));
        if (result is AccountResult created)
        {
            _accounts.Add(created.Account.Id);
        }
        return "new account → " + Describe(result);
    }

    private async Task<string> NewGameAsync(string league, string sport, long startsIn)
    {
        sport = sport.Length > 0 ? sport : league switch { "EPL" => "soccer", "NFL" => "football", "ATP" => "tennis", _ => "basketball" };
        string n = _games.Count.ToString(CultureInfo.InvariantCulture);
        CommandResult? result = await ExecuteAsync(new CreateGame(league, sport, _clock.NowMs + startsIn, null,
            new ParticipantSpec("Away " + n, "A" + n), new ParticipantSpec("Home " + n, "H" + n)));
        if (result is GameResult created)
        {
            _games.Add(created.Game);
        }
        return $"new {sport} game → {Describe(result)}";
    }

    private async Task<string> AdvanceAsync(long milliseconds)
    {
        _clock.Advance(milliseconds);
        await _sequencer.QueryAsync(_ => 0); // the timers due by now have run once this returns
        return $"advance {milliseconds} ms";
    }

    private async Task<string> Run(Command command, string name) => name + " → " + Describe(await ExecuteAsync(command));

    /// <summary>Sends one command and waits; records what was acknowledged (its sequence and bytes).</summary>
    private async Task<CommandResult?> ExecuteAsync(Command command)
    {
        try
        {
            (CommandResult result, long sequence) = await _sequencer.ExecuteAsync(command, static (engine, result) => (result, (long)engine.CommandCount));
            _acknowledged[sequence] = CommandCodec.Encode(command);
            return result;
        }
        catch (ExchangeHaltedException)
        {
            Unanswered++;
            return null;
        }
    }

    private void Remember(ObjectId owner, IEnumerable<OrderOutcome> outcomes)
    {
        foreach (OrderOutcome outcome in outcomes)
        {
            if (outcome is OrderAccepted { Rest: { } rest })
            {
                _orders.Add((rest.OrderId, owner));
            }
        }
    }

    // ---- Faults -----------------------------------------------------------------------------

    private async Task<string> CrashAsync()
    {
        await CrashAndRebootAsync();
        return "crash and restart";
    }

    private async Task<string> FailedAppendAsync()
    {
        _disk.FailNextAppend();
        string what = await PlaceAsync(); // its journal append fails: the sequencer halts, nothing is acknowledged
        Check(_sequencer.HaltReason is not null, "the exchange kept going after its journal append failed");
        FailedAppends++;
        string fault = _disk.LastFault ?? "";
        await CrashAndRebootAsync();
        return $"failed fsync during [{what}]: {fault}; restart";
    }

    private async Task<string> CorruptSnapshotAndCrashAsync()
    {
        // Whether there is a snapshot yet depends on the checkpointer's timing: the transcript does not say.
        CorruptSnapshots += _disk.CorruptNewestSnapshot() ? 1 : 0;
        await CrashAndRebootAsync();
        return "newest snapshot (if any) corrupted; crash and restart";
    }

    private async Task CrashAndRebootAsync()
    {
        Crashes++;
        _disk.Crash(); // every store of this run dies: no shutdown snapshot, no more writes
        if (LoseAnAcknowledgedRecordAtNextCrash && _acknowledged.Count > 0)
        {
            LoseAnAcknowledgedRecordAtNextCrash = false;
            _disk.LoseRecordsFrom(_acknowledged.Keys.Max());
        }
        _sequencer.Dispose();
        _sequencer = Boot();
        await VerifyRecoveryAsync();
    }

    private Sequencer Boot()
    {
        SimulatedStore store = _disk.Open();
        var checkpointer = new Checkpointer(_snapshotEvery, store.OpenForBackground, () => [], NullLogger<Checkpointer>.Instance);
        var sequencer = new Sequencer(store, new ExchangeOptions(), _clock, [], NullLogger<Sequencer>.Instance, checkpointer);
        try
        {
            sequencer.Recovered.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            sequencer.Dispose();
            throw Failure($"recovery failed: {ex.Message}", ex);
        }
        return sequencer;
    }

    /// <summary>After a start: acknowledged ⊆ durable, byte for byte, and the state is what replaying all of it from empty gives.</summary>
    private async Task<string> VerifyRecoveryAsync()
    {
        IReadOnlyList<JournalRecord> durable = _disk.Archive;
        for (int i = 0; i < durable.Count; i++)
        {
            Check(durable[i].Sequence == i + 1 && durable[i].IsIntact, $"the durable journal has a gap or a bad record at {i + 1}");
        }
        foreach ((long sequence, byte[] payload) in _acknowledged)
        {
            Check(sequence <= durable.Count && durable[(int)sequence - 1].Payload.AsSpan().SequenceEqual(payload),
                $"acknowledged command {sequence} is not on the disk as it was sent");
        }
        _replay = new Exchange(); // from empty: a torn record may have been dropped since the last replay
        Check(CatchUpReplay() == durable.Count, "the replay applied every durable record");
        (string hash, long count, IReadOnlyList<string> problems) = await _sequencer.QueryAsync(e => (e.StateHash(), (long)e.CommandCount, e.ValidateInternalState()));
        Check(count == durable.Count, $"recovered {count} commands, {durable.Count} are durable");
        Check(hash == _replay.StateHash(), "the recovered state differs from a replay of the whole durable journal from empty");
        Check(problems.Count == 0, "invariants broken after recovery:\n  " + string.Join("\n  ", problems));
        return hash;
    }

    // ---- Helpers ----------------------------------------------------------------------------

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private ObjectId AnyAccount() =>
        _accounts.Count == 0 || _random.Next(50) == 0 ? new ObjectId(1, 424_242) : _accounts[_random.Next(_accounts.Count)];

    private Game? AnyGame() => _games.Count == 0 ? null : _games[_random.Next(_games.Count)];

    /// <summary>
    /// A game the engine had open when last looked at (read on the engine's thread: the game
    /// objects belong to it), else any. After a restart the list holds the old engine's objects, but
    /// only their ids are sent, so they still name the same games.
    /// </summary>
    private Game? AnyOpenGame()
    {
        Game[] open = _sequencer.QueryAsync(e => _games.Where(g => e.Games.TryGetValue(g.Id, out Game? live) && live.IsOpen).ToArray()).GetAwaiter().GetResult();
        // Mostly the two oldest open games, so their books fill up and cross.
        return open.Length == 0 ? AnyGame() : open[_random.Next(Math.Min(open.Length, _random.Next(4) == 0 ? open.Length : 2))];
    }

    /// <summary>A recent order and, mostly, its owner (sometimes another account, or an id that never existed).</summary>
    private (ObjectId Order, ObjectId Owner) AnyOrderAndOwner()
    {
        if (_orders.Count == 0 || _random.Next(30) == 0)
        {
            return (new ObjectId(1, 434_343), AnyAccount());
        }
        (ObjectId order, ObjectId owner) = _orders[_orders.Count - 1 - _random.Next(Math.Min(_orders.Count, 40))];
        return (order, _random.Next(10) == 0 ? AnyAccount() : owner);
    }

    private static string Describe(OrderRequest order, Game game)
    {
        string side = order.Side == game.Away.Id.ToString() ? "away" : order.Side == game.Home.Id.ToString() ? "home" : order.Side;
        string market = order.Market is null ? "" : order.Market == "draw" ? " draw" : order.Market == game.Away.Id.ToString() ? " away-wins" : " home-wins";
        return string.Create(CultureInfo.InvariantCulture,
            $"{order.OrderType} {order.Type}{market} {side}{(order.Number is { } n ? " " + n.ToDecimal().ToString(CultureInfo.InvariantCulture) : "")} {order.Odds} ${order.Bet.ToDecimal(2)} on {game.Sport} {game.Id.ToString()[^4..]}");
    }

    private static string Describe(CommandResult? result) => result switch
    {
        null => "no answer (halted)",
        PlaceResult place => string.Join(", ", place.Outcomes.Select(o => o switch
        {
            OrderAccepted a => $"accepted ({a.Fills.Count} fills{(a.Rest is null ? "" : ", rests")})",
            OrderRejected r => r.Reason.ToString(),
            OrderHeld => "held",
            _ => o.GetType().Name,
        })),
        Rejected r => r.Reason.ToString(),
        CancelResult c => "cancelled " + c.Report.Remaining,
        CancelManyResult many => $"{many.Results.Count(r => r is CancelResult)} of {many.Results.Count} cancelled",
        EditResult edit => "edited" + (edit.Replacement is null ? "" : ", replacement " + Describe(new PlaceResult([edit.Replacement]))),
        GradeResult grade => $"{grade.BetsSettled} bets settled{(grade.Changed ? "" : ", no change")}",
        _ => result.GetType().Name,
    };

    private void Note(string what)
    {
        string line = $"{Steps}: {what}";
        _transcript.AppendLine(line);
        _recent.Enqueue(line);
        if (_recent.Count > 25)
        {
            _recent.Dequeue();
        }
    }

    private void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw Failure(message);
        }
    }

    private SimulationFailure Failure(string message, Exception? inner = null) => new(
        $"Simulation seed {Seed} failed at step {Steps} (snapshot every {_snapshotEvery}, {Crashes} crashes so far): {message}\n"
        + $"Reproduce: OPENLINE_SIM_SEED={Seed} dotnet test --project tests/OpenLine.Server.Tests -- --filter-class \"*SimulationTests\"\n"
        + "Last steps:\n  " + string.Join("\n  ", _recent), inner);

    public void Dispose() => _sequencer.Dispose();
}

internal sealed class SimulationFailure(string message, Exception? inner) : Exception(message, inner);
