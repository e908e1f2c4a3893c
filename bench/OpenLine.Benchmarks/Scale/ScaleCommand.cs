using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenLine.Benchmarks.Scale;

/// <summary>
/// <c>scale</c>: how operations/s and memory grow with resting orders (one game) and with games
/// (a fixed number of resting orders spread over them). Every level runs in a child process of
/// this program (<see cref="ScaleRun"/>), so each working set is its own; the parent prints the
/// table and, with <c>--results</c>, writes it as Markdown.
/// </summary>
public static class ScaleCommand
{
    private const string Usage = """
        usage:
          scale [--orders 1000,10000,100000,1000000] [--games 10,100,1000,10000] [--games-resting 100000]
                [--ops 200000] [--runs 3] [--seed 42] [--results FILE]
        """;

    private const string ResultPrefix = "RESULT ";
    private const long OneGiB = 1L << 30;

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "--level")
        {
            var level = JsonSerializer.Deserialize<ScaleLevel>(args[1]) ?? throw new FormatException("bad --level");
            ScaleResult result = ScaleRun.Run(level);
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
            return 0;
        }
        Dictionary<string, string> options;
        try
        {
            options = ParseOptions(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message + "\n" + Usage);
            return 2;
        }
        int[] orders = Ints(options, "orders", "1000,10000,100000,1000000");
        int[] games = Ints(options, "games", "10,100,1000,10000");
        int gamesResting = Ints(options, "games-resting", "100000")[0];
        int ops = Ints(options, "ops", "200000")[0];
        int runs = Ints(options, "runs", "3")[0];
        int seed = Ints(options, "seed", "42")[0];

        List<ScaleLevel> levels = [
            .. orders.Select(n => new ScaleLevel("resting orders", n, 1, ops, runs, seed)),
            .. games.Select(g => new ScaleLevel("games", gamesResting, g, ops, runs, seed)),
        ];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scale curves on OpenLine.Core, in process, one child process per level; {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, workstation GC"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Mix per level: {ops:N0} operations × {runs} timed runs after a warm-up: {ScaleRun.MatchShare:P0} takers that cross, the rest limit orders that rest and cancels of a random resting order, keeping the book at its size."));
        var results = new List<ScaleResult>();
        foreach (ScaleLevel level in levels)
        {
            Console.Write(string.Create(CultureInfo.InvariantCulture, $"  {level.Curve}: {level.Resting:N0} resting over {level.Games:N0} game(s) ... "));
            ScaleResult? result = RunChild(level);
            if (result is null)
            {
                return 1;
            }
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.MedianOpsPerSecond:N0} ops/s, {result.BytesPerRestingOrder:N0} B per resting order, built in {result.BuildSeconds:0.0} s"));
        }
        string table = Table(results);
        Console.WriteLine();
        Console.WriteLine(table);
        if (options.TryGetValue("results", out string? path))
        {
            File.WriteAllText(path, table);
            Console.WriteLine($"Table written to {Path.GetFullPath(path)}");
        }
        return 0;
    }

    private static ScaleResult? RunChild(ScaleLevel level)
    {
        // Run this same program again: the apphost directly, or `dotnet <dll>` when started that way.
        string self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScaleCommand).Assembly.Location);
        }
        foreach (string arg in (string[])["scale", "--level", JsonSerializer.Serialize(level)])
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the level's process");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"the level's process failed (exit {process.ExitCode}):\n{output}");
            return null;
        }
        return JsonSerializer.Deserialize<ScaleResult>(line[ResultPrefix.Length..]);
    }

    private static string Table(List<ScaleResult> results)
    {
        var table = new StringBuilder();
        void Row(FormattableString row) => table.AppendLine(row.ToString(CultureInfo.InvariantCulture));
        Row($"| curve | resting orders | games | ops/s (median) | each run | p50 / p99 / p99.9 ns | p50 rest / cancel / take ns | heap with the book | bytes per resting order | working set | heap after the runs | build |");
        Row($"|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (ScaleResult r in results)
        {
            Row($"| {r.Level.Curve} | {r.Level.Resting:N0} | {r.Level.Games:N0} | **{r.MedianOpsPerSecond:N0}** | {string.Join(" / ", r.OpsPerSecond.Select(o => o.ToString("N0", CultureInfo.InvariantCulture)))} | {r.P50Nanos:N0} / {r.P99Nanos:N0} / {r.P999Nanos:N0} | {string.Join(" / ", r.P50NanosByKind.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} | {Mib(r.HeapBuilt)} | **{r.BytesPerRestingOrder:N0}** | {Mib(r.WorkingSetBuilt)} | {Mib(r.HeapAfter)} | {r.BuildSeconds:0.0} s |");
        }
        ScaleResult? million = results.Where(r => r.Level.Curve == "resting orders").MaxBy(r => r.Level.Resting);
        if (million is not null)
        {
            Row($"");
            Row($"{million.Level.Resting:N0} resting orders: heap {Mib(million.HeapBuilt)}, working set {Mib(million.WorkingSetBuilt)} (peak {Mib(million.PeakWorkingSet)}): {(million.WorkingSetBuilt < OneGiB && million.HeapBuilt < OneGiB ? "under" : "**over**")} 1 GiB.");
        }
        Row($"Heap: GC.GetTotalMemory after a full compacting collection; bytes per resting order = (heap with the book − heap after setup) ÷ resting orders, everything the engine keeps per placed order included. Working set: the level's own process after the build. Timed: each Exchange.Execute call alone; excluded: building the book, the harness's bookkeeping, the warm-up pass.");
        return table.ToString();
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException($"unexpected argument {args[i]}");
            }
            options[args[i][2..]] = args[++i];
        }
        return options;
    }

    private static int[] Ints(Dictionary<string, string> options, string name, string fallback) =>
        [.. (options.GetValueOrDefault(name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture))];
}
