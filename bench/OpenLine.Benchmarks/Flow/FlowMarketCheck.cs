using System.Globalization;
using OpenLine.Core;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// Checks <see cref="FlowMarket"/>'s claims against the real engine (run by <c>flow check</c> and
/// before every <c>flow generate</c>): ticks map to distinct, strictly ordered prices, and a
/// <c>B</c> at t crosses an <c>S</c> at t′ exactly when t ≥ t′, whichever of the two rests.
/// </summary>
public static class FlowMarketCheck
{
    /// <summary>Runs the check over every pair of ticks in [<paramref name="low"/>, <paramref name="high"/>]; returns the failures (empty when all hold).</summary>
    public static List<string> Run(int low = 960, int high = 1040)
    {
        var failures = new List<string>();

        // 1. Prices: Key(a(t)) = 1100 − t, so ticks are distinct and ordered, including 999/1000/1001.
        foreach (int t in new[] { FlowMarket.MinTick, low, 999, 1000, 1001, high, FlowMarket.MaxTick })
        {
            AmericanOdds buy = FlowMarket.Odds(FlowSide.Buy, t);
            AmericanOdds sell = FlowMarket.Odds(FlowSide.Sell, t);
            if (buy.Key != 1100 - t || sell.Counter != buy)
            {
                failures.Add($"tick {t}: B odds {buy} (key {buy.Key}), S odds {sell}; expected key {1100 - t} and S = counter of B");
            }
        }
        for (int t = FlowMarket.MinTick; t < FlowMarket.MaxTick; t++)
        {
            if (FlowMarket.Odds(FlowSide.Buy, t) <= FlowMarket.Odds(FlowSide.Buy, t + 1))
            {
                failures.Add($"ticks {t} and {t + 1} are not strictly ordered prices");
                break;
            }
        }

        // 2. Crossing, by the engine's own matching: rest one side for $100, send the other as a $1 fill-and-kill.
        var flow = new FlowEngine(accounts: 2);
        long id = 0;
        for (int resting = low; resting <= high; resting++)
        {
            for (int taking = low; taking <= high; taking++)
            {
                CheckPair(flow, ref id, FlowSide.Sell, resting, FlowSide.Buy, taking, expected: taking >= resting, failures);
                CheckPair(flow, ref id, FlowSide.Buy, resting, FlowSide.Sell, taking, expected: resting >= taking, failures);
            }
        }
        return failures;
    }

    /// <summary>What <c>flow check</c> prints on success.</summary>
    public static string Summary(int low = 960, int high = 1040) => string.Create(CultureInfo.InvariantCulture,
        $"""
        Odds mapping checked against the engine:
          every tick in [{FlowMarket.MinTick}, {FlowMarket.MaxTick}] is a distinct price, ordered (engine key = 1100 - t);
          ticks 999 / 1000 / 1001: B backs away at {FlowMarket.Odds(FlowSide.Buy, 999)} / {FlowMarket.Odds(FlowSide.Buy, 1000)} / {FlowMarket.Odds(FlowSide.Buy, 1001)}, S backs home at {FlowMarket.Odds(FlowSide.Sell, 999)} / {FlowMarket.Odds(FlowSide.Sell, 1000)} / {FlowMarket.Odds(FlowSide.Sell, 1001)}
            (1000 is -100, stored as +100: the same price, and still distinct from 999 and 1001);
          for all {(high - low + 1) * (high - low + 1)} tick pairs in [{low}, {high}], each side resting in turn:
            B@t crosses S@t' exactly when t >= t' (Exchange.Execute, limit maker vs fillAndKill taker).
        """);

    private static void CheckPair(FlowEngine flow, ref long id, FlowSide restSide, int restTick, FlowSide takeSide, int takeTick,
        bool expected, List<string> failures)
    {
        long makerId = ++id;
        long takerId = ++id;
        var rest = new FlowOp(FlowOpKind.Limit, makerId, restSide, restTick, 100);
        var take = new FlowOp(FlowOpKind.ImmediateOrCancel, takerId, takeSide, takeTick, 1);
        var placed = (OrderAccepted)((PlaceResult)flow.Execute(new PlaceOrders(flow.AccountFor(makerId, restSide), [flow.Request(rest)]))).Outcomes[0];
        ObjectId resting = placed.Rest?.OrderId ?? throw new InvalidOperationException($"{FlowFile.Format(rest)} did not rest on an empty book");
        OrderOutcome outcome = ((PlaceResult)flow.Execute(new PlaceOrders(flow.AccountFor(takerId, takeSide), [flow.Request(take)]))).Outcomes[0];
        bool crossed = outcome is OrderAccepted { Fills.Count: > 0 };
        if (!crossed && outcome is not OrderRejected { Reason: RejectReason.FillAndKillNoMatch })
        {
            failures.Add($"{FlowFile.Format(take)} against {FlowFile.Format(rest)}: unexpected outcome {outcome}");
        }
        else if (crossed != expected)
        {
            failures.Add($"{FlowFile.Format(take)} against resting {FlowFile.Format(rest)}: crossed = {crossed}, expected {expected}");
        }
        if (flow.Execute(new CancelOrder(flow.AccountFor(makerId, restSide), resting)) is not CancelResult)
        {
            failures.Add($"cancel of {FlowFile.Format(rest)} failed after the check");
        }
    }
}
