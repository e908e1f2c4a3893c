namespace OpenLine.Core.Tests;

/// <summary>
/// Two engines fed the same commands at the same times (a live one and one restored or replayed),
/// compared after every command: results, events (rendered), state hash and invariants.
/// </summary>
internal sealed class Twin(Exchange expected, Exchange actual, long now)
{
    private readonly List<ExchangeEvent> _expectedEvents = [];
    private readonly List<ExchangeEvent> _actualEvents = [];

    public Exchange Expected { get; } = expected;
    public Exchange Actual { get; } = actual;
    public long Now { get; set; } = now;

    public void Run(Command command, string step)
    {
        _expectedEvents.Clear();
        _actualEvents.Clear();
        CommandResult expectedResult = Expected.Execute(command, Now, _expectedEvents);
        CommandResult actualResult = Actual.Execute(command, Now, _actualEvents);
        Assert.Equal(Render.Result(expectedResult), Render.Result(actualResult));
        Assert.Equal(Render.Events(_expectedEvents), Render.Events(_actualEvents));
        Assert.True(Expected.StateHash() == Actual.StateHash(), $"state hashes differ after {step}: {command}");
        Assert.Empty(Actual.ValidateInternalState());
    }

    /// <summary>Compares what the public surface of both engines shows, beyond the hash (options, timers, tokens).</summary>
    public static void AssertSameState(Exchange expected, Exchange actual)
    {
        Assert.Equal(expected.StateHash(), actual.StateHash());
        Assert.Empty(actual.ValidateInternalState());
        Assert.Equal(expected.Now, actual.Now);
        Assert.Equal(expected.CommandCount, actual.CommandCount);
        Assert.Equal(expected.NextDueAt, actual.NextDueAt);
        Assert.Equal(expected.TotalDeposits, actual.TotalDeposits);
        Assert.Equal(expected.TotalWithdrawals, actual.TotalWithdrawals);
        CommandSamples.AssertSame(expected.Options, actual.Options);
        Assert.Equal(expected.Accounts.Keys.Order(), actual.Accounts.Keys.Order());
        foreach (Account a in expected.Accounts.Values)
        {
            Account b = actual.Accounts[a.Id];
            Assert.Equal((a.Username, a.PasswordHash, a.Balance, a.CreditLimit, a.Commission, a.RestingStake, a.MatchedRisk, a.Available, a.CreatedAt),
                (b.Username, b.PasswordHash, b.Balance, b.CreditLimit, b.Commission, b.RestingStake, b.MatchedRisk, b.Available, b.CreatedAt));
            Assert.Equal(a.OpenOrders.Select(o => o.Id).Order(), b.OpenOrders.Select(o => o.Id).Order());
            Assert.Equal(a.Bets.Select(o => o.TxId), b.Bets.Select(o => o.TxId));
            Assert.Same(b, actual.FindAccount(a.Username));
        }
        Assert.Equal(expected.Games.Keys.Order(), actual.Games.Keys.Order());
        foreach (Game g in expected.Games.Values)
        {
            Game h = actual.Games[g.Id];
            Assert.Equal((g.League, g.Sport, g.StartsAt, g.EventName, g.Away.Id, g.Home.Id, g.Live, g.Started, g.Ended, g.MatchedVolume, g.CreatedAt),
                (h.League, h.Sport, h.StartsAt, h.EventName, h.Away.Id, h.Home.Id, h.Live, h.Started, h.Ended, h.MatchedVolume, h.CreatedAt));
            Assert.Equal(g.Books.Select(b => b.Key), h.Books.Select(b => b.Key));
        }
        Assert.Equal(expected.Orders.Count, actual.Orders.Count);
        foreach (Order o in expected.Orders.Values)
        {
            Order p = actual.Orders[o.Id];
            Assert.Equal(
                (o.WagerRequestId, o.Owner.Id, o.Game.Id, o.Book.Key, o.Side, o.Odds, o.Offered, o.Remaining, o.Filled, o.Released, o.CreatedAt, o.ExpiresAt),
                (p.WagerRequestId, p.Owner.Id, p.Game.Id, p.Book.Key, p.Side, p.Odds, p.Offered, p.Remaining, p.Filled, p.Released, p.CreatedAt, p.ExpiresAt));
            Assert.Equal(
                (o.GameStartExpiry, o.PlacedLive, o.IsPostArb, o.UserReference, o.Priority, o.State, o.CancelReason, o.ClosedAt),
                (p.GameStartExpiry, p.PlacedLive, p.IsPostArb, p.UserReference, p.Priority, p.State, p.CancelReason, p.ClosedAt));
        }
        Assert.Equal(expected.Bets.Count, actual.Bets.Count);
        foreach (Bet b in expected.Bets.Values)
        {
            Bet c = actual.Bets[b.TxId];
            Assert.Equal(
                (b.MakerOrder.Id, b.Taker.Id, b.TakerWagerRequestId, b.TakerSide, b.TakerStake, b.MakerStake, b.TakerFigures, b.IsPostArb, b.TakerUserReference, b.MatchedAt),
                (c.MakerOrder.Id, c.Taker.Id, c.TakerWagerRequestId, c.TakerSide, c.TakerStake, c.MakerStake, c.TakerFigures, c.IsPostArb, c.TakerUserReference, c.MatchedAt));
        }
        Assert.Equal(
            expected.Participants.Select(p => (p.Id, p.LongName, p.ShortName, p.League, p.Sport)).Order(),
            actual.Participants.Select(p => (p.Id, p.LongName, p.ShortName, p.League, p.Sport)).Order());
        Assert.Equal(Snapshot(expected), Snapshot(actual));
    }

    public static byte[] Snapshot(Exchange exchange)
    {
        var output = new BinaryOutput();
        exchange.WriteSnapshot(output);
        return output.ToArray();
    }
}
