namespace OpenLine.Core;

// Idempotent retries (an OpenLine extension): a place or cancel sent again with the same
// Idempotency-Key by the same account returns the first result instead of acting twice. The first
// result is kept as ids (wager request, fills, resting order, or the rejection) and rendered again
// from the engine's state, so it survives restarts through the journal and snapshots alike.
public sealed partial class Exchange
{
    /// <summary>How long a key is remembered: 24 hours after its first use.</summary>
    public const long IdempotencyWindowMilliseconds = 24 * 60 * 60 * 1000;

    /// <summary>The longest key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    private readonly Dictionary<(ObjectId Account, string Key), IdempotentEntry> _idempotency = [];
    private readonly Queue<(long At, ObjectId Account, string Key)> _idempotencyExpiry = new();
    private readonly Dictionary<ulong, (ObjectId Account, string Key, int Index)> _heldByKey = [];

    private enum OutcomeKind : byte
    {
        Accepted = 0,
        Rejected = 1,
        Held = 2,
    }

    /// <summary>A first outcome, as ids: enough to render it again.</summary>
    private sealed record OutcomeRef(OutcomeKind Kind, ObjectId WagerRequestId, ObjectId[] TxIds, ObjectId? RestOrderId,
        RejectReason Reason, string Message, ulong HoldId, long ReleaseAt);

    private sealed record IdempotentEntry(long At, bool IsCancel, OutcomeRef[] Outcomes, ObjectId CancelledOrder, RejectReason CancelReason, string CancelMessage);

    private bool TryReplay(ObjectId account, string? key, bool isCancel, out CommandResult result)
    {
        result = Done.Instance;
        PruneIdempotency();
        if (key is null || !_idempotency.TryGetValue((account, key), out IdempotentEntry? entry))
        {
            return false;
        }
        if (entry.IsCancel != isCancel)
        {
            result = new Rejected(RejectReason.IdempotencyKeyReused, "Idempotency-Key was already used for a different kind of request");
            return true;
        }
        if (isCancel)
        {
            result = entry.CancelReason == RejectReason.None
                ? new CancelResult(CancelReportFor(_orders[entry.CancelledOrder]))
                : new Rejected(entry.CancelReason, entry.CancelMessage);
            return true;
        }
        result = new PlaceResult([.. entry.Outcomes.Select(Render)]);
        return true;
    }

    private void RememberPlace(ObjectId account, string key, IReadOnlyList<OrderOutcome> outcomes)
    {
        var refs = new OutcomeRef[outcomes.Count];
        for (int i = 0; i < refs.Length; i++)
        {
            refs[i] = ToRef(outcomes[i]);
            if (outcomes[i] is OrderHeld held)
            {
                _heldByKey[held.HoldId] = (account, key, i);
            }
        }
        Remember(account, key, new IdempotentEntry(Now, IsCancel: false, refs, ObjectId.Empty, RejectReason.None, ""));
    }

    private void RememberCancel(ObjectId account, string key, CommandResult result) =>
        Remember(account, key, result switch
        {
            CancelResult done => new IdempotentEntry(Now, IsCancel: true, [], done.Report.OrderId, RejectReason.None, ""),
            Rejected rejected => new IdempotentEntry(Now, IsCancel: true, [], ObjectId.Empty, rejected.Reason, rejected.Message),
            _ => throw new InvalidOperationException("A cancel either cancels or is rejected."),
        });

    private void Remember(ObjectId account, string key, IdempotentEntry entry)
    {
        _idempotency[(account, key)] = entry;
        _idempotencyExpiry.Enqueue((entry.At, account, key));
    }

    /// <summary>A held order's final outcome replaces its placeholder in the entry that holds it.</summary>
    private void ResolveHeldKey(ulong holdId, OrderOutcome outcome)
    {
        if (_heldByKey.Remove(holdId, out (ObjectId Account, string Key, int Index) at)
            && _idempotency.TryGetValue((at.Account, at.Key), out IdempotentEntry? entry))
        {
            entry.Outcomes[at.Index] = ToRef(outcome);
        }
    }

    private void PruneIdempotency()
    {
        while (_idempotencyExpiry.TryPeek(out (long At, ObjectId Account, string Key) oldest) && oldest.At + IdempotencyWindowMilliseconds <= Now)
        {
            _idempotencyExpiry.Dequeue();
            if (_idempotency.TryGetValue((oldest.Account, oldest.Key), out IdempotentEntry? entry) && entry.At == oldest.At)
            {
                _idempotency.Remove((oldest.Account, oldest.Key));
                foreach (OutcomeRef r in entry.Outcomes.Where(r => r.Kind == OutcomeKind.Held))
                {
                    _heldByKey.Remove(r.HoldId);
                }
            }
        }
    }

    private void WriteIdempotency(BinaryOutput output)
    {
        output.Int32(_idempotencyExpiry.Count);
        foreach ((long at, ObjectId account, string key) in _idempotencyExpiry)
        {
            IdempotentEntry entry = _idempotency[(account, key)];
            output.Int64(at).Id(account).String(key).Bool(entry.IsCancel).Id(entry.CancelledOrder).Int32((int)entry.CancelReason)
                .String(entry.CancelMessage).Int32(entry.Outcomes.Length);
            foreach (OutcomeRef r in entry.Outcomes)
            {
                output.Byte((byte)r.Kind).Id(r.WagerRequestId).Int32(r.TxIds.Length);
                foreach (ObjectId tx in r.TxIds)
                {
                    output.Id(tx);
                }
                output.Bool(r.RestOrderId is not null).Id(r.RestOrderId ?? ObjectId.Empty).Int32((int)r.Reason).String(r.Message)
                    .UInt64(r.HoldId).Int64(r.ReleaseAt);
            }
        }
    }

