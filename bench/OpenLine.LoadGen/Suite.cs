using System.Globalization;
using System.Text;

namespace OpenLine.LoadGen;

/// <summary>
/// <c>--suite</c>: every end-to-end figure of issue #7 step 6 in one command. Each run measures, on a
/// fresh server each, the trivial endpoint, REST batches of 1 and 50, WebSocket batches of 1 and
/// 50 (closed loop), then REST batch 1 paced at fractions of that run's closed-loop peak. After
/// <c>--runs</c> runs it prints the table (medians, and every run's throughput) against the
/// targets, and writes the latency-vs-load chart.
/// </summary>
internal static class Suite
{
    public const double BatchOneTarget = 25_000;
    public const double BatchFiftyTarget = 200_000;
    public const double TrivialShareTarget = 0.40;
    public const double HalfPeakP99TargetMs = 5;
    private const double HalfPeak = 0.5;

    /// <summary>CPU of every other process on the machine above which a run is flagged as disturbed.</summary>
    private const double BusyMachineCores = 0.15;

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        double[] sweep = [.. options.Sweep.Append(HalfPeak).Distinct().Order()];
        var runs = new List<Dictionary<string, ScenarioResult>>();
        for (int run = 1; run <= options.Runs; run++)
        {
            var results = new Dictionary<string, ScenarioResult>(StringComparer.Ordinal);
            async Task<ScenarioResult> Measure(string key, ScenarioKind kind, int batch, double rate = 0)
            {
                var scenario = new Scenario(kind, batch, options.Connections, rate, options.Seconds, options.Warmup);
                output.WriteLine();
                output.Write(Line($"[run {run}/{options.Runs}] "));
                ScenarioResult result = await ScenarioRunner.RunAsync(options, scenario, $"run {run}/{options.Runs} {key}", output, cancellationToken).ConfigureAwait(false);
                results[key] = result;
                return result;
            }

            await Measure("trivial", ScenarioKind.Trivial, 1).ConfigureAwait(false);
            ScenarioResult peak = await Measure("http1", ScenarioKind.Http, 1).ConfigureAwait(false);
            await Measure("http50", ScenarioKind.Http, 50).ConfigureAwait(false);
            await Measure("ws1", ScenarioKind.Socket, 1).ConfigureAwait(false);
            await Measure("ws50", ScenarioKind.Socket, 50).ConfigureAwait(false);
            foreach (double fraction in sweep)
            {
                await Measure(PacedKey(fraction), ScenarioKind.Http, 1, Math.Round(peak.RequestsPerSecond * fraction)).ConfigureAwait(false);
            }
            runs.Add(results);
        }

