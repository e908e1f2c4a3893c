namespace OpenLine.LoadGen;

/// <summary>
/// What a scenario measured. Rates are per second of the measured window; CPU in cores busy over it
/// (<see cref="OtherCores"/>: every other process on the machine, NaN when unknown).
/// </summary>
internal sealed record ScenarioResult(
    Scenario Scenario,
    double Seconds,
    long Requests,
    long OrdersPlaced,
    long OrdersCancelled,
    long UnexpectedErrors,
    long ExpectedRaces,
    long Backlog,
    Percentiles Latency,
    Percentiles ServiceTime,
    double ClientCores,
    double ServerCores,
    double OtherCores,
    long ServerWorkingSet)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;

    public double OrdersPerSecond => Seconds > 0 ? OrdersPlaced / Seconds : 0;

    /// <summary>Orders placed per second for order scenarios, requests per second for the trivial endpoint.</summary>
    public double Throughput => Scenario.Kind == ScenarioKind.Trivial ? RequestsPerSecond : OrdersPerSecond;
}
