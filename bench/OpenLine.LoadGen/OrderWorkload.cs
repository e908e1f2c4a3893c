using System.Text.Json;

namespace OpenLine.LoadGen;

/// <summary>
/// One connection's side of the order flow, whatever the transport: it decides whether the next
/// request places a batch or cancels, writes the orders, remembers which of its orders rest, and
/// counts what the replies said. Cancels take up to a batch of the connection's resting orders at
/// random (a batch of 50 is answered by a cancel of up to 50), and a connection holding
/// <c>maxResting</c> orders cancels next, so the book stays bounded in a long run.
/// </summary>
internal sealed class OrderWorkload(LoadFixture fixture, OrderFlow flow, int batch, int maxResting, ConnectionStats stats)
{
    private readonly List<string> _resting = [];

    public int Batch => batch;

    public bool NextIsCancel() => _resting.Count > 0 && (_resting.Count >= maxResting || flow.NextIsCancel());

    /// <summary>Writes <see cref="Batch"/> orders as array elements; returns how many are priced to cross.</summary>
    public int WriteOrders(Utf8JsonWriter writer, string gameProperty)
    {
        int pricedToCross = 0;
        for (int i = 0; i < batch; i++)
        {
            OrderSpec order = flow.NextOrder();
            pricedToCross += order.PricedToCross ? 1 : 0;
            writer.WriteStartObject();
            writer.WriteString(gameProperty, fixture.GameId);
            writer.WriteString("type", "moneyline");
            writer.WriteString("side", order.Home ? fixture.HomeId : fixture.AwayId);
            writer.WriteNumber("odds", order.Odds);
            writer.WriteNumber("bet", order.Bet);
            writer.WriteString("orderType", "limit");
            writer.WriteEndObject();
        }
        return pricedToCross;
    }

    /// <summary>Swap-removes up to a batch of random resting orders into <paramref name="ids"/>: each is cancelled now or no longer open.</summary>
    public void TakeCancels(List<string> ids)
    {
        ids.Clear();
        int count = Math.Min(batch, _resting.Count);
        for (int i = 0; i < count; i++)
        {
            int index = flow.NextIndex(_resting.Count);
            ids.Add(_resting[index]);
            _resting[index] = _resting[^1];
            _resting.RemoveAt(_resting.Count - 1);
        }
    }

    /// <summary>Counts a place reply's entries (in the array <paramref name="arrayName"/>); keeps the resting ids even in warm-up.</summary>
    public RequestResult Placed(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> arrayName, int pricedToCross, bool measured)
    {
        var state = new PlaceTally(this, measured);
        if (!ReplyParser.ForEachEntry(reply, arrayName, ref state, static (ref Utf8JsonReader reader, ref PlaceTally tally) =>
            tally.Add(ReplyParser.ReadPlaceEntry(ref reader))))
        {
            return Failed(RequestKind.Place, $"place: reply without {System.Text.Encoding.UTF8.GetString(arrayName)}: {ReplyParser.Describe(reply)}", measured);
        }
        if (measured)
        {
            stats.PlaceRequests++;
            stats.OrdersSubmitted += batch;
            stats.OrdersPricedToCross += pricedToCross;
        }
        return new RequestResult(RequestKind.Place, state.Placed, state.Unexpected);
    }

    /// <summary>Counts a cancel reply that lists one entry per id (in the array <paramref name="arrayName"/>).</summary>
    public RequestResult CancelledMany(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> arrayName, int submitted, bool measured)
    {
        var state = new CancelTally(stats, measured);
        if (!ReplyParser.ForEachEntry(reply, arrayName, ref state, static (ref Utf8JsonReader reader, ref CancelTally tally) =>
            tally.Add(ReplyParser.ReadCancelEntry(ref reader))))
        {
            return Failed(RequestKind.Cancel, $"cancel: reply without {System.Text.Encoding.UTF8.GetString(arrayName)}: {ReplyParser.Describe(reply)}", measured);
        }
        if (measured)
        {
            stats.CancelRequests++;
            stats.CancelsSubmitted += submitted;
        }
        return new RequestResult(RequestKind.Cancel, 0, state.Unexpected);
    }

    /// <summary>A one-order cancel: success, or the error text the server gave.</summary>
    public RequestResult CancelledOne(string? error, bool measured)
    {
        if (!measured)
        {
            return new RequestResult(RequestKind.Cancel, 0, 0);
        }
        stats.CancelRequests++;
        stats.CancelsSubmitted++;
        if (error is null)
        {
            stats.OrdersCancelled++;
            return new RequestResult(RequestKind.Cancel, 0, 0);
        }
        return new RequestResult(RequestKind.Cancel, 0, stats.Error("cancel: " + error));
    }

    /// <summary>A request that failed as a whole (transport, HTTP status, envelope error).</summary>
    public RequestResult Failed(RequestKind kind, string error, bool measured)
    {
        if (!measured)
        {
            return new RequestResult(kind, 0, 0);
        }
        if (kind == RequestKind.Place)
        {
            stats.PlaceRequests++;
            stats.OrdersSubmitted += batch;
        }
        else
        {
            stats.CancelRequests++;
        }
        return new RequestResult(kind, 0, stats.Error(error));
    }

    private struct PlaceTally(OrderWorkload owner, bool measured)
    {
        public int Placed;
        public int Unexpected;

        public void Add(PlaceEntry entry)
        {
            if (entry.RestingOrderId is { } id)
            {
                owner._resting.Add(id);
            }
            if (!measured)
            {
                return;
            }
            ConnectionStats stats = owner.Stats;
            if (entry.ErrorType is not null || entry.Error is not null)
            {
                Unexpected += stats.Error($"order {entry.ErrorType}: {entry.Error}");
                return;
            }
            Placed++;
            stats.OrdersPlaced++;
            if (entry.Matched)
            {
                stats.OrdersMatchedOnArrival++;
            }
            if (entry.RestingOrderId is not null)
            {
                stats.OrdersRested++;
            }
        }
    }

    private struct CancelTally(ConnectionStats stats, bool measured)
    {
        public int Unexpected;

        public void Add((bool Success, string? Reason) entry)
        {
            if (!measured)
            {
                return;
            }
            if (entry.Success)
            {
                stats.OrdersCancelled++;
            }
            else
            {
                Unexpected += stats.Error("cancel: " + entry.Reason);
            }
        }
    }

    private ConnectionStats Stats => stats;
}
