using System.Globalization;

namespace OpenLine.Benchmarks.Flow;

/// <summary>What a generated flow turned out to be, as the generator's plain book saw it.</summary>
public sealed class FlowGeneratorStats
{
    public long Operations { get; set; }
    public long Orders { get; set; }
    public long ImmediateOrders { get; set; }

    /// <summary>Orders that traded at least one unit on arrival.</summary>
    public long CrossingOrders { get; set; }
    public long CancelsOfResting { get; set; }

    /// <summary>Cancels of orders that had already filled.</summary>
    public long LateCancels { get; set; }
    public long Fills { get; set; }
    public long Volume { get; set; }
    public int MaxResting { get; set; }
    public int RestingAtEnd { get; set; }
    public double MeanRestingSecondHalf { get; set; }

    public override string ToString()
    {
        long cancels = CancelsOfResting + LateCancels;
        return string.Create(CultureInfo.InvariantCulture,
            $"""
              operations {Operations:N0}: orders {Orders:N0} ({Pct(Orders, Operations)}; I {ImmediateOrders:N0}), cancels {cancels:N0} ({Pct(cancels, Operations)}: {CancelsOfResting:N0} of resting orders, {LateCancels:N0} late, of filled orders)
              crossing orders {CrossingOrders:N0} ({Pct(CrossingOrders, Orders)} of orders); fills {Fills:N0}, volume {Volume:N0} units
              resting orders: mean {MeanRestingSecondHalf:N0} over the second half, max {MaxResting:N0}, {RestingAtEnd:N0} at the end
            """);
    }

    private static string Pct(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
