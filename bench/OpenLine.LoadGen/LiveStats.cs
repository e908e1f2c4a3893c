namespace OpenLine.LoadGen;

/// <summary>
/// Running totals of the measured window, shared by every connection and read by the progress line
/// while the run goes on (so they are updated with <see cref="Interlocked"/>). The final report sums
/// each connection's own <see cref="ConnectionStats"/> instead.
/// </summary>
internal sealed class LiveStats
{
    private long _requests;
    private long _orders;
    private long _errors;

    public LatencyHistogram Latency { get; } = new();

    public long Requests => Volatile.Read(ref _requests);

    public long Orders => Volatile.Read(ref _orders);

    /// <summary>Unexpected errors only (a cancel that loses the race to a taker is not one).</summary>
    public long Errors => Volatile.Read(ref _errors);

    public void Completed(long latencyTicks, int ordersPlaced, int unexpectedErrors)
    {
        Interlocked.Increment(ref _requests);
        if (ordersPlaced != 0)
        {
            Interlocked.Add(ref _orders, ordersPlaced);
        }
        if (unexpectedErrors != 0)
        {
            Interlocked.Add(ref _errors, unexpectedErrors);
        }
        Latency.Record(latencyTicks);
    }
}
