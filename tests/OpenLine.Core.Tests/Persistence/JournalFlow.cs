using System.Globalization;
using CsCheck;

namespace OpenLine.Core.Tests;

internal sealed record DepositOp(int Account, long AmountMicros) : FlowOp;

internal sealed record WithdrawOp(int Account, long AmountMicros) : FlowOp;

internal sealed record IssueTokenOp(int Account, int Token, long ExpiresInMilliseconds) : FlowOp;

internal sealed record RevokeTokenOp(int Token) : FlowOp;

internal sealed record ConfigureOp(long MinimumOfferMicros, long NbaDelay, long DefaultDelay, long LiveLifetime, int MaxExpirationMinutes) : FlowOp;

/// <param name="Outcome">0 away, 1 home, 2 draw, 3 an invalid market.</param>
internal sealed record OneXTwoOp(int Account, int Game, int Outcome, int Side, int Odds, long BetMicros, OrderType Type) : FlowOp;

internal sealed record NewGameOp(int League, long StartsInMilliseconds) : FlowOp;

internal sealed record NewAccountOp(long BalanceMicros, int CommissionPpm) : FlowOp;

/// <summary>A flow and the extra operations woven into it (each before the base op at its slot).</summary>
internal sealed record JournalFlow(Flow Base, (FlowOp Op, int Slot)[] Extras)
{
    public IEnumerable<FlowOp> Ops()
    {
        for (int i = 0; i <= Base.Ops.Length; i++)
        {
            foreach ((FlowOp op, int slot) in Extras)
            {
                if (slot % (Base.Ops.Length + 1) == i)
                {
                    yield return op;
                }
            }
            if (i < Base.Ops.Length)
            {
                yield return Base.Ops[i];
            }
        }
    }

    public override string ToString() => Base + "\nextras: " + string.Join("; ", Extras.Select(e => $"@{e.Slot} {e.Op}"));
}

/// <summary>One journal record: the command's time and its encoding.</summary>
internal readonly record struct JournalRecord(long At, byte[] Command);

/// <summary>What the live engine did at each record: its result and events rendered, its hash after.</summary>
internal sealed record LiveStep(string Result, string Events, string Hash);

/// <summary>
/// Random flows for the replay properties: the shared live order flow (places of every order type,
/// cancels, time advances, live games, game starts) plus grading, regrading, voids, deposits, withdrawals, tokens, new accounts
/// and games, 1x2 orders on soccer, and option changes (minimum offer, delays, lifetimes) mid-flow.
/// Running one records every command as the journal would: (time, bytes).
/// </summary>
internal static class JournalFlows
{
    private static readonly string[] Leagues = ["NBA", "EPL", "NFL", "Serie A"];

    public static Gen<JournalFlow> Generate(int maxOps, int maxExtras) =>
        from flow in OrderFlow.WithLive(maxOps)
        from extras in Gen.Select(Extra(flow.Accounts.Length), Gen.Int[0, 1_000]).Array[0, maxExtras]
        select new JournalFlow(flow, extras);

