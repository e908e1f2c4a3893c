namespace OpenLine.Core.Tests;

/// <summary>
/// An engine with something of everything a snapshot must carry: changed options, accounts with
/// credit limits and commissions, games (soccer, live, started and closed, starting soon), resting
/// orders on every market type with quarter lines, partial fills, a dust close, a fill-and-kill,
/// cancels, empty books, pending expiries and game starts, tokens (one revoked), cash movements,
/// rejected commands, and optionally live-delay orders still held.
/// </summary>
internal sealed class RichScenario
{
    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;

    private RichScenario(TestExchange x) => X = x;

    public TestExchange X { get; }
    public Account Alice { get; private set; } = null!;
    public Account Bob { get; private set; } = null!;
    public Account Carol { get; private set; } = null!;
    public Account Dave { get; private set; } = null!;
    public Account Eve { get; private set; } = null!;
    public Game Nba { get; private set; } = null!;
    public Game Soccer { get; private set; } = null!;
    public Game Nfl { get; private set; } = null!;
    public Game StartedLive { get; private set; } = null!;
    public Game Tennis { get; private set; } = null!;

    /// <summary>Carol's order that expires 15 minutes after <see cref="TestExchange.T0"/> + 1 minute.</summary>
    public Order Expiring { get; private set; } = null!;

    public static readonly ExchangeOptions Options = new()
    {
        MinimumOffer = Money.FromDollars(5),
        LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
        {
            ["NFL"] = 3_000, ["NBA"] = 4_000, ["NCAAB"] = 2_000, ["ATP"] = 8_000,
        },
        DefaultLiveDelayMilliseconds = 7_000,
        LiveOrderDefaultLifetimeMilliseconds = 6 * Minute,
        MaxOpenOrdersPerAccount = 50,
        MaxExpirationMinutes = 600,
    };

    public static RichScenario Build(bool withHeldOrders)
    {
        var s = new RichScenario(new TestExchange());
        s.Populate(withHeldOrders);
        return s;
    }

