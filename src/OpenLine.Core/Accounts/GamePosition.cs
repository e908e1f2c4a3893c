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
    // (book, side) → Σ of what that side wins and loses, whole and (quarter lines) half, as settlement pays it.
    private readonly Dictionary<(BookKey Key, int Side), PositionAmounts> _lines = [];

    // The differences d and sums s worth evaluating, sorted and unique: recomputed only when a bet
    // arrives on a spread or total line the position has not seen, so an evaluation allocates nothing.
    private readonly List<long> _differences = [.. BaseDifferences];
    private readonly List<long> _sums = [.. BaseSums];
    private readonly HashSet<BookKey> _cutKeys = [];
    private bool _moneylineOnly = true;

    private static readonly long[] BaseDifferences = [-2, -1, 0, 1, 2];
    private static readonly long[] BaseSums = [0, 1, 2];

    internal GamePosition(Game game) => Game = game;

    public Game Game { get; }

    /// <summary>≥ 0: what the account loses in the worst final score (0 when every score is a win or a push).</summary>
    public Money Exposure { get; private set; }

    /// <summary>True when the position holds no bets.</summary>
    public bool IsEmpty => _lines.Count == 0;

    internal void Add(BookKey key, int side, PositionAmounts amounts)
    {
        _lines[(key, side)] = _lines.GetValueOrDefault((key, side)) + amounts;
        AddCuts(key);
        Exposure = Evaluate(default, 0, default, hasExtra: false);
    }

    /// <summary>The exposure this position would have with more bets on one side of one book (what they would win and lose).</summary>
    internal Money ExposureWith(BookKey key, int side, PositionAmounts amounts)
    {
        if (_moneylineOnly && key.Type == MarketType.Moneyline)
        {
            return Evaluate(key, side, amounts, hasExtra: true);
        }
        // A new line may cut the scores where no current line does: evaluate on a copy with its cuts.
        if (IsCutKey(key) && !_cutKeys.Contains(key))
        {
            var copy = new GamePosition(Game);
            foreach (KeyValuePair<(BookKey Key, int Side), PositionAmounts> line in _lines)
            {
                copy._lines.Add(line.Key, line.Value);
                copy.AddCuts(line.Key.Key);
            }
            copy.AddCuts(key);
            return copy.Evaluate(key, side, amounts, hasExtra: true);
        }
        return Evaluate(key, side, amounts, hasExtra: true);
    }

    private static bool IsCutKey(BookKey key) => key.Type is MarketType.Spread or MarketType.Total;

    private void AddCuts(BookKey key)
    {
        if (key.Type != MarketType.Moneyline)
        {
            _moneylineOnly = false;
        }
        if (!IsCutKey(key) || !_cutKeys.Add(key))
        {
            return;
        }
        // Away covers when 4d + q > 0: the cut is at d = −q/4 (quarter lines cut at both neighbours).
        List<long> values = key.Type == MarketType.Spread ? _differences : _sums;
        long quarters = key.Type == MarketType.Spread ? -key.Line : key.Line;
        for (long q = quarters - 1; q <= quarters + 1; q++)
        {
            long floor = Math.DivRem(q, 4, out long remainder) - (remainder < 0 ? 1 : 0);
            for (long v = floor - 2; v <= floor + 3; v++)
            {
                int at = values.BinarySearch(v);
                if (at < 0)
                {
                    values.Insert(~at, v);
                }
            }
        }
    }

    private Money Evaluate(BookKey extraKey, int extraSide, PositionAmounts extra, bool hasExtra)
    {
        if (_lines.Count == 0 && !hasExtra)
        {
            return Money.Zero;
        }
        if (_moneylineOnly && (!hasExtra || extraKey.Type == MarketType.Moneyline))
        {
            return MoneylineExposure(extraSide, extra.Win.Micros, extra.Loss.Micros, hasExtra);
        }
        long worst = long.MaxValue; // the P&L at the worst final score, in micro-dollars
        foreach (long d in _differences)
        {
            long abs = Math.Abs(d);
            foreach (long s in _sums)
            {
                worst = Math.Min(worst, PnlAt(d, s, abs, extraKey, extraSide, extra, hasExtra));
            }
            for (long s = abs; s <= abs + 2; s++)
            {
                worst = Math.Min(worst, PnlAt(d, s, abs, extraKey, extraSide, extra, hasExtra));
            }
        }
        // Every term is what settlement would pay, quarter-line halves included, so this is never understated.
        return worst >= 0 ? Money.Zero : Money.FromMicros(-worst);
    }

    /// <summary>The position's P&amp;L at difference d and sum s, or long.MaxValue when no final score has them.</summary>
    private long PnlAt(long d, long s, long abs, BookKey extraKey, int extraSide, PositionAmounts extra, bool hasExtra)
    {
        if (s < abs || ((s - d) & 1) != 0)
        {
            return long.MaxValue; // no final score has this difference and sum
        }
        long pnl = 0;
        foreach (KeyValuePair<(BookKey Key, int Side), PositionAmounts> line in _lines)
        {
            pnl = checked(pnl + Pnl(line.Key.Key, line.Key.Side, line.Value, d, s));
        }
        return hasExtra ? checked(pnl + Pnl(extraKey, extraSide, extra, d, s)) : pnl;
    }

    /// <summary>
    /// Moneyline only: away wins, home wins or a tie (which refunds) — the worst of
    /// W(away) − L(home), W(home) − L(away) and 0.
    /// </summary>
    private Money MoneylineExposure(int extraSide, long extraWin, long extraLoss, bool hasExtra)
    {
        long win0 = 0, loss0 = 0, win1 = 0, loss1 = 0;
        foreach (KeyValuePair<(BookKey Key, int Side), PositionAmounts> line in _lines)
        {
            if (line.Key.Side == 0)
            {
                (win0, loss0) = (checked(win0 + line.Value.Win.Micros), checked(loss0 + line.Value.Loss.Micros));
            }
            else
            {
                (win1, loss1) = (checked(win1 + line.Value.Win.Micros), checked(loss1 + line.Value.Loss.Micros));
            }
        }
        if (hasExtra)
        {
            if (extraSide == 0)
            {
                (win0, loss0) = (checked(win0 + extraWin), checked(loss0 + extraLoss));
            }
            else
            {
                (win1, loss1) = (checked(win1 + extraWin), checked(loss1 + extraLoss));
            }
        }
        long worst = Math.Min(0, Math.Min(checked(win0 - loss1), checked(win1 - loss0)));
        return Money.FromMicros(-worst);
    }

    /// <summary>The P&amp;L of one side of one book at a final score with difference d and sum s.</summary>
    private static long Pnl(BookKey key, int side, PositionAmounts amounts, long d, long s)
    {
        long win = amounts.Win.Micros;
        long loss = amounts.Loss.Micros;
        switch (key.Type)
        {
            case MarketType.Moneyline:
                // A tie refunds both sides.
                return Settle(side == 0 ? Math.Sign(d) : -Math.Sign(d), win, loss);
            case MarketType.Spread:
                return SplitLine(key.Line, (4 * d) + key.Line, spread: true, side, amounts);
            case MarketType.Total:
                return SplitLine(key.Line, (4 * s) - key.Line, spread: false, side, amounts);
            default:
                // 1x2: yes on the outcome wins exactly when it happens; no pushes.
                bool happened = key.Line switch
                {
                    BookKey.AwayOutcome => d > 0,
                    BookKey.HomeOutcome => d < 0,
                    _ => d == 0,
                };
                return happened == (side == 0) ? win : -loss;
        }
    }

    /// <summary>
    /// What a whole or half line settles once, or a quarter line in two halves on its neighbours:
    /// both halves alike pay the whole win or loss; a half that pushes leaves the other's half win or
    /// half loss, as settlement rounds it (<see cref="PositionAmounts"/>).
    /// <paramref name="margin"/> is side 0's margin over the line in quarters (4d + q for spreads, 4s − q for totals);
    /// the neighbours q ∓ 1 shift it by ±1, in the direction the market's sign of q gives.
    /// </summary>
    private static long SplitLine(int quarters, long margin, bool spread, int side, PositionAmounts amounts)
    {
        long win = amounts.Win.Micros;
        long loss = amounts.Loss.Micros;
        if ((quarters & 1) == 0)
        {
            int r = Math.Sign(margin);
            return Settle(side == 0 ? r : -r, win, loss);
        }
        // Neighbours at q − 1 and q + 1: a spread's margin moves with q, a total's against it.
        int low = Math.Sign(spread ? margin - 1 : margin + 1);
        int high = Math.Sign(spread ? margin + 1 : margin - 1);
        int result = side == 0 ? low + high : -(low + high); // −2 … 2 in halves, as BetSettlement counts them
        return result switch
        {
            2 => win,
            -2 => -loss,
            1 => amounts.HalfWin.Micros,
            -1 => -amounts.HalfLoss.Micros,
            _ => 0,
        };
    }

    private static long Settle(int result, long win, long loss) => result > 0 ? win : result < 0 ? -loss : 0;
}
