namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// A seeded order-flow generator: the same settings and seed always write the same file. It
/// steers by a <see cref="FlowModelBook"/> (plain price-time, unit for unit), so "crossing" and
/// "resting" below are as that book sees them.
/// </summary>
/// <remarks>
/// Each operation is a cancel with probability <see cref="FlowGeneratorSettings.CancelShare"/>,
/// otherwise an order on a random side. An order crosses with probability
/// <see cref="FlowGeneratorSettings.CrossShare"/>: priced 0–2 ticks through the opposite best,
/// an <c>I</c> or an <c>L</c> in equal parts, 10–100 units (an <c>L</c> rests what it does not fill).
/// Otherwise it is an <c>L</c> of 10–200 units resting a geometric number of ticks (mean ≈ 7,
/// at most 40) behind a fair tick that wanders within 1000 ± 10, and never at or through the
/// opposite best. A cancel takes a random resting order while fewer than the target rest
/// (with probability (resting/target)¹² below it); otherwise it names an order that already
/// filled (a late cancel, which both engines answer "not open"). With 47% cancels and 20%
/// crossing orders this holds the book near the target; sizes are at least 10 so that every
/// order is valid under OpenLine's default $10 minimum too.
/// </remarks>
public sealed class FlowGenerator(FlowGeneratorSettings settings)
{
    private const int MaxDepthTicks = 40;
    private const int FairRange = 10;

    private readonly Random _random = new(settings.Seed);
    private readonly FlowModelBook _book = new();
    private readonly List<long> _resting = [];
    private readonly Dictionary<long, int> _restingIndex = [];
    private readonly long[] _gone = new long[4096];
    private readonly List<long> _filledMakers = [];
    private int _goneCount;
    private long _nextId;
    private int _fair = FlowMarket.EvenTick;

    /// <summary>Writes <see cref="FlowGeneratorSettings.Operations"/> lines to <paramref name="writer"/>.</summary>
    public FlowGeneratorStats Generate(TextWriter writer)
    {
        var stats = new FlowGeneratorStats();
        long restingSum = 0;
        int samples = 0;
        for (long i = 0; i < settings.Operations; i++)
        {
            FlowOp op = Next();
            FlowFile.Write(writer, op);
            Apply(op, stats);
            if (i >= settings.Operations / 2)
            {
                restingSum += _book.RestingCount;
                samples++;
            }
            stats.MaxResting = Math.Max(stats.MaxResting, _book.RestingCount);
        }
        stats.Operations = settings.Operations;
        stats.MeanRestingSecondHalf = samples == 0 ? 0 : (double)restingSum / samples;
        stats.RestingAtEnd = _book.RestingCount;
        stats.Fills = _book.Fills;
        stats.Volume = _book.Volume;
        return stats;
    }

    private FlowOp Next()
    {
        DriftFair();
        if (_random.NextDouble() < settings.CancelShare && TryCancel(out FlowOp cancel))
        {
            return cancel;
        }
        var side = _random.Next(2) == 0 ? FlowSide.Buy : FlowSide.Sell;
        int? opposite = side == FlowSide.Buy ? _book.BestAsk : _book.BestBid;
        long id = ++_nextId;
        if (opposite is { } touch && _random.NextDouble() < settings.CrossShare)
        {
            int through = _random.Next(3);
            int price = side == FlowSide.Buy ? touch + through : touch - through;
            FlowOpKind kind = _random.NextDouble() < settings.ImmediateShareOfCrossing ? FlowOpKind.ImmediateOrCancel : FlowOpKind.Limit;
            return new FlowOp(kind, id, side, price, _random.Next(10, 101));
        }
        int depth = Math.Min(MaxDepthTicks, Geometric(0.14));
        int tick = side == FlowSide.Buy ? _fair - depth : _fair + 1 + depth;
        if (opposite is { } best)
        {
            tick = side == FlowSide.Buy ? Math.Min(tick, best - 1) : Math.Max(tick, best + 1);
        }
        return new FlowOp(FlowOpKind.Limit, id, side, tick, _random.Next(10, 201));
    }

    private bool TryCancel(out FlowOp cancel)
    {
        cancel = default;
        double fill = (double)_resting.Count / settings.TargetResting;
        bool hitResting = _resting.Count > 0 && (_goneCount == 0 || fill >= 1 || _random.NextDouble() < Math.Pow(fill, 12));
        if (hitResting)
        {
            cancel = new FlowOp(FlowOpKind.Cancel, _resting[_random.Next(_resting.Count)], FlowSide.Buy, 0, 0);
            return true;
        }
        if (_goneCount == 0)
        {
            return false;
        }
        cancel = new FlowOp(FlowOpKind.Cancel, _gone[_random.Next(Math.Min(_goneCount, _gone.Length))], FlowSide.Buy, 0, 0);
        return true;
    }

    private void Apply(FlowOp op, FlowGeneratorStats stats)
    {
        if (op.Kind == FlowOpKind.Cancel)
        {
            if (_book.Cancel(op.Id))
            {
                RemoveResting(op.Id);
                stats.CancelsOfResting++;
            }
            else
            {
                stats.LateCancels++;
            }
            return;
        }
        _filledMakers.Clear();
        (int fills, bool rested) = _book.Apply(op, _filledMakers);
        foreach (long maker in _filledMakers)
        {
            RemoveResting(maker);
            _gone[_goneCount++ % _gone.Length] = maker;
        }
        if (rested)
        {
            _restingIndex.Add(op.Id, _resting.Count);
            _resting.Add(op.Id);
        }
        stats.Orders++;
        if (op.Kind == FlowOpKind.ImmediateOrCancel)
        {
            stats.ImmediateOrders++;
        }
        if (fills > 0)
        {
            stats.CrossingOrders++;
        }
    }

    private void RemoveResting(long id)
    {
        int index = _restingIndex[id];
        long last = _resting[^1];
        _resting[index] = last;
        _restingIndex[last] = index;
        _resting.RemoveAt(_resting.Count - 1);
        _restingIndex.Remove(id);
    }

    // A slow, bounded random walk of the fair tick around even money.
    private void DriftFair()
    {
        if (_random.Next(100) != 0)
        {
            return;
        }
        int step = _random.Next(2) == 0 ? -1 : 1;
        _fair = Math.Clamp(_fair + step, FlowMarket.EvenTick - FairRange, FlowMarket.EvenTick + FairRange);
    }

    // Failures before the first success, success probability p.
    private int Geometric(double p) => (int)Math.Floor(Math.Log(1 - _random.NextDouble()) / Math.Log(1 - p));
}