    private void Populate(bool withHeldOrders)
    {
        TestExchange x = X;
        Assert.IsType<Done>(x.Run(new ConfigureExchange(Options)));
        Alice = x.NewAccount(10_000m, creditLimit: -500m, commission: 0.01m, name: "alice");
        Bob = x.NewAccount(5_000m, commission: 0.025m, name: "bob");
        Carol = x.NewAccount(0m, creditLimit: -1_000m, commission: 0m, name: "Carol Ünïcødé 🎲");
        Dave = x.NewAccount(1_000_000_000_000m, commission: 0.077777m, name: "dave");
        Eve = x.NewAccount(2_000m, commission: 0.05m, name: "eve");
        Assert.IsType<Rejected>(x.Run(new CreateAccount("ALICE", "h", Money.Zero, Money.Zero, CommissionRate.OnePercent))); // taken

        // A game that is live and already started, with an order placed in play.
        StartedLive = x.NewGame("NCAAB", "basketball", startsAt: TestExchange.T0 + Minute);
        x.SetLive(StartedLive);
        x.Advance(Minute + 1_000);
        Assert.True(StartedLive.Started && StartedLive.Live);
        x.Rest(Eve, Orders.Home(StartedLive, 130, 40m));

        Nba = x.NewGame("NBA", "basketball");
        Soccer = x.SoccerGame();
        Nfl = x.NewGame("NFL", "football", startsAt: TestExchange.T0 + (2 * Hour));
        x.SetLive(Nfl);
        Tennis = x.NewGame("ATP", "tennis", startsAt: TestExchange.T0 + (30 * Minute));
        Game closed = x.NewGame("NHL", "hockey", startsAt: TestExchange.T0 - 1_000);
        Assert.True(closed.Started && !closed.IsOpen);
        // Participant reuse across games of a league, a null event name, unicode names.
        Assert.IsType<GameResult>(x.Run(new CreateGame("nba", "Basketball", TestExchange.T0 + (2 * TestExchange.Day), null,
            new ParticipantSpec("Away Team 1", "AW1"), new ParticipantSpec("Zürich Ünïcode 🏀", "ZÜR"))));
        Assert.IsType<Rejected>(x.Run(new CreateGame("NBA", "basketball", 0, null, new ParticipantSpec("Same", "S"), new ParticipantSpec("same", "S"))));

        // Moneyline: a partial fill of Alice's order by Bob.
        Order aliceAway = x.Rest(Alice, Orders.Away(Nba, 110, 100m));
        OrderAccepted bobFill = x.Accept(Bob, Orders.Home(Nba, -110, 55m));
        Assert.Single(bobFill.Fills);
        Assert.Equal(Orders.Usd(50m), aliceAway.Remaining);
        Expiring = x.Rest(Carol, Orders.Moneyline(Nba.Home, Nba, 105, 40m, expirationMinutes: 15, userReference: "carol-15m"));

        // Spreads on quarter lines, a post order.
        x.Rest(Alice, Orders.Spread(Nba.Away, Nba, -1.25m, -110, 30m));
        x.Rest(Bob, Orders.Spread(Nba.Home, Nba, 1.25m, 120, 20m, OrderType.Post));
        x.Rest(Bob, Orders.Spread(Nba.Home, Nba, 3.75m, -105, 10m));
        Assert.Equal(RejectReason.PostWouldMatch, x.Reject(Dave, Orders.Spread(Nba.Home, Nba, 1.25m, 105, 20m, OrderType.Post)).Reason);

        // From the web page: a resting order and a taker (platform web; the maker's side of the fill stays its own).
        x.Rest(Eve, Orders.Spread(Nba.Away, Nba, -2.5m, 140, 20m) with { Platform = Platform.Web });
        Assert.Single(x.Accept(Dave, Orders.Spread(Nba.Home, Nba, 2.5m, -140, 14m) with { Platform = Platform.Web }).Fills);

        // Totals, a postArb order, an empty book left by a cancel.
        x.Rest(Carol, Orders.Total("over", Nba, 200.5m, -105, 25m, OrderType.PostArb));
        x.Rest(Bob, Orders.Total("under", Nba, 200.75m, -115, 30m));
        Order cancelled = x.Rest(Dave, Orders.Total("over", Nba, 201m, 110, 15m));
        Assert.IsType<CancelResult>(x.Cancel(Dave, cancelled.Id));
        Assert.Equal(RejectReason.NotYourOrder, Assert.IsType<Rejected>(x.Cancel(Bob, aliceAway.Id)).Reason);

        // 1x2: resting yes/no on draw and a participant; a fill-and-kill that fills Alice's draw fully.
        string away = Soccer.Away.Id.ToString();
        string home = Soccer.Home.Id.ToString();
        Order draw = x.Rest(Alice, Orders.OneXTwo("yes", "draw", Soccer, 250, 20m));
        x.Rest(Bob, Orders.OneXTwo("no", away, Soccer, -300, 60m));
        x.Rest(Carol, Orders.OneXTwo("yes", home, Soccer, 180, 10m));
        OrderAccepted fak = x.Accept(Eve, Orders.OneXTwo("no", "draw", Soccer, -250, 50m, OrderType.FillAndKill));
        Assert.Null(fak.Rest);
        Assert.Equal(OrderState.Filled, draw.State);

        // Dust: a fill leaves the maker 9,999 micro-dollars, which closes its order.
        Order dusty = x.Rest(Dave, Orders.Home(Soccer, 100, 100m));
        x.Accept(Eve, Orders.Away(Soccer, 100, 99.990001m));
        Assert.Equal(OrderState.Filled, dusty.State);
        Assert.Equal(Money.FromMicros(9_999), dusty.Released);

        // Pre-game orders on a game that starts in 30 minutes, a fill-or-kill that fills.
        x.Rest(Bob, Orders.Away(Tennis, 150, 10m));
        x.Rest(Carol, Orders.Away(Tennis, 160, 12m, OrderType.Limit, expirationMinutes: 600));
        Assert.Single(x.Accept(Alice, Orders.Home(Tennis, -150, 14m, OrderType.FillOrKill)).Fills);

        // In play: a resting order with the live default lifetime, and (optionally) held orders.
        x.Rest(Eve, Orders.Home(Nfl, 120, 30m));
        x.Rest(Dave, Orders.Away(Nfl, 150, 20m, OrderType.Post));
        if (withHeldOrders)
        {
            x.Hold(Alice, Orders.Away(Nfl, -120, 30m));
            x.Hold(Dave, Orders.Away(Nfl, -125, 10m, OrderType.FillOrKill));
            x.Hold(Bob, Orders.Moneyline(StartedLive.Away, StartedLive, -130, 15m, OrderType.Limit, userReference: "held-ref"));
            x.Hold(Bob, Orders.Away(Nfl, -125, 12m) with { Platform = Platform.Web });
        }

        // Settlement: the tennis game graded, then regraded (reversal entries in the ledger).
        Assert.True(Assert.IsType<GradeResult>(x.Run(new GradeGame(Tennis.Id, 2, 1))).Changed);
        Assert.True(Assert.IsType<GradeResult>(x.Run(new GradeGame(Tennis.Id, 0, 2))).Changed);
        Assert.Contains(x.Engine.Ledger.Entries, e => e.Kind == LedgerEntryKind.Reversal);

        // Tokens and cash.
        Assert.IsType<Done>(x.Run(new IssueToken(Alice.Id, "tok-alice", TestExchange.T0 + Hour)));
        Assert.IsType<Done>(x.Run(new IssueToken(Bob.Id, "tök-bob-🔑", TestExchange.T0 + TestExchange.Day)));
        Assert.IsType<Done>(x.Run(new IssueToken(Carol.Id, "tok-soon-stale", TestExchange.T0 + (3 * Minute))));
        Assert.IsType<Done>(x.Run(new IssueToken(Eve.Id, "tok-revoked", TestExchange.T0 + Hour)));
        Assert.IsType<Done>(x.Run(new RevokeToken("tok-revoked")));
        Assert.IsType<AccountResult>(x.Run(new Deposit(Bob.Id, Orders.Usd(250.5m))));
        Assert.IsType<AccountResult>(x.Run(new Withdraw(Eve.Id, Orders.Usd(100m))));
        Assert.IsType<Rejected>(x.Run(new Withdraw(Carol.Id, Orders.Usd(1m))));
        x.Advance(1_000); // nothing due yet
        if (withHeldOrders)
        {
            Assert.Empty(x.EventsOf<HeldOrderResolved>());
        }
        Assert.Empty(x.Engine.ValidateInternalState());
    }

