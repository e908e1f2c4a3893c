using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>Prints one scenario's figures: counts, errors by kind, rates, latency by request kind, CPU.</summary>
internal static class Report
{
    public static void Print(TextWriter output, ScenarioResult result, IReadOnlyList<ConnectionStats> connections)
    {
        long Sum(Func<ConnectionStats, long> field) => connections.Sum(field);
        Scenario scenario = result.Scenario;
        output.WriteLine(Line($"  measured {result.Seconds:0.00} s: {result.Requests:N0} requests ({result.RequestsPerSecond:N0}/s)"));
        if (scenario.Kind != ScenarioKind.Trivial)
        {
            long submitted = Sum(c => c.OrdersSubmitted);
            long placed = Sum(c => c.OrdersPlaced);
            output.WriteLine(Line($"  place requests   {Sum(c => c.PlaceRequests),10:N0}   orders submitted {submitted:N0}, priced to cross {Percent(Sum(c => c.OrdersPricedToCross), submitted)}"));
            output.WriteLine(Line($"  orders placed    {placed,10:N0}   matched on arrival {Percent(Sum(c => c.OrdersMatchedOnArrival), placed)}, rested {Sum(c => c.OrdersRested):N0}"));
            output.WriteLine(Line($"  cancel requests  {Sum(c => c.CancelRequests),10:N0}   ids {Sum(c => c.CancelsSubmitted):N0}, cancelled {Sum(c => c.OrdersCancelled):N0}"));
        }
        output.WriteLine(Line($"  errors           {result.UnexpectedErrors + result.ExpectedRaces,10:N0}   unexpected {result.UnexpectedErrors:N0}; expected races {result.ExpectedRaces:N0} (a cancel of an order a taker filled first)"));
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (ConnectionStats c in connections)
        {
            foreach ((string kind, long count) in c.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }
        foreach ((string kind, long count) in errors.Take(12))
        {
            output.WriteLine(Line($"    {count,10:N0}  {kind}"));
        }
        if (scenario.Paced)
        {
            output.WriteLine(Line($"  offered          {scenario.Rate,10:N0} requests/s; achieved {result.RequestsPerSecond:N0}/s{(result.Backlog > 0 ? $"; {result.Backlog:N0} due requests never sent (the server fell behind)" : "")}"));
        }
        output.WriteLine(scenario.Kind == ScenarioKind.Trivial
            ? Line($"  requests/s       {result.RequestsPerSecond,10:N0}")
            : Line($"  orders/s         {result.OrdersPerSecond,10:N0}   orders placed per second, each order of a batch counted"));
        output.WriteLine(scenario.Paced
            ? "  latency, ms (due → last byte)     p50      p99    p99.9      max    samples"
            : "  latency, ms (send → last byte)    p50      p99    p99.9      max    samples");
        foreach (RequestKind kind in Enum.GetValues<RequestKind>())
        {
            long[] samples = [.. connections.SelectMany(c => c.LatenciesByKind[(int)kind])];
            if (samples.Length > 0)
            {
                PrintLatency(output, kind.ToString().ToLowerInvariant(), Percentiles.Of(samples));
            }
        }
        PrintLatency(output, "all requests", result.Latency);
        if (scenario.Paced)
        {
            PrintLatency(output, "service time (send → last byte)", result.ServiceTime);
        }
        output.WriteLine(Line($"  CPU, cores busy  load generator {result.ClientCores:0.00}; server {(double.IsNaN(result.ServerCores) ? "n/a (not started here)" : result.ServerCores.ToString("0.00", CultureInfo.InvariantCulture))} ; other processes {result.OtherCores:0.00} (of {Environment.ProcessorCount}); server working set {result.ServerWorkingSet / (1024.0 * 1024):N0} MiB"));
    }

    /// <summary>Requests and p99 latency by second of the measured window (by when each was due): stalls show up here.</summary>
    public static void PrintTimeline(TextWriter output, IReadOnlyList<ConnectionStats> connections, long measureFrom, double seconds)
    {
        int buckets = Math.Max(1, (int)Math.Ceiling(seconds));
        var perSecond = new List<long>[buckets];
        for (int i = 0; i < buckets; i++)
        {
            perSecond[i] = [];
        }
        foreach (ConnectionStats c in connections)
        {
            for (int i = 0; i < c.DueTimes.Count; i++)
            {
                int second = (int)((c.DueTimes[i] - measureFrom) / System.Diagnostics.Stopwatch.Frequency);
                perSecond[Math.Clamp(second, 0, buckets - 1)].Add(c.Latencies[i]);
            }
        }
        output.WriteLine("  by second         " + string.Join(' ', Enumerable.Range(1, buckets).Select(s => s.ToString(CultureInfo.InvariantCulture).PadLeft(6))));
        output.WriteLine("    requests (k)    " + string.Join(' ', perSecond.Select(l => (l.Count / 1000.0).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6))));
        output.WriteLine("    p99 ms          " + string.Join(' ', perSecond.Select(l => (l.Count == 0 ? "-" : Percentiles.Of([.. l]).P99.ToString("0.0", CultureInfo.InvariantCulture)).PadLeft(6))));
    }

    private static void PrintLatency(TextWriter output, string name, Percentiles p) =>
        output.WriteLine(Line($"    {name,-30}{p.P50,7:0.00}  {p.P99,7:0.00}  {p.P999,7:0.00}  {p.Max,7:0.00}  {p.Samples,9:N0}"));

    private static string Percent(long part, long whole) =>
        whole > 0 ? (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
