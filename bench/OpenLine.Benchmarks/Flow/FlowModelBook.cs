namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// A plain price-time order book in flow units: a <c>B</c> at t trades with an <c>S</c> at t′ ≤ t,
/// one unit against one unit, at the resting order's tick; no minimum, no self-match prevention.
/// The generator steers the flow with it, and it is the reference a peer book (which trades the
/// same way) must reproduce exactly. Simple rather than fast.
/// </summary>
public sealed class FlowModelBook
{
    private readonly SortedSet<int>[] _prices = [new(), new()];
    private readonly Dictionary<int, LinkedList<Resting>>[] _levels = [[], []];
    private readonly Dictionary<long, LinkedListNode<Resting>> _byId = [];

    /// <summary>Orders resting now.</summary>
    public int RestingCount => _byId.Count;

    /// <summary>Fills so far: one per (taker, resting order) pair that traded.</summary>
    public long Fills { get; private set; }

    /// <summary>Units traded so far.</summary>
    public long Volume { get; private set; }

    /// <summary>The best bid (highest <c>B</c> tick), if any.</summary>
    public int? BestBid => _prices[0].Count == 0 ? null : _prices[0].Max;

    /// <summary>The best ask (lowest <c>S</c> tick), if any.</summary>
    public int? BestAsk => _prices[1].Count == 0 ? null : _prices[1].Min;

    public bool IsResting(long id) => _byId.ContainsKey(id);

    /// <summary>
    /// Applies one operation. Fills taken go to <paramref name="filledMakers"/> as the ids of resting
    /// orders that were used up. Returns the number of fills, and whether (a remainder of) the order now rests.
    /// </summary>
    public (int Fills, bool Rested) Apply(FlowOp op, List<long>? filledMakers = null)
    {
        if (op.Kind == FlowOpKind.Cancel)
        {
            Cancel(op.Id);
            return (0, false);
        }
        int own = op.Side == FlowSide.Buy ? 0 : 1;
        int other = 1 - own;
        long remaining = op.Size;
        int fills = 0;
        while (remaining > 0 && _prices[other].Count > 0)
        {
            int best = own == 0 ? _prices[other].Min : _prices[other].Max;
            if (own == 0 ? best > op.Price : best < op.Price)
            {
                break;
            }
            LinkedList<Resting> level = _levels[other][best];
            while (remaining > 0 && level.First is { } head)
            {
                long traded = Math.Min(remaining, head.Value.Remaining);
                remaining -= traded;
                head.Value.Remaining -= traded;
                Volume += traded;
                fills++;
                if (head.Value.Remaining == 0)
                {
                    level.RemoveFirst();
                    _byId.Remove(head.Value.Id);
                    filledMakers?.Add(head.Value.Id);
                }
            }
            if (level.Count == 0)
            {
                _levels[other].Remove(best);
                _prices[other].Remove(best);
            }
        }
        Fills += fills;
        if (remaining == 0 || op.Kind == FlowOpKind.ImmediateOrCancel)
        {
            return (fills, false);
        }
        if (!_levels[own].TryGetValue(op.Price, out LinkedList<Resting>? mine))
        {
            _levels[own][op.Price] = mine = new LinkedList<Resting>();
            _prices[own].Add(op.Price);
        }
        if (!_byId.TryAdd(op.Id, mine.AddLast(new Resting(op.Id, own, op.Price, remaining))))
        {
            throw new InvalidOperationException($"order id {op.Id} is already resting");
        }
        return (fills, true);
    }

    /// <summary>Removes a resting order; false when it is not resting (filled, cancelled or unknown).</summary>
    public bool Cancel(long id)
    {
        if (!_byId.Remove(id, out LinkedListNode<Resting>? node))
        {
            return false;
        }
        Resting order = node.Value;
        LinkedList<Resting> level = node.List!;
        level.Remove(node);
        if (level.Count == 0)
        {
            _levels[order.Side].Remove(order.Price);
            _prices[order.Side].Remove(order.Price);
        }
        return true;
    }

    private sealed class Resting(long id, int side, int price, long remaining)
    {
        public long Id { get; } = id;
        public int Side { get; } = side;
        public int Price { get; } = price;
        public long Remaining { get; set; } = remaining;
    }
}