    /// <summary>
    /// Commands to run after the scenario, each at a time after the previous one: fills against
    /// restored orders, new holds and their releases, expiries, game starts, the live flag, new ids,
    /// participant reuse, tokens, cash, and a stake only the scenario's options let rest.
    /// </summary>
    public IEnumerable<(long AdvanceBy, Command Command)> FollowUps()
    {
        long t0 = X.Now;
        yield return (1_000, new PlaceOrders(Dave.Id, [Orders.Home(Nba, -110, 30m)]));
        yield return (0, new PlaceOrders(Bob.Id, [Orders.Away(Nfl, -120, 20m)])); // held: would fill Eve's order
        yield return (0, new PlaceOrders(Carol.Id, [Orders.Away(StartedLive, -130, 10m), Orders.Away(StartedLive, 200, 10m)]));
        yield return (1_000, AdvanceTime.Instance);
        yield return (2_000, AdvanceTime.Instance);
        yield return (5_000, new CreateAccount("frank", "h2", Orders.Usd(300m), Orders.Usd(-50m), CommissionRate.FromPpm(12_345)));
        yield return (0, new CreateGame("NBA", "basketball", t0 + (3 * Hour), "Reuse",
            new ParticipantSpec("Home Team 1", "HO1"), new ParticipantSpec("Away Team 1", "AW1")));
        yield return (0, new PlaceOrders(Bob.Id, [Orders.Total("under", Nba, 201m, 100, 7m)])); // rests only with a $5 minimum
        yield return (0, new CancelOrder(Carol.Id, Expiring.Id));
        yield return (0, new CancelOrder(Carol.Id, Expiring.Id));
        yield return (Minute, new IssueToken(Dave.Id, "tok-dave", t0 + Hour)); // prunes the stale token
        yield return (0, new RevokeToken("tök-bob-🔑"));
        yield return (0, new RevokeToken("tok-revoked"));
        yield return (0, new PlaceOrders(Alice.Id, [Orders.Spread(Nba.Home, Nba, 1.25m, 110, 25m), Orders.OneXTwo("yes", Soccer.Away.Id.ToString(), Soccer, 300, 15m)]));
        yield return (0, new ConfigureExchange(new ExchangeOptions()));
        yield return (0, new PlaceOrders(Bob.Id, [Orders.Total("under", Nba, 201m, 100, 7m)])); // now below the minimum
        yield return (15 * Minute, AdvanceTime.Instance); // the live lifetime and Carol's 15 minutes
        yield return (15 * Minute, new Deposit(Carol.Id, Orders.Usd(75m))); // past the tennis start
        yield return (0, new PlaceOrders(Eve.Id, [Orders.Home(Nfl, 125, 30m)]));
        yield return (2 * Hour, new Withdraw(Bob.Id, Orders.Usd(10m))); // past the NFL start: live orders stay
        yield return (0, new PlaceOrders(Bob.Id, [Orders.Away(Nfl, -125, 10m)]));
        yield return (10_000, new SetGameLive(Nfl.Id, false)); // market closes: everything on it is cancelled
        yield return (0, new SetGameLive(Soccer.Id, true)); // pre-game soccer orders go
        yield return (TestExchange.Day, AdvanceTime.Instance); // NBA start
        yield return (0, new PlaceOrders(Alice.Id, [Orders.Away(Nba, 110, 20m)]));
        yield return (Minute, new GradeGame(Soccer.Id, 1, 1)); // 1x2 draw, dust fill, quarter lines
        yield return (0, new GradeGame(Soccer.Id, 1, 1)); // unchanged
        yield return (0, new VoidGame(Tennis.Id)); // reverses the regrade
        yield return (0, new GradeGame(Nba.Id, 101, 99));
        yield return (0, new PlaceOrders(Alice.Id, [Orders.Away(Nba, 110, 20m)])); // the game is closed
        yield return (0, new Withdraw(Alice.Id, Orders.Usd(1m)));
    }
}
