namespace OpenLine.Benchmarks.Flow;

/// <summary>What the peer's replay script (bench/peers/replay.mjs) reported.</summary>
public sealed record PeerResult(
    string Engine,
    string Version,
    string Node,
    long Operations,
    double[] Seconds,
    double OpsPerSecond,
    long Fills,
    double Volume,
    long CrossingOrders,
    long Cancelled,
    long Resting);
