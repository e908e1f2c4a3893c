namespace OpenLine.Core;

/// <summary>
/// The resting orders of one side of a book, grouped in price levels. Levels are kept sorted by
/// maker price from the taker's worst to the taker's best, so the best level is the last one and
/// removing it is O(1).
/// </summary>
public sealed class BookSide
{
    // Descending by maker price key: [0] is the highest maker price (worst for a taker), [^1] the best.
    private readonly List<PriceLevel> _levels = [];

    public int LevelCount => _levels.Count;

    /// <summary>Levels best-for-the-taker first.</summary>
    public IEnumerable<PriceLevel> LevelsBestFirst
    {
        get
        {
            for (int i = _levels.Count - 1; i >= 0; i--)
            {
                yield return _levels[i];
            }
        }
    }

    /// <summary>The level at position <paramref name="index"/> counted from the best (0 = best).</summary>
    internal PriceLevel LevelFromBest(int index) => _levels[_levels.Count - 1 - index];

    public PriceLevel? Best => _levels.Count == 0 ? null : _levels[^1];

    internal void Add(Order order)
    {
        int index = Find(order.Odds.Key);
        PriceLevel level;
        if (index >= 0)
        {
            level = _levels[index];
        }
        else
        {
            level = new PriceLevel(order.Odds);
            _levels.Insert(~index, level);
        }
        level.Append(order);
    }

    internal void Remove(Order order)
    {
        PriceLevel level = order.Level ?? throw new InvalidOperationException("Order is not on the book.");
        level.Remove(order);
        if (level.Count == 0)
        {
            int index = Find(level.MakerOdds.Key);
            _levels.RemoveAt(index);
        }
    }

    // Binary search over the descending keys; returns the index, or the complement of the insertion point.
    private int Find(int makerKey)
    {
        int lo = 0;
        int hi = _levels.Count - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            int key = _levels[mid].MakerOdds.Key;
            if (key == makerKey)
            {
                return mid;
            }
            if (key > makerKey)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return ~lo;
    }
}
