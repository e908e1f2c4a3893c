namespace OpenLine.Core;

// Order management beyond place and cancel: bulk cancels, the heartbeat dead-man switch,
// edit (cancel-and-replace) and pause/resume.
public sealed partial class Exchange
{
    private readonly Dictionary<ObjectId, long> _heartbeats = [];
    private readonly Dictionary<ObjectId, List<OrderRequest>> _paused = [];

    /// <summary>When the account's heartbeat lapses (Unix ms), if it has armed one.</summary>
    public long? HeartbeatDeadline(ObjectId accountId) => _heartbeats.TryGetValue(accountId, out long deadline) ? deadline : null;

    private void WriteOrderState(BinaryOutput output)
    {
        output.Int32(_heartbeats.Count);
        foreach (KeyValuePair<ObjectId, long> beat in _heartbeats.OrderBy(b => b.Key))
        {
            output.Id(beat.Key).Int64(beat.Value);
        }
        output.Int32(_paused.Count);
        foreach (KeyValuePair<ObjectId, List<OrderRequest>> paused in _paused.OrderBy(p => p.Key))
        {
            output.Id(paused.Key).Bytes(CommandCodec.Encode(new PlaceOrders(paused.Key, paused.Value)));
        }
    }

    private void ReadOrderState(ref BinaryInput input)
    {
        for (int i = Count(ref input); i > 0; i--)
        {
            _heartbeats.Add(input.Id(), input.Int64());
        }
        for (int i = Count(ref input); i > 0; i--)
        {
            ObjectId account = input.Id();
            if (CommandCodec.Read(input.Bytes()) is not PlaceOrders place)
            {
                throw new FormatException("Paused orders are stored as a place.");
            }
            _paused.Add(account, [.. place.Orders]);
        }
    }

    private void HashOrderState(StateHasher hash)
    {
        foreach (KeyValuePair<ObjectId, long> beat in _heartbeats.OrderBy(b => b.Key))
        {
            hash.Add(beat.Key).Add(beat.Value);
        }
        foreach (KeyValuePair<ObjectId, List<OrderRequest>> paused in _paused.OrderBy(p => p.Key))
        {
            hash.Add(paused.Key).Add(Convert.ToBase64String(CommandCodec.Encode(new PlaceOrders(paused.Key, paused.Value))));
        }
    }

    private CommandResult CancelMany(CancelOrders command, List<ExchangeEvent> events)
    {
        var results = new CommandResult[command.OrderIds.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = CancelOnce(new CancelOrder(command.AccountId, command.OrderIds[i]), events);
        }
        return new CancelManyResult(results);
    }

    private CommandResult CancelSelected(CancelAllOrders command, List<ExchangeEvent> events)
    {
        if (!_accounts.TryGetValue(command.AccountId, out Account? account))
        {
            return new Rejected(RejectReason.UnknownAccount, "account not found");
        }
        CancelScope scope = command.Scope;
        if (scope.GameId is { } gameId && !_games.ContainsKey(gameId))
        {
            return new Rejected(RejectReason.UnknownGame, "game not found");
        }
        return new CancelManyResult(CancelOpenOrders(account, o => Selects(scope, o), CancelReason.User, events)
            .Select(r => (CommandResult)new CancelResult(r)).ToArray());
    }

    private static bool Selects(CancelScope scope, Order order) =>
        (scope.GameId is not { } game || order.Game.Id == game)
        && (scope.Type is not { } type || order.Book.Type == type)
        && (scope.Side is not { } side || string.Equals(SideToken(order), side, StringComparison.OrdinalIgnoreCase))
        && scope.Market switch
        {
            null => true,
            "main" => order.Book.Type != MarketType.Moneyline1x2, // the price feed's name for moneyline, spread and total
            var market => string.Equals(MarketToken(order), market, StringComparison.OrdinalIgnoreCase),
        }
        && (scope.League is not { } league || string.Equals(order.Game.League, league, StringComparison.OrdinalIgnoreCase))
        && (scope.UserReferences is not { } references || (order.UserReference is { } reference && references.Contains(reference)));

    /// <summary>Cancels the account's open orders that <paramref name="predicate"/> selects, oldest first.</summary>
    private List<CancelReport> CancelOpenOrders(Account account, Func<Order, bool> predicate, CancelReason reason, List<ExchangeEvent> events)
    {
        List<Order> victims = [.. account.OpenOrders.Where(predicate).OrderBy(o => o.Priority)];
        var reports = new List<CancelReport>(victims.Count);
        foreach (Order order in victims)
        {
            reports.Add(CancelOpenOrder(order, reason, events));
        }
        return reports;
    }