    private static Gen<FlowOp> Extra(int accounts)
    {
        Gen<int> account = Gen.Int[-1, accounts]; // -1 an unknown account; `accounts` one created by the flow, if any
        Gen<long> amount = Gen.Frequency(
            (4, Gen.Long[1, 500_000_000]),
            (1, Gen.OneOf(0L, -1L, Money.MaxStake.Micros, Money.MaxStake.Micros + 1)));
        return Gen.Frequency(
            (3, Gen.Select(account, amount, (a, m) => (FlowOp)new DepositOp(a, m))),
            (3, Gen.Select(account, amount, (a, m) => (FlowOp)new WithdrawOp(a, m))),
            (2, Gen.Select(account, Gen.Int[0, 3], Gen.OneOf(-1_000L, 0L, 60_000L, 3_600_000L), (a, t, e) => (FlowOp)new IssueTokenOp(a, t, e))),
            (1, Gen.Int[0, 4].Select(t => (FlowOp)new RevokeTokenOp(t))),
            (2, Gen.Select(
                Gen.OneOf(1L, 10_000L, 1_000_000L, 5_000_000L, 10_000_000L, 25_000_000L, 100_000_000L),
                Gen.OneOf(-1L, 0L, 1_000L, 5_000L, 60_000L),
                Gen.OneOf(0L, 2_000L, 10_000L),
                Gen.OneOf(0L, 1_000L, 60_000L, 300_000L),
                Gen.OneOf(0, 1, 5, 10_080),
                (m, n, d, l, x) => (FlowOp)new ConfigureOp(m, n, d, l, x))),
            (4, Gen.Select(account, Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 1], Gen.OneOf(-300, -250, -110, 100, 105, 110, 250, 300), Gen.OneOf(5_000_000L, 10_000_000L, 40_000_000L),
                Gen.OneOf(OrderType.Limit, OrderType.Post, OrderType.FillAndKill),
                (a, g, o, s, odds, b, t) => (FlowOp)new OneXTwoOp(a, g, o, s, odds, b, t))),
            (1, Gen.Select(Gen.Int[0, Leagues.Length - 1], Gen.OneOf(-1_000L, 0L, 5_000L, 600_000L, 7_200_000L), (l, s) => (FlowOp)new NewGameOp(l, s))),
            (1, Gen.Select(Gen.OneOf(0L, 50_000_000L, 1_000_000_000L), Gen.OneOf(0, 10_000, 999_999), (b, c) => (FlowOp)new NewAccountOp(b, c))),
            (2, Gen.Select(Gen.Int[0, 3], Gen.Int[-1, 6], Gen.Int[0, 6], (g, a, h) => (FlowOp)new GradeOp(g, a, h))),
            (1, Gen.Int[0, 3].Select(g => (FlowOp)new VoidOp(g))));
    }

    /// <summary>
    /// Runs a flow on a live engine, recording each command as (time, bytes) and what the engine did.
    /// <paramref name="snapshotAfter"/>: the number of records after which to write a snapshot (0 = the empty engine).
    /// </summary>
    public static (Exchange Live, List<JournalRecord> Journal, List<LiveStep> Steps, byte[]? Snapshot) Run(JournalFlow flow, int snapshotAfter = -1)
    {
        var x = new TestExchange();
        var journal = new List<JournalRecord>();
        var steps = new List<LiveStep>();
        byte[]? snapshot = snapshotAfter == 0 ? Twin.Snapshot(x.Engine) : null;

        CommandResult Run(Command command)
        {
            int before = x.Events.Count;
            CommandResult result = x.Run(command);
            journal.Add(new JournalRecord(x.Now, CommandCodec.Encode(command)));
            steps.Add(new LiveStep(Render.Result(result), Render.Events(x.Events.Skip(before)), x.Engine.StateHash()));
            if (journal.Count == snapshotAfter)
            {
                snapshot = Twin.Snapshot(x.Engine);
            }
            return result;
        }

        var accounts = new List<Account>();
        foreach (AccountSpec spec in flow.Base.Accounts)
        {
            CommandResult r = Run(new CreateAccount("u" + accounts.Count.ToString(CultureInfo.InvariantCulture), "h",
                Money.FromMicros(spec.BalanceMicros), Money.FromMicros(spec.CreditLimitMicros), CommissionRate.FromPpm(spec.CommissionPpm)));
            accounts.Add(Assert.IsType<AccountResult>(r).Account);
        }
        var games = new List<Game>();
        for (int g = 0; g < flow.Base.GameCount; g++)
        {
            games.Add(Assert.IsType<GameResult>(Run(new CreateGame(g == 0 ? "NBA" : "EPL", g == 0 ? "basketball" : "soccer",
                TestExchange.T0 + OrderFlow.LiveFlowGameStart, "Event " + g.ToString(CultureInfo.InvariantCulture),
                new ParticipantSpec("Away Team " + g.ToString(CultureInfo.InvariantCulture), "AW"),
                new ParticipantSpec("Home Team " + g.ToString(CultureInfo.InvariantCulture), "HO")))).Game);
        }

        ObjectId AccountId(int index) => index >= 0 && index < accounts.Count ? accounts[index].Id : new ObjectId(1, 999_999_999);
        static string Token(int index) => "tok-" + index.ToString(CultureInfo.InvariantCulture) + (index % 2 == 0 ? "" : "-ü🔑");

        var restedIds = new List<ObjectId>();
        foreach (FlowOp op in flow.Ops())
        {
            switch (op)
            {
                case AdvanceOp advance:
                    x.Now += advance.Milliseconds;
                    Run(AdvanceTime.Instance);
                    break;
                case SetLiveOp live:
                    Run(new SetGameLive(games[live.Game].Id, live.Live));
                    break;
                case CancelOp cancel:
                    Run(new CancelOrder(AccountId(cancel.Account),
                        cancel.Pick < 0 || restedIds.Count == 0 ? new ObjectId(1, 987_654_321) : restedIds[cancel.Pick % restedIds.Count]));
                    break;
                case PlaceOp place:
                    Run(new PlaceOrders(AccountId(place.Account), [.. place.Orders.Select(s => OrderFlow.ToRequest(s, games[s.Game]))]));
                    break;
                case DepositOp deposit:
                    Run(new Deposit(AccountId(deposit.Account), Money.FromMicros(deposit.AmountMicros)));
                    break;
                case WithdrawOp withdraw:
                    Run(new Withdraw(AccountId(withdraw.Account), Money.FromMicros(withdraw.AmountMicros)));
                    break;
                case IssueTokenOp issue:
                    Run(new IssueToken(AccountId(issue.Account), Token(issue.Token), x.Now + issue.ExpiresInMilliseconds));
                    break;
                case RevokeTokenOp revoke:
                    Run(new RevokeToken(Token(revoke.Token)));
                    break;
                case ConfigureOp c:
                    Run(new ConfigureExchange(new ExchangeOptions
                    {
                        MinimumOffer = Money.FromMicros(c.MinimumOfferMicros),
                        LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["nba"] = c.NbaDelay, ["EPL"] = 1_500 },
                        DefaultLiveDelayMilliseconds = c.DefaultDelay,
                        LiveOrderDefaultLifetimeMilliseconds = c.LiveLifetime,
                        MaxExpirationMinutes = c.MaxExpirationMinutes,
                    }));
                    break;
                case OneXTwoOp o:
                    {
                        Game game = games[o.Game % games.Count];
                        string? market = o.Outcome switch { 0 => game.Away.Id.ToString(), 1 => game.Home.Id.ToString(), 2 => "draw", _ => null };
                        Run(new PlaceOrders(AccountId(o.Account), [new OrderRequest(game.Id, MarketType.Moneyline1x2, o.Side == 0 ? "yes" : "no", market,
                            AmericanOdds.FromInt32(o.Odds), Money.FromMicros(o.BetMicros), null, o.Type, null, null)]));
                        break;
                    }
                case NewGameOp g:
                    {
                        string n = games.Count.ToString(CultureInfo.InvariantCulture);
                        CommandResult r = Run(new CreateGame(Leagues[g.League], g.League == 0 ? "basketball" : "soccer", x.Now + g.StartsInMilliseconds, null,
                            new ParticipantSpec("Home Team 0", "HO"), new ParticipantSpec("Team " + n + " ü", "T" + n)));
                        games.Add(Assert.IsType<GameResult>(r).Game);
                        break;
                    }
                case NewAccountOp a:
                    {
                        CommandResult r = Run(new CreateAccount("new-" + accounts.Count.ToString(CultureInfo.InvariantCulture), "h2",
                            Money.FromMicros(a.BalanceMicros), Money.Zero, CommissionRate.FromPpm(a.CommissionPpm)));
                        accounts.Add(Assert.IsType<AccountResult>(r).Account);
                        break;
                    }
                case GradeOp grade:
                    Run(new GradeGame(games[grade.Game % games.Count].Id, grade.Away, grade.Home));
                    break;
                case VoidOp voidGame:
                    Run(new VoidGame(games[voidGame.Game % games.Count].Id));
                    break;
                default:
                    throw new InvalidOperationException(op.ToString());
            }
            restedIds.AddRange(x.EventsOf<OrderRested>().Select(e => e.OrderId).Where(id => !restedIds.Contains(id)));
        }
        return (x.Engine, journal, steps, snapshot);
    }
}
