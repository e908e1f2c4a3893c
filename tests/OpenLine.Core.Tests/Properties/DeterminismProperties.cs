using CsCheck;

namespace OpenLine.Core.Tests;

// Rules §8, §9: the engine is a pure function of its commands and their times. Two engines fed
// the same commands give identical results, events, ids and StateHash; invariants hold throughout,
// including live games, live delays, game starts and expiries.
public class DeterminismProperties
{
    [Fact]
    public void Two_engines_fed_the_same_commands_agree_on_everything()
    {
        OrderFlow.WithLive(maxOps: 50).Sample(flow =>
        {
            (string resultsA, string eventsA, string hashA) = Run(flow);
            (string resultsB, string eventsB, string hashB) = Run(flow);
            Assert.Equal(resultsA, resultsB);
            Assert.Equal(eventsA, eventsB);
            Assert.Equal(hashA, hashB);
        }, iter: 300);
    }

    [Fact]
    public void Every_fill_of_any_flow_moves_equal_and_opposite_stakes()
    {
        OrderFlow.WithLive(maxOps: 50).Sample(flow =>
        {
            var x = new TestExchange();
            Apply(x, flow);
            foreach (OrderFilled fill in x.EventsOf<OrderFilled>())
            {
                Bet bet = x.Engine.Bets[fill.TxId];
                (long n, long d) = ReferenceExchange.M(bet.TakerOdds.Value);
                Assert.Equal((long)((Int128)fill.TakerStake.Micros * n / d), fill.MakerStake.Micros);
                Assert.Equal(bet.MakerOrder.Id, fill.MakerOrderId);
                Assert.NotEqual(fill.TakerId, fill.MakerId); // never a self-match
                Assert.True(fill.TakerStake.IsPositive && fill.MakerStake.IsPositive);
            }
            foreach (Order o in x.Engine.Orders.Values.Where(o => o.State != OrderState.Cancelled))
            {
                Assert.Equal(o.Offered, o.Filled + o.Remaining + o.Released);
                Assert.True(o.Released < Money.OneCent);
            }
        }, iter: 300);
    }

    [Fact]
    public void State_hash_changes_when_the_state_changes()
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account a = x.NewAccount();
        string before = x.Engine.StateHash();
        Order order = x.Rest(a, Orders.Away(game, 110, 100m));
        string after = x.Engine.StateHash();
        x.Cancel(a, order.Id);

        Assert.NotEqual(before, after);
        Assert.NotEqual(after, x.Engine.StateHash());
        Assert.Matches("^[0-9a-f]{64}$", after);
    }

    [Fact]
    public void Replaying_a_recorded_run_reproduces_ids_and_hash()
    {
        var original = new TestExchange();
        Game game = original.NewGame("NBA", "basketball");
        Account maker = original.NewAccount();
        Account taker = original.NewAccount();
        original.Rest(maker, Orders.Home(game, 110, 100m));
        original.SetLive(game);
        original.Rest(maker, Orders.Home(game, 105, 100m));
        original.Hold(taker, Orders.Away(game, -110, 50m));
        original.Advance(5_000);

        // Replay the same commands at the same times into a fresh engine.
        var replay = new TestExchange();
        Game game2 = replay.NewGame("NBA", "basketball");
        Account maker2 = replay.NewAccount();
        Account taker2 = replay.NewAccount();
        replay.Rest(maker2, Orders.Home(game2, 110, 100m));
        replay.SetLive(game2);
        replay.Rest(maker2, Orders.Home(game2, 105, 100m));
        replay.Hold(taker2, Orders.Away(game2, -110, 50m));
        replay.Advance(5_000);

        Assert.Equal(game.Id, game2.Id);
        Assert.Equal(taker.Id, taker2.Id);
        Assert.Equal(Render.Events(original.Events), Render.Events(replay.Events));
        Assert.Equal(original.Engine.StateHash(), replay.Engine.StateHash());
    }

    internal static (string Results, string Events, string Hash) Run(Flow flow)
    {
        var x = new TestExchange();
        List<string> results = Apply(x, flow);
        return (string.Join('\n', results), Render.Events(x.Events), x.Engine.StateHash());
    }

    /// <summary>Applies a flow to an engine, checking the invariants after each command.</summary>
    internal static List<string> Apply(TestExchange x, Flow flow)
    {
        var results = new List<string>();
        var accounts = new List<Account>();
        foreach (AccountSpec spec in flow.Accounts)
        {
            CommandResult r = x.Run(new CreateAccount("u" + accounts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "h", Money.FromMicros(spec.BalanceMicros), Money.FromMicros(spec.CreditLimitMicros), CommissionRate.FromPpm(spec.CommissionPpm)));
            accounts.Add(Assert.IsType<AccountResult>(r).Account);
            results.Add(Render.Result(r));
        }
        var games = new List<Game>();
        for (int g = 0; g < flow.GameCount; g++)
        {
            games.Add(x.NewGame(g == 0 ? "NBA" : "EPL", g == 0 ? "basketball" : "soccer", TestExchange.T0 + OrderFlow.LiveFlowGameStart));
        }
        var restedIds = new List<ObjectId>();
        foreach (FlowOp op in flow.Ops)
        {
            CommandResult result = op switch
            {
                AdvanceOp advance => RunAt(x, x.Now + advance.Milliseconds, AdvanceTime.Instance),
                SetLiveOp live => x.Run(new SetGameLive(games[live.Game].Id, live.Live)),
                CancelOp cancel => x.Run(new CancelOrder(accounts[cancel.Account].Id,
                    cancel.Pick < 0 || restedIds.Count == 0 ? new ObjectId(1, 987_654_321) : restedIds[cancel.Pick % restedIds.Count])),
                PlaceOp place => x.Run(new PlaceOrders(accounts[place.Account].Id, [.. place.Orders.Select(s => OrderFlow.ToRequest(s, games[s.Game]))])),
                _ => throw new InvalidOperationException(op.ToString()),
            };
            results.Add(Render.Result(result));
            restedIds.AddRange(x.EventsOf<OrderRested>().Select(e => e.OrderId).Where(id => !restedIds.Contains(id)));
        }
        return results;
    }

    private static CommandResult RunAt(TestExchange x, long now, Command command)
    {
        x.Now = now;
        return x.Run(command);
    }
}