    private void ReadIdempotency(ref BinaryInput input)
    {
        for (int i = Count(ref input); i > 0; i--)
        {
            long at = input.Int64();
            ObjectId account = input.Id();
            string key = input.String();
            bool isCancel = input.Bool();
            ObjectId cancelled = input.Id();
            var cancelReason = (RejectReason)input.Int32();
            string cancelMessage = input.String();
            var outcomes = new OutcomeRef[Count(ref input)];
            for (int o = 0; o < outcomes.Length; o++)
            {
                var kind = (OutcomeKind)input.Byte();
                ObjectId wagerRequestId = input.Id();
                var txIds = new ObjectId[Count(ref input)];
                for (int t = 0; t < txIds.Length; t++)
                {
                    txIds[t] = input.Id();
                }
                bool hasRest = input.Bool();
                ObjectId rest = input.Id();
                outcomes[o] = new OutcomeRef(kind, wagerRequestId, txIds, hasRest ? rest : null, (RejectReason)input.Int32(), input.String(),
                    input.UInt64(), input.Int64());
                if (kind == OutcomeKind.Held)
                {
                    _heldByKey[outcomes[o].HoldId] = (account, key, o);
                }
            }
            Remember(account, key, new IdempotentEntry(at, isCancel, outcomes, cancelled, cancelReason, cancelMessage));
        }
    }

    private void HashIdempotency(StateHasher hash)
    {
        foreach ((long at, ObjectId account, string key) in _idempotencyExpiry)
        {
            IdempotentEntry entry = _idempotency[(account, key)];
            hash.Add(at).Add(account).Add(key).Add(entry.IsCancel).Add(entry.CancelledOrder).Add((int)entry.CancelReason).Add(entry.CancelMessage);
            foreach (OutcomeRef r in entry.Outcomes)
            {
                hash.Add((int)r.Kind).Add(r.WagerRequestId).Add(r.TxIds.Length).Add(r.RestOrderId ?? ObjectId.Empty).Add((int)r.Reason)
                    .Add(r.Message).Add(r.HoldId).Add(r.ReleaseAt);
                foreach (ObjectId tx in r.TxIds)
                {
                    hash.Add(tx);
                }
            }
        }
    }

    private static OutcomeRef ToRef(OrderOutcome outcome) => outcome switch
    {
        OrderAccepted a => new OutcomeRef(OutcomeKind.Accepted, a.WagerRequestId, [.. a.Fills.Select(f => f.TxId)], a.Rest?.OrderId,
            RejectReason.None, "", 0, 0),
        OrderRejected r => new OutcomeRef(OutcomeKind.Rejected, ObjectId.Empty, [], null, r.Reason, r.Message, 0, 0),
        OrderHeld h => new OutcomeRef(OutcomeKind.Held, ObjectId.Empty, [], null, RejectReason.None, "", h.HoldId, h.ReleaseAt),
        _ => throw new InvalidOperationException("Unknown outcome."),
    };

    private OrderOutcome Render(OutcomeRef r) => r.Kind switch
    {
        OutcomeKind.Accepted => new OrderAccepted(r.WagerRequestId, [.. r.TxIds.Select(tx => FillReportFor(_bets[tx]))],
            r.RestOrderId is { } rest ? RestReportFor(_orders[rest]) : null),
        OutcomeKind.Rejected => new OrderRejected(r.Reason, r.Message),
        _ => new OrderHeld(r.HoldId, r.ReleaseAt),
    };

    /// <summary>A fill as its taker saw it in the place response.</summary>
    private static FillReport FillReportFor(Bet bet)
    {
        OrderBook book = bet.Book;
        return new FillReport(bet.TxId, bet.TakerWagerRequestId, bet.MakerOrder.Id, book.Type, SideToken(book, bet.TakerSide), MarketToken(book),
            book.NumberFor(bet.TakerSide), bet.TakerOdds, bet.TakerStake, bet.TakerFigures.Risk, bet.TakerFigures.Win, bet.MakerStake, bet.TakerUserReference);
    }

    /// <summary>A resting order as the place response first reported it.</summary>
    private static RestReport RestReportFor(Order order) =>
        new(order.Id, order.WagerRequestId, order.Book.Type, SideToken(order), MarketToken(order), order.Book.NumberFor(order.Side), order.Odds,
            order.Offered, order.UserReference);

    /// <summary>What a cancel reported, rendered from the cancelled order.</summary>
    private static CancelReport CancelReportFor(Order order) =>
        new(order.Id, order.Game.Id, order.Book.Type, SideToken(order), MarketToken(order), order.Book.NumberFor(order.Side), order.Odds,
            order.Filled, order.Offered - order.Filled - order.Released, OrderDescriptions.Subject(order), order.UserReference,
            order.CancelReason ?? CancelReason.User);
}
