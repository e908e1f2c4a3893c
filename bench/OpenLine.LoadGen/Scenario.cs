using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>
/// One measured load: what is sent, over how many connections, for how long, and either as fast as
/// the replies come back (closed loop, <see cref="Rate"/> 0) or on a fixed schedule of
/// <see cref="Rate"/> requests per second (open loop).
/// </summary>
internal sealed record Scenario(ScenarioKind Kind, int Batch, int Connections, double Rate, double Seconds, double Warmup)
{
    public bool Paced => Rate > 0;

    public string Name => Kind switch
    {
        ScenarioKind.Trivial => "GET /health",
        ScenarioKind.Http => $"HTTP batch {Batch}",
        _ => $"WebSocket batch {Batch}",
    } + (Paced ? string.Create(CultureInfo.InvariantCulture, $", paced {Rate:N0} req/s") : "");
}
