namespace OpenLine.Core.Tests;

/// <summary>
/// An <see cref="Exchange"/> with a fake clock and an event log, plus terse helpers for the
/// accounts, games and orders a test needs. Every command it runs is followed by
/// <see cref="Exchange.ValidateInternalState"/>, so each test also checks the invariants.
/// </summary>
internal sealed class TestExchange
{
    /// <summary>2025-10-09T09:46:40Z, a round Unix time in milliseconds.</summary>
    public const long T0 = 1_760_003_200_000;

    /// <summary>Games created by <see cref="NewGame"/> start a day after <see cref="T0"/> unless told otherwise.</summary>
    public const long Day = 86_400_000;

    private int _accountCount;
    private int _gameCount;

    public TestExchange(ExchangeOptions? options = null) => Engine = new Exchange(options);

    public Exchange Engine { get; }

    /// <summary>The fake clock: the time stamped on the next command.</summary>
    public long Now { get; set; } = T0;

    public List<ExchangeEvent> Events { get; } = [];

    public CommandResult Run(Command command)
    {
        CommandResult result = Engine.Execute(command, Now, Events);
        AssertValid();
        return result;
    }

    public void AssertValid()
    {
        IReadOnlyList<string> problems = Engine.ValidateInternalState();
        if (problems.Count > 0)
        {
            // The violations, then enough of the state to see how it came about.
            string dump = "accounts:\n" + string.Join('\n', Engine.Accounts.Values.Select(a =>
                    $"{a.Username}: balance {a.Balance}, credit {a.CreditLimit}, resting {a.RestingStake}, matched {a.MatchedRisk}, available {a.Available}"))
                + "\ngames:\n" + string.Join('\n', Engine.Games.Values.Select(g =>
                    $"{g.Id}: ended {g.Ended}, score {g.Score}, voided {g.Voided}, corrections {g.Corrections}, bets {g.Bets.Count}"))
                + "\nledger:\n" + string.Join('\n', Engine.Ledger.Entries.TakeLast(40))
                + "\nlast events:\n" + string.Join('\n', Events.TakeLast(30));
            Assert.Fail("Invariant violations:\n" + string.Join('\n', problems) + "\n" + dump);
        }
    }

    /// <summary>Moves the clock and applies an <see cref="AdvanceTime"/> at the new time.</summary>
    public void Advance(long milliseconds)
    {
        Now += milliseconds;
        Run(AdvanceTime.Instance);
    }

    public Account NewAccount(decimal balance = 10_000m, decimal creditLimit = 0m, decimal commission = 0.01m, string? name = null)
    {
        Assert.True(CommissionRate.TryFromDecimal(commission, out CommissionRate rate));
        string username = name ?? "user" + (++_accountCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        CommandResult result = Run(new CreateAccount(username, "hash", Money.FromDecimal(balance), Money.FromDecimal(creditLimit), rate));
        return Assert.IsType<AccountResult>(result).Account;
    }

    public Game NewGame(string league = "NBA", string sport = "basketball", long? startsAt = null)
    {
        _gameCount++;
        string n = _gameCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CommandResult result = Run(new CreateGame(league, sport, startsAt ?? Now + Day, "Event " + n,
            new ParticipantSpec("Away Team " + n, "AW" + n), new ParticipantSpec("Home Team " + n, "HO" + n)));
        return Assert.IsType<GameResult>(result).Game;
    }

    public Game SoccerGame() => NewGame("EPL", "soccer");

    public void SetLive(Game game, bool live = true) => Assert.IsType<GameResult>(Run(new SetGameLive(game.Id, live)));

    public PlaceResult PlaceBatch(Account account, params OrderRequest[] orders) =>
        Assert.IsType<PlaceResult>(Run(new PlaceOrders(account.Id, orders)));

    public OrderOutcome Place(Account account, OrderRequest order) => Assert.Single(PlaceBatch(account, order).Outcomes);

    public OrderAccepted Accept(Account account, OrderRequest order)
    {
        OrderOutcome outcome = Place(account, order);
        return Assert.IsType<OrderAccepted>(outcome);
    }

    public OrderRejected Reject(Account account, OrderRequest order) => Assert.IsType<OrderRejected>(Place(account, order));

    public OrderHeld Hold(Account account, OrderRequest order) => Assert.IsType<OrderHeld>(Place(account, order));

    /// <summary>Places an order that must rest whole and returns its resting order.</summary>
    public Order Rest(Account account, OrderRequest order)
    {
        OrderAccepted accepted = Accept(account, order);
        Assert.Empty(accepted.Fills);
        Assert.NotNull(accepted.Rest);
        return Engine.Orders[accepted.Rest.OrderId];
    }

    public CommandResult Cancel(Account account, ObjectId orderId) => Run(new CancelOrder(account.Id, orderId));

    public IEnumerable<T> EventsOf<T>() where T : ExchangeEvent => Events.OfType<T>();
}