        string table = Table(runs, sweep, options);
        output.WriteLine();
        output.WriteLine(table);
        if (options.Results is { } resultsPath)
        {
            await File.WriteAllTextAsync(resultsPath, table, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Table written to {Path.GetFullPath(resultsPath)}");
        }

        LatencyChart.LoadPoint[] points = [.. sweep.Select(f => PacedPoint(runs, PacedKey(f)))];
        string svg = LatencyChart.Render(points, Median(runs, r => r["http1"].RequestsPerSecond), HalfPeakP99TargetMs,
            "OpenLine REST, paced (open loop): latency vs offered load",
            Line($"{Environment.ProcessorCount}-core machine shared by client and server, loopback, {(options.Launch.IsDefault ? "server defaults (SQLite journal, fsync, snapshots)" : "server with " + string.Join(' ', options.Launch.Args.Concat(options.Launch.Environment.Select(e => $"{e.Key}={e.Value}"))))}; {options.Connections} connections; median of {runs.Count} run(s)"));
        await File.WriteAllTextAsync(options.Chart, svg, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Chart written to {Path.GetFullPath(options.Chart)}");
        return 0;
    }

    private static string PacedKey(double fraction) => string.Create(CultureInfo.InvariantCulture, $"paced{fraction:0.###}");

    private static LatencyChart.LoadPoint PacedPoint(List<Dictionary<string, ScenarioResult>> runs, string key) => new(
        Median(runs, r => r[key].Scenario.Rate),
        Median(runs, r => r[key].OrdersPerSecond),
        Median(runs, r => r[key].Latency.P50),
        Median(runs, r => r[key].Latency.P99),
        Median(runs, r => r[key].Latency.P999));

    private static string Table(List<Dictionary<string, ScenarioResult>> runs, double[] sweep, LoadOptions options)
    {
        var table = new StringBuilder();
        void Row(FormattableString row) => table.AppendLine(row.ToString(CultureInfo.InvariantCulture));
        string Each(Func<Dictionary<string, ScenarioResult>, double> value) =>
            string.Join(" / ", runs.Select(r => value(r).ToString("N0", CultureInfo.InvariantCulture)));

        Row($"End-to-end, loopback, {Environment.ProcessorCount} cores shared by client and server; {options.Connections} connections, {options.Users} users; {options.Warmup:0.#} s warm-up + {options.Seconds:0.#} s measured per scenario; a fresh server per scenario; medians of {runs.Count} run(s)");
        Row($"");
        Row($"| scenario | throughput (median) | requests/s | each run | p50 ms | p99 ms | p99.9 ms | unexpected errors | cores: client / server / others | target | met |");
        Row($"|---|---|---|---|---|---|---|---|---|---|---|");
        foreach ((string key, string name, string unit, double target, string targetText) in (IEnumerable<(string, string, string, double, string)>)
        [
            ("trivial", "GET /health (the ceiling)", "req/s", 0, ""),
            ("http1", "REST place, batch 1 (+ cancels)", "orders/s", BatchOneTarget, "≥ 25,000 orders/s"),
            ("http50", "REST place, batch 50 (+ cancels)", "orders/s", BatchFiftyTarget, "≥ 200,000 orders/s"),
            ("ws1", "WebSocket placeV3, batch 1 (+ cancels)", "orders/s", 0, ""),
            ("ws50", "WebSocket placeV3, batch 50 (+ cancels)", "orders/s", 0, ""),
        ])
        {
            double value = Median(runs, r => r[key].Throughput);
            Row($"| {name} | **{value:N0} {unit}** | {Median(runs, r => r[key].RequestsPerSecond):N0} | {Each(r => r[key].Throughput)} | {Median(runs, r => r[key].Latency.P50):0.00} | {Median(runs, r => r[key].Latency.P99):0.00} | {Median(runs, r => r[key].Latency.P999):0.00} | {Median(runs, r => r[key].UnexpectedErrors):N0} | {Cores(runs, key)} | {targetText} | {Met(target == 0 ? null : value >= target)} |");
        }
        double orderShare = Median(runs, r => r["http1"].OrdersPerSecond / r["trivial"].RequestsPerSecond);
        double share = Median(runs, r => r["http1"].RequestsPerSecond / r["trivial"].RequestsPerSecond);
        Row($"| REST batch 1 ÷ GET /health | **{100 * orderShare:0}%** orders/s ÷ req/s | {100 * share:0}% of the requests | {string.Join(" / ", runs.Select(r => (100 * r["http1"].OrdersPerSecond / r["trivial"].RequestsPerSecond).ToString("0", CultureInfo.InvariantCulture) + "%"))} | | | | | | ≥ 40% | {Met(orderShare >= TrivialShareTarget)} |");
        foreach (double fraction in sweep)
        {
            string key = PacedKey(fraction);
            double p99 = Median(runs, r => r[key].Latency.P99);
            bool half = Math.Abs(fraction - HalfPeak) < 1e-9;
            Row($"| REST batch 1 paced at {100 * fraction:0}% of peak ({Median(runs, r => r[key].Scenario.Rate):N0} req/s offered) | {Median(runs, r => r[key].OrdersPerSecond):N0} orders/s | {Median(runs, r => r[key].RequestsPerSecond):N0} | {Each(r => r[key].OrdersPerSecond)} | {Median(runs, r => r[key].Latency.P50):0.00} | {(half ? $"**{p99:0.00}**" : p99.ToString("0.00", CultureInfo.InvariantCulture))} | {Median(runs, r => r[key].Latency.P999):0.00} | {Median(runs, r => r[key].UnexpectedErrors):N0} | {Cores(runs, key)} | {(half ? "p99 < 5 ms" : "")} | {Met(half ? p99 < HalfPeakP99TargetMs : null)} |");
        }
        Row($"");
        ScenarioResult[] all = [.. runs.SelectMany(r => r.Values)];
        ScenarioResult[] disturbed = [.. all.Where(r => r.OtherCores > BusyMachineCores)];
        if (disturbed.Length > 0)
        {
            Row($"**Busy machine:** other processes used more than {BusyMachineCores:0.00} cores in {disturbed.Length} of {all.Length} scenario runs (up to {disturbed.Max(r => r.OtherCores):0.00}); with client and server sharing {Environment.ProcessorCount} cores, those figures are pessimistic, the paced tails most of all. Re-run on a quiet machine before quoting them.");
            Row($"");
        }
        Row($"Throughput counts orders placed (each order of a batch; cancels are further requests, in the requests/s column); GET /health counts requests. Latency: send → last byte in the closed loop, due time → last byte when paced (released every {options.PaceMicros} µs). Excluded: server start, user/game setup, connecting, warm-up. Cores: CPU busy over the window (others: every other process on the machine).");
        return table.ToString();
    }

    private static string Cores(List<Dictionary<string, ScenarioResult>> runs, string key) => string.Create(CultureInfo.InvariantCulture,
        $"{Median(runs, r => r[key].ClientCores):0.00} / {Median(runs, r => r[key].ServerCores):0.00} / {Median(runs, r => r[key].OtherCores):0.00}");

    private static string Met(bool? met) => met switch
    {
        true => "yes",
        false => "**no**",
        null => "",
    };

    private static double Median(List<Dictionary<string, ScenarioResult>> runs, Func<Dictionary<string, ScenarioResult>, double> value)
    {
        double[] values = [.. runs.Select(value).Where(v => !double.IsNaN(v)).Order()];
        if (values.Length == 0)
        {
            return double.NaN;
        }
        int middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
