namespace OpenLine.LoadGen;

/// <summary>
/// One connection's seeded order flow. Prices sit in a narrow band around even money, in two groups:
/// <list type="bullet">
/// <item><b>offers</b>, +101 to +110: two offers on opposite sides never cross, since
/// m(a)·m(b) &gt; 1 (m = profit per dollar staked), so they rest and build the book;</item>
/// <item><b>takers</b>, −110 to −115, drawn with probability <c>crossRatio</c>: these cross every
/// offer on the other side (m(−110)·m(+110) = 1 is still a match), so they fill on arrival.</item>
/// </list>
/// The share of orders that match on arrival is therefore close to <c>crossRatio</c>; the report
/// prints the share the server actually matched. Stakes are 10 to 200 dollars, so every unfilled
/// order meets the $10 minimum offer and rests.
/// </summary>
internal sealed class OrderFlow(int seed, double cancelRatio, double crossRatio)
{
    public const int OfferOddsMin = 101;
    public const int OfferOddsMax = 110;
    public const int TakerOddsMin = -115;
    public const int TakerOddsMax = -110;
    public const int BetMin = 10;
    public const int BetMax = 200;

    // Deterministic by design: the same seed gives the same flow (CA5394 is about security, not load).
#pragma warning disable CA5394
    private readonly Random _random = new(seed);

    /// <summary>Whether the next request cancels one of the connection's resting orders instead of placing.</summary>
    public bool NextIsCancel() => _random.NextDouble() < cancelRatio;

    /// <summary>Which of <paramref name="count"/> resting orders to cancel.</summary>
    public int NextIndex(int count) => _random.Next(count);

    public OrderSpec NextOrder()
    {
        bool home = _random.Next(2) == 1;
        bool cross = _random.NextDouble() < crossRatio;
        int odds = cross ? _random.Next(TakerOddsMin, TakerOddsMax + 1) : _random.Next(OfferOddsMin, OfferOddsMax + 1);
        return new OrderSpec(home, odds, _random.Next(BetMin, BetMax + 1), cross);
    }
#pragma warning restore CA5394
}
