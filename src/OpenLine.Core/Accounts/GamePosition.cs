namespace OpenLine.Core;

/// <summary>
/// An account's matched bets on one game, aggregated per (market, line, side) into what they win
/// and what they lose, and the worst-case loss over every possible final score (rules §5): hedged
/// bets net out. A final score (away a, home h) matters only through d = a − h and s = a + h,
/// and only relative to the lines, so the worst case is found by evaluating one score in every
/// region the lines cut (with both parities of d and s where a region allows them).
/// </summary>
public sealed class GamePosition
{
    // (book, side) → Σ win if that side wins, Σ loss if it loses, in micro-dollars.
    private readonly Dictionary<(BookKey Key, int Side), (long Win, long Loss)> _lines = [];

    internal GamePosition(Game game) => Game = game;

    public Game Game { get; }

    /// <summary>≥ 0: what the account loses in the worst final score (0 when every score is a win or a push).</summary>
    public Money Exposure { get; private set; }

    /// <summary>True when the position holds no bets.</summary>
    public bool IsEmpty => _lines.Count == 0;

    internal void Add(BookKey key, int side, Money win, Money loss)
    {
        (long w, long l) = _lines.GetValueOrDefault((key, side));
        _lines[(key, side)] = (checked(w + win.Micros), checked(l + loss.Micros));
        Exposure = Evaluate(null);
    }

    /// <summary>The exposure this position would have with <paramref name="extra"/> bets added on one side of one book.</summary>
    internal Money ExposureWith(BookKey key, int side, IReadOnlyList<(Money Win, Money Loss)> extra)
    {
        long win = 0;
        long loss = 0;
        foreach ((Money w, Money l) in extra)
        {
            win = checked(win + w.Micros);
            loss = checked(loss + l.Micros);
        }
        return Evaluate((key, side, win, loss));
    }

    private Money Evaluate((BookKey Key, int Side, long Win, long Loss)? extra)
    {
        if (_lines.Count == 0 && extra is null)
        {
            return Money.Zero;
        }
        var ds = new SortedSet<long> { -2, -1, 0, 1, 2 };
        var ss = new SortedSet<long> { 0, 1, 2 };
        foreach ((BookKey key, _) in Keys(extra))
        {
            if (key.Type == MarketType.Spread)
            {
                // Away covers when 4d + q > 0: the cut is at d = −q/4 (quarter lines cut at both neighbours).
                AddAround(ds, -key.Line);
            }
            else if (key.Type == MarketType.Total)
            {
                AddAround(ss, key.Line);
            }
        }
        long worst = long.MaxValue; // in half micro-dollars (quarter lines settle in halves)
        foreach (long d in ds)
        {
            long abs = Math.Abs(d);
            foreach (long s in ss.Concat([abs, abs + 1, abs + 2]))
            {
                if (s < abs || ((s - d) & 1) != 0)
                {
                    continue; // no final score has this difference and sum
                }
                long pnl = 0;
                foreach (KeyValuePair<(BookKey Key, int Side), (long Win, long Loss)> line in _lines)
                {
                    pnl = checked(pnl + HalfPnl(line.Key.Key, line.Key.Side, line.Value.Win, line.Value.Loss, d, s));
                }
                if (extra is { } e)
                {
                    pnl = checked(pnl + HalfPnl(e.Key, e.Side, e.Win, e.Loss, d, s));
                }
                worst = Math.Min(worst, pnl);
            }
        }
        // A loss of an odd number of half-micros rounds up: liability is never understated.
        return worst >= 0 ? Money.Zero : Money.FromMicros((-worst + 1) / 2);
    }

    private IEnumerable<(BookKey Key, int Side)> Keys((BookKey Key, int Side, long Win, long Loss)? extra) =>
        extra is { } e ? _lines.Keys.Append((e.Key, e.Side)) : _lines.Keys;

    /// <summary>Integers within 2 of a cut at <paramref name="quarters"/>/4 and of its quarter-line neighbours.</summary>
    private static void AddAround(SortedSet<long> values, long quarters)
    {
        for (long q = quarters - 1; q <= quarters + 1; q++)
        {
            long floor = (long)Math.Floor(q / 4.0);
            for (long v = floor - 2; v <= floor + 3; v++)
            {
                values.Add(v);
            }
        }
    }

    /// <summary>Twice the P&amp;L of one side of one book at a final score with difference d and sum s.</summary>
    private static long HalfPnl(BookKey key, int side, long win, long loss, long d, long s)
    {
        switch (key.Type)
        {
            case MarketType.Moneyline:
                // A tie refunds both sides.
                return Settle(side == 0 ? Math.Sign(d) : -Math.Sign(d), win, loss) * 2;
            case MarketType.Spread:
                return SplitLine(key.Line, q => Math.Sign((4 * d) + q), side, win, loss);
            case MarketType.Total:
                return SplitLine(key.Line, q => Math.Sign((4 * s) - q), side, win, loss);
            default:
                // 1x2: yes on the outcome wins exactly when it happens; no pushes.
                bool happened = key.Line switch
                {
                    BookKey.AwayOutcome => d > 0,
                    BookKey.HomeOutcome => d < 0,
                    _ => d == 0,
                };
                return (happened == (side == 0) ? win : -loss) * 2;
        }
    }

    /// <summary>A whole or half line settles once; a quarter line in two halves on its neighbours.</summary>
    private static long SplitLine(int quarters, Func<long, int> side0Result, int side, long win, long loss)
    {
        if ((quarters & 1) == 0)
        {
            int r = side0Result(quarters);
            return Settle(side == 0 ? r : -r, win, loss) * 2;
        }
        int low = side0Result(quarters - 1);
        int high = side0Result(quarters + 1);
        return Settle(side == 0 ? low : -low, win, loss) + Settle(side == 0 ? high : -high, win, loss);
    }

    private static long Settle(int result, long win, long loss) => result > 0 ? win : result < 0 ? -loss : 0;
}
