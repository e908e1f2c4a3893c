using System.Diagnostics;
using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>Sums the connections' figures and prints them. Percentiles are exact: nearest rank over every sorted sample.</summary>
internal static class Report
{
    private const string CancelRace = "cancel HTTP 409";

    public static void Print(TextWriter output, IReadOnlyList<ConnectionStats> connections, long measureFrom)
    {
        long placeRequests = connections.Sum(c => c.PlaceRequests);
        long cancelRequests = connections.Sum(c => c.CancelRequests);
        long requests = placeRequests + cancelRequests;
        long submitted = connections.Sum(c => c.OrdersSubmitted);
        long placed = connections.Sum(c => c.OrdersPlaced);
        long pricedToCross = connections.Sum(c => c.OrdersPricedToCross);
        long matched = connections.Sum(c => c.OrdersMatchedOnArrival);
        long rested = connections.Sum(c => c.OrdersRested);
        long cancelled = connections.Sum(c => c.OrdersCancelled);
        long lastCompletion = connections.Max(c => c.LastCompletion);
        double seconds = lastCompletion > measureFrom ? Stopwatch.GetElapsedTime(measureFrom, lastCompletion).TotalSeconds : 0;

        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (ConnectionStats c in connections)
        {
            foreach ((string kind, long count) in c.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }
        long errorCount = errors.Values.Sum();
        long races = errors.Where(e => e.Key.StartsWith(CancelRace, StringComparison.Ordinal)).Sum(e => e.Value);

        output.WriteLine(Line($"Results over the measured {seconds:0.00} s"));
        output.WriteLine(Line($"  requests            {requests,10:N0}   place {placeRequests:N0}, cancel {cancelRequests:N0}"));
        output.WriteLine(Line($"  orders submitted    {submitted,10:N0}   priced to cross {pricedToCross:N0} ({Percent(pricedToCross, submitted)})"));
        output.WriteLine(Line($"  orders placed       {placed,10:N0}   matched on arrival {matched:N0} ({Percent(matched, placed)}), rested {rested:N0}"));
        output.WriteLine(Line($"  orders cancelled    {cancelled,10:N0}"));
        output.WriteLine(Line($"  errors              {errorCount,10:N0}   unexpected {errorCount - races:N0}; expected races {races:N0} (cancel of an order a taker filled first)"));
        foreach ((string kind, long count) in errors)
        {
            output.WriteLine(Line($"    {count,10:N0}  {kind}"));
        }
        output.WriteLine(Line($"  orders/s            {Rate(placed, seconds),10:N0}   orders placed per second, each order of a batch counted"));
        output.WriteLine(Line($"  requests/s          {Rate(requests, seconds),10:N0}"));
        output.WriteLine("  latency, ms (send to last byte)   p50      p99    p99.9      max    samples");
        PrintLatency(output, "place", [.. connections.SelectMany(c => c.PlaceLatencies)]);
        PrintLatency(output, "cancel", [.. connections.SelectMany(c => c.CancelLatencies)]);
        PrintLatency(output, "all requests", [.. connections.SelectMany(c => c.PlaceLatencies.Concat(c.CancelLatencies))]);
    }

    private static void PrintLatency(TextWriter output, string name, long[] ticks)
    {
        if (ticks.Length == 0)
        {
            output.WriteLine(Line($"    {name,-30}    -        -        -        -          0"));
            return;
        }
        Array.Sort(ticks);
        output.WriteLine(Line(
            $"    {name,-30}{Ms(Percentile(ticks, 0.50)),7:0.00}  {Ms(Percentile(ticks, 0.99)),7:0.00}  {Ms(Percentile(ticks, 0.999)),7:0.00}  {Ms(ticks[^1]),7:0.00}  {ticks.Length,9:N0}"));
    }

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="p"/> of all samples at or below it.</summary>
    private static long Percentile(long[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Rate(long count, double seconds) => seconds > 0 ? count / seconds : 0;

    private static string Percent(long part, long whole) =>
        whole > 0 ? (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
