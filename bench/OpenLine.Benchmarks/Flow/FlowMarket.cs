using OpenLine.Core;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// How a flow maps onto one OpenLine moneyline market (issue #7): <c>B</c> at tick t backs the
/// away side at American odds a(t), <c>S</c> at tick t backs the home side at −a(t), with
/// a(t) = −(100 + (t − 1000)) for t ≥ 1000 and +(100 + (1000 − t)) below; sizes are dollars of stake.
/// </summary>
/// <remarks>
/// The engine orders prices by <see cref="AmericanOdds.Key"/> (+o ↦ o, −o ↦ 200 − o), and
/// Key(a(t)) = 1100 − t for every tick: strictly decreasing, so every tick is its own price.
/// At t = 1000, a(t) = −100, which the engine stores as +100 (the same price); 999 and 1001 are
/// +101 and −101, so the ticks around even money stay distinct. A resting <c>S</c> at t′ holds
/// −a(t′); a taker of the away side gets its counter a(t′) and crosses when
/// Key(a(t′)) ≥ Key(a(t)), i.e. exactly when t ≥ t′ (<see cref="FlowMarketCheck"/> proves it
/// against the engine).
/// </remarks>
public static class FlowMarket
{
    /// <summary>The tick of even money (a = −100 ≡ +100).</summary>
    public const int EvenTick = 1000;

    /// <summary>The lowest tick with valid odds: a(t) = +100000.</summary>
    public const int MinTick = EvenTick - (AmericanOdds.MaxMagnitude - AmericanOdds.MinMagnitude);

    /// <summary>The highest tick with valid odds: a(t) = −100000.</summary>
    public const int MaxTick = EvenTick + (AmericanOdds.MaxMagnitude - AmericanOdds.MinMagnitude);

    /// <summary>a(t): the American odds of backing the away side at tick <paramref name="tick"/>.</summary>
    public static int AwayOdds(int tick) => tick >= EvenTick ? -(100 + (tick - EvenTick)) : 100 + (EvenTick - tick);

    /// <summary>The odds an order of <paramref name="side"/> at <paramref name="tick"/> backs its participant at.</summary>
    public static AmericanOdds Odds(FlowSide side, int tick)
    {
        if (tick is < MinTick or > MaxTick)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), tick, $"a flow tick must lie in [{MinTick}, {MaxTick}]");
        }
        int away = AwayOdds(tick);
        return AmericanOdds.FromInt32(side == FlowSide.Buy ? away : -away);
    }

    /// <summary>The book side (0 = away, 1 = home) an order of <paramref name="side"/> rests on.</summary>
    public static int BookSide(FlowSide side) => side == FlowSide.Buy ? 0 : 1;
}
