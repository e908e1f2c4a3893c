using System.Diagnostics;

namespace OpenLine.LoadGen;

/// <summary>
/// What one connection saw in the measured window. Written by its own loop only, read after it
/// ends, so nothing here is synchronised. Latencies are <see cref="Stopwatch"/> ticks, send to last byte.
/// </summary>
internal sealed class ConnectionStats
{
    public long PlaceRequests { get; set; }
    public long CancelRequests { get; set; }
    public long OrdersSubmitted { get; set; }
    public long OrdersPlaced { get; set; }
    public long OrdersPricedToCross { get; set; }
    public long OrdersMatchedOnArrival { get; set; }
    public long OrdersRested { get; set; }
    public long OrdersCancelled { get; set; }

    /// <summary>The last time a measured request completed (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long LastCompletion { get; set; }

    /// <summary>Counts by kind: <c>place HTTP 500: …</c>, <c>order rejected_liability: …</c>, <c>cancel HTTP 409: …</c>.</summary>
    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public List<long> PlaceLatencies { get; } = new(1 << 16);
    public List<long> CancelLatencies { get; } = new(1 << 16);

    public void Error(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
}