    // ---- Heartbeat --------------------------------------------------------------------------

    private CommandResult Beat(Heartbeat command)
    {
        if (!_accounts.ContainsKey(command.AccountId))
        {
            return new Rejected(RejectReason.UnknownAccount, "account not found");
        }
        if (command.TimeoutMilliseconds <= 0 || command.TimeoutMilliseconds > 24 * 60 * 60 * 1000)
        {
            return new Rejected(RejectReason.InvalidHeartbeat, "Invalid heartbeat timeout");
        }
        long deadline = Now + command.TimeoutMilliseconds;
        _heartbeats[command.AccountId] = deadline;
        Schedule(deadline, new Timer(TimerKind.HeartbeatLapse, Account: command.AccountId));
        return new HeartbeatResult(deadline, command.TimeoutMilliseconds);
    }

    /// <summary>A heartbeat deadline passed: if no later heartbeat moved it, every open order of the account goes.</summary>
    private void HeartbeatLapse(ObjectId accountId, long due, List<ExchangeEvent> events)
    {
        if (_heartbeats.TryGetValue(accountId, out long deadline) && deadline == due)
        {
            _heartbeats.Remove(accountId);
            CancelOpenOrders(_accounts[accountId], _ => true, CancelReason.HeartbeatLapsed, events);
        }
    }

    // ---- Edit ------------------------------------------------------------------------------

    private CommandResult Edit(EditOrder command, List<ExchangeEvent> events)
    {
        if (!_orders.TryGetValue(command.OrderId, out Order? order))
        {
            return new Rejected(RejectReason.UnknownOrder, "order not found");
        }
        if (order.Owner.Id != command.AccountId)
        {
            return new Rejected(RejectReason.NotYourOrder, "Not your order");
        }
        if (order.State != OrderState.Open)
        {
            return NotOpen(order);
        }
        if (command.BlockIfNoOtherSideOrders && !order.Book.Side(1 - order.Side).LevelsBestFirst.SelectMany(l => l.Orders).Any(o => o.Owner != order.Owner))
        {
            return new Rejected(RejectReason.NoOtherSideOrders, "no orders on the other side");
        }
        Money remaining = order.Remaining;
        var request = new OrderRequest(order.Game.Id, order.Book.Type, SideToken(order), MarketToken(order), command.Odds, command.Volume,
            order.Book.NumberFor(order.Side), command.OrderType, command.ExpirationMinutes, command.UserReference ?? order.UserReference)
        {
            Platform = order.Platform, // an edit keeps where the order came from
        };
        CancelReport cancelled = CancelOpenOrder(order, CancelReason.Edited, events);
        if (command.IntendedVolume is { } intended && Money.Max(remaining - intended, intended - remaining) > Money.FromDollars(1))
        {
            return new EditResult(cancelled, null); // v4 guard: the order changed under the client; stop after the cancel
        }
        _fillBuffer.Clear();
        return new EditResult(cancelled, PlaceOne(order.Owner, request, mayHold: true, events));
    }

    // ---- Pause and resume ------------------------------------------------------------------

    private CommandResult Pause(PauseOrders command, List<ExchangeEvent> events)
    {
        if (!_accounts.TryGetValue(command.AccountId, out Account? account))
        {
            return new Rejected(RejectReason.UnknownAccount, "account not found");
        }
        List<OrderRequest> remembered = [.. account.OpenOrders.OrderBy(o => o.Priority).Select(o => new OrderRequest(o.Game.Id, o.Book.Type,
            SideToken(o), MarketToken(o), o.Odds, o.Remaining, o.Book.NumberFor(o.Side), OrderType.Post, null, o.UserReference) { Platform = o.Platform })];
        List<CancelReport> reports = CancelOpenOrders(account, _ => true, CancelReason.Paused, events);
        if (remembered.Count > 0)
        {
            if (!_paused.TryGetValue(account.Id, out List<OrderRequest>? list))
            {
                _paused[account.Id] = list = [];
            }
            list.AddRange(remembered);
        }
        return new CancelManyResult([.. reports.Select(r => (CommandResult)new CancelResult(r))]);
    }

    private CommandResult Resume(ResumeOrders command, List<ExchangeEvent> events)
    {
        if (!_accounts.TryGetValue(command.AccountId, out Account? account))
        {
            return new Rejected(RejectReason.UnknownAccount, "account not found");
        }
        if (!_paused.Remove(account.Id, out List<OrderRequest>? requests))
        {
            return new PlaceResult([]);
        }
        var outcomes = new OrderOutcome[requests.Count];
        for (int i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = PlaceOne(account, requests[i], mayHold: true, events);
        }
        return new PlaceResult(outcomes);
    }
}
