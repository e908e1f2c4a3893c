using System.Diagnostics;
using System.Runtime;
using OpenLine.Benchmarks.Flow;
using OpenLine.Core;

namespace OpenLine.Benchmarks.Scale;

/// <summary>
/// One level, in its own process (so the working set is this level's alone): set up accounts and
/// games, place the resting orders one command each (untimed; build time reported), measure the
/// heap, then run the fixed mix — 10% takers that cross (fill-and-kill, $10–$100, on a random
/// game), the rest split between limit orders that rest and cancels of a random resting order so
/// the book stays at its size — once untimed to warm up and <see cref="ScaleLevel.Runs"/> times
/// timed. Each call to <see cref="Exchange.Execute"/> is timed alone (clock reads ~25 ns); ops/s is
/// operations ÷ the sum of those times, so the harness's bookkeeping is excluded and GC pauses
/// are included.
/// </summary>
public static class ScaleRun
{
    public const double MatchShare = 0.10;

    public static ScaleResult Run(ScaleLevel level)
    {
        var book = new ScaleBook(level.Games, level.Seed);
        long heapEmpty = FullCollect();

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < level.Resting; i++)
        {
            book.Execute(book.NextRest(i % level.Games)); // evenly over the games
        }
        double buildSeconds = clock.Elapsed.TotalSeconds;
        long heapBuilt = FullCollect();
        long workingSetBuilt;
        using (var self = Process.GetCurrentProcess())
        {
            workingSetBuilt = self.WorkingSet64;
        }

        var events = new List<ExchangeEvent>(64);
        var timings = new long[level.Operations];
        var kinds = new byte[level.Operations];
        long[] counts = new long[3];
        int warmup = level.Operations; // as long as a timed run: tiered JIT and dynamic PGO settle first
        Pass(book, level, events, new long[warmup], new byte[warmup], new long[3]); // warm-up: JIT tiers, dictionaries grown
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var opsPerSecond = new double[level.Runs];
        var all = new List<long>(level.Operations * level.Runs);
        List<long>[] byKind = [[], [], []];
        for (int run = 0; run < level.Runs; run++)
        {
            long ticks = Pass(book, level, events, timings, kinds, counts);
            opsPerSecond[run] = level.Operations / (ticks / (double)Stopwatch.Frequency);
            all.AddRange(timings);
            for (int i = 0; i < timings.Length; i++)
            {
                byKind[kinds[i]].Add(timings[i]);
            }
        }
        gen0 = GC.CollectionCount(0) - gen0;
        gen1 = GC.CollectionCount(1) - gen1;
        gen2 = GC.CollectionCount(2) - gen2;
        long heapAfter = FullCollect();
        long[] sorted = [.. all.Order()];
        using var process = Process.GetCurrentProcess();
        return new ScaleResult(level, buildSeconds, heapEmpty, heapBuilt, heapAfter, workingSetBuilt, process.PeakWorkingSet64,
            opsPerSecond, Nanos(sorted, 0.50), Nanos(sorted, 0.99), Nanos(sorted, 0.999),
            [.. byKind.Select(k => Nanos([.. k.Order()], 0.50))],
            counts[0], counts[1], counts[2], book.Fills, book.Resting, gen0, gen1, gen2);
    }

    /// <summary>One pass of the mix; returns the summed ticks inside Execute.</summary>
    private static long Pass(ScaleBook book, ScaleLevel level, List<ExchangeEvent> events, long[] timings, byte[] kinds, long[] counts)
    {
        long total = 0;
        for (int i = 0; i < timings.Length; i++)
        {
            Command command;
            byte kind;
            if (book.NextDouble() < MatchShare)
            {
                command = book.NextMatch(book.NextGame());
                kind = 2;
            }
            else if (book.Resting > level.Resting || (book.Resting == level.Resting && book.NextDouble() < 0.5))
            {
                command = book.NextCancel();
                kind = 1;
            }
            else
            {
                command = book.NextRest(book.NextGame());
                kind = 0;
            }
            kinds[i] = kind;
            counts[kind]++;
            events.Clear();
            long start = Stopwatch.GetTimestamp();
            CommandResult result = book.Exchange.Execute(command, FlowEngine.Now, events);
            long elapsed = Stopwatch.GetTimestamp() - start;
            timings[i] = elapsed;
            total += elapsed;
            book.Observe(command, result, events);
        }
        return total;
    }

    private static long FullCollect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Nanos(long[] sorted, double p) => sorted.Length == 0
        ? 0
        : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] * 1e9 / Stopwatch.Frequency;
}
