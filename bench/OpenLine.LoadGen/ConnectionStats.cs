using System.Diagnostics;

namespace OpenLine.LoadGen;

/// <summary>
/// What one connection saw in the measured window. Written by its own loop only, read after it
/// ends, so nothing here is synchronised. Latencies are <see cref="Stopwatch"/> ticks: from the
/// moment the request was due (paced mode: its slot in the schedule; closed loop: its send) to the
/// response's last byte, and separately from the actual send (the service time).
/// </summary>
internal sealed class ConnectionStats
{
    /// <summary>Error kinds that are part of the flow, not failures: a cancel that lost the race to a taker.</summary>
    public const string ExpectedRaceMarker = "order already fully matched";

    public long PlaceRequests { get; set; }
    public long CancelRequests { get; set; }
    public long OtherRequests { get; set; }
    public long OrdersSubmitted { get; set; }
    public long OrdersPlaced { get; set; }
    public long OrdersPricedToCross { get; set; }
    public long OrdersMatchedOnArrival { get; set; }
    public long OrdersRested { get; set; }
    public long CancelsSubmitted { get; set; }
    public long OrdersCancelled { get; set; }

    /// <summary>Paced mode: requests due before the measured window (warm-up), for the backlog count.</summary>
    public long WarmupRequests { get; set; }

    /// <summary>The last time a measured request completed (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long LastCompletion { get; set; }

    /// <summary>Counts by kind: <c>place HTTP 500: …</c>, <c>order rejected_liability: …</c>, <c>cancel: order already fully matched</c>.</summary>
    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Due → last byte (what a client waiting on its schedule sees), every request.</summary>
    public List<long> Latencies { get; } = new(1 << 16);

    /// <summary>Due → last byte by <see cref="RequestKind"/>.</summary>
    public List<long>[] LatenciesByKind { get; } = [.. Enum.GetValues<RequestKind>().Select(_ => new List<long>(1 << 12))];

    /// <summary>When each request of <see cref="Latencies"/> was due (Stopwatch timestamp), for the per-second timeline.</summary>
    public List<long> DueTimes { get; } = new(1 << 16);

    /// <summary>Send → last byte; equals <see cref="Latencies"/> in a closed loop.</summary>
    public List<long> ServiceTimes { get; } = new(1 << 16);

    /// <summary>Counts an error; returns 1 when it is unexpected, 0 for an expected race.</summary>
    public int Error(string kind)
    {
        Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
        return IsExpected(kind) ? 0 : 1;
    }

    public static bool IsExpected(string kind) => kind.Contains(ExpectedRaceMarker, StringComparison.Ordinal);
}
