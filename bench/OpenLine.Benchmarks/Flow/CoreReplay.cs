using System.Diagnostics;
using System.Globalization;
using OpenLine.Core;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// Replays a flow file through <see cref="Exchange"/> in process, on one thread, with time
/// standing still (see <see cref="FlowEngine"/>), and reports throughput, per-operation latency
/// and allocations.
/// </summary>
/// <remarks>
/// Passes, each on a fresh engine set up the same way (setup is never timed):
/// <list type="number">
/// <item>Record: builds one command per line (a one-order <see cref="PlaceOrders"/> or a
/// <see cref="CancelOrder"/> naming the order id the engine gave that flow id, or an id never
/// issued when the flow id never rested) while executing it, and notes what each did. It also
/// warms the JIT (tiered compilation and PGO) for the passes after it.</item>
/// <item>Throughput, <see cref="CoreReplaySettings.Runs"/> times: only
/// <c>Exchange.Execute(command, now, events)</c> and <c>events.Clear()</c> in the loop; file
/// parsing and command building are outside it. The engine is deterministic, so the recorded
/// commands (and their order ids) are valid for every fresh engine; each pass's state hash is
/// checked against the record pass's.</item>
/// <item>Latency: the same loop with <see cref="Stopwatch.GetTimestamp"/> around each call,
/// into a preallocated array; exact nearest-rank percentiles.</item>
/// <item>Allocations: <see cref="GC.GetAllocatedBytesForCurrentThread"/> around each call,
/// summed by <see cref="OutcomeClass"/>.</item>
/// </list>
/// </remarks>
public static class CoreReplay
{
    public static CoreReplayResult Run(string path, CoreReplaySettings settings, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        FlowOp[] ops = FlowFile.Read(path);
        output.WriteLine(Invariant($"OpenLine.Core replay of {path}: {ops.Length:N0} operations (parsed in {clock.Elapsed.TotalSeconds:F2} s, not timed)"));
        output.WriteLine(Invariant($"  engine: one moneyline book, {settings.Accounts:N0} accounts (B and S from disjoint halves), minimum offer ${(settings.MinimumOffer ?? FlowEngine.Options().MinimumOffer).ToDecimal(2)}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}"));

        // 1. Record (and warm up).
        clock.Restart();
        (Command[] commands, OutcomeClass[] outcomes, string hash, FlowEngine recorded) = Record(ops, settings);
        double recordSeconds = clock.Elapsed.TotalSeconds;
        long[] byOutcome = new long[8];
        foreach (OutcomeClass outcome in outcomes)
        {
            byOutcome[(int)outcome]++;
        }
        long fills = recorded.Exchange.Bets.Count;
        decimal takerVolume = recorded.Exchange.Bets.Values.Sum(b => b.TakerStake.ToDecimal());
        decimal makerVolume = recorded.Exchange.Bets.Values.Sum(b => b.MakerStake.ToDecimal());
        int resting = Resting(recorded);
        recorded = null!; // let the record pass's engine go before timing
        output.WriteLine(Invariant($"  record pass (builds the commands, warms up the JIT): {recordSeconds:F2} s, {ops.Length / recordSeconds:N0} ops/s"));
        PrintOutcomes(byOutcome, fills, takerVolume, makerVolume, resting, output);
        bool consistent = byOutcome[(int)OutcomeClass.Unexpected] == 0;

        // 2. Throughput.
        double[] seconds = new double[Math.Max(1, settings.Runs)];
        for (int run = 0; run < seconds.Length; run++)
        {
            FlowEngine flow = Fresh(settings);
            var events = new List<ExchangeEvent>(256);
            Exchange engine = flow.Exchange;
            Settle();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            TimeSpan pause = GC.GetTotalPauseDuration();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < commands.Length; i++)
            {
                engine.Execute(commands[i], FlowEngine.Now, events);
                events.Clear();
            }
            seconds[run] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            pause = GC.GetTotalPauseDuration() - pause;
            int g0 = GC.CollectionCount(0) - gen0, g1 = GC.CollectionCount(1) - gen1, g2 = GC.CollectionCount(2) - gen2;
            bool same = engine.StateHash() == hash;
            consistent &= same;
            output.WriteLine(Invariant(
                $"  throughput run {run + 1}: {seconds[run]:F3} s, {ops.Length / seconds[run],12:N0} ops/s; allocated {allocated / (double)ops.Length:N0} B/op; GCs gen0 {g0}, gen1 {g1}, gen2 {g2}, paused {pause.TotalMilliseconds:N0} ms ({100 * pause.TotalSeconds / seconds[run]:F0}% of the run){(same ? "" : "; STATE DIFFERS from the record pass")}"));
        }
        var result = new CoreReplayResult
        {
            Ops = ops, RunSeconds = seconds, Fills = fills, TakerVolume = takerVolume, MakerVolume = makerVolume,
            Outcomes = byOutcome, RestingAtEnd = resting, Consistent = consistent,
        };
        output.WriteLine(Invariant($"  throughput: {result.OpsPerSecond:N0} ops/s (median of {seconds.Length}), {1e9 / result.OpsPerSecond:N0} ns/op"));

        // 3. Latency, 4. allocations by outcome.
        long[]? latencies = settings.LatencyPass ? LatencyPass(commands, settings) : null;
        long[]? bytes = settings.AllocationPass ? AllocationPass(commands, settings) : null;
        if (latencies is not null || bytes is not null)
        {
            PrintByOutcome(outcomes, latencies, bytes, output);
        }
        if (settings.AllocationTypes)
        {
            AllocationTypesPass(commands, settings, output);
        }
        if (!consistent)
        {
            output.WriteLine("  INCONSISTENT: a pass differed from the record pass, or an operation was rejected unexpectedly.");
        }
        return result;
    }

    /// <summary>The plain price-time book's view of a flow (the reference a unit-for-unit peer must match).</summary>
    public static FlowModelBook ModelOf(FlowOp[] ops)
    {
        var model = new FlowModelBook();
        foreach (FlowOp op in ops)
        {
            model.Apply(op);
        }
        return model;
    }

    /// <summary>The record pass: executes the flow on a fresh engine, building its commands; also what each operation did and the end state's hash.</summary>
    internal static (Command[] Commands, OutcomeClass[] Outcomes, string Hash, FlowEngine Engine) Record(FlowOp[] ops, CoreReplaySettings settings)
    {
        FlowEngine flow = Fresh(settings);
        var commands = new Command[ops.Length];
        var outcomes = new OutcomeClass[ops.Length];
        var restingIds = new Dictionary<long, ObjectId>();
        var sides = new Dictionary<long, FlowSide>();
        var events = new List<ExchangeEvent>(256);
        for (int i = 0; i < ops.Length; i++)
        {
            FlowOp op = ops[i];
            Command command;
            if (op.Kind == FlowOpKind.Cancel)
            {
                FlowSide side = sides.GetValueOrDefault(op.Id);
                command = new CancelOrder(flow.AccountFor(op.Id, side), restingIds.GetValueOrDefault(op.Id));
            }
            else
            {
                if (!sides.TryAdd(op.Id, op.Side))
                {
                    throw new FormatException(Invariant($"flow id {op.Id} is used by more than one order (operation {i + 1})"));
                }
                command = new PlaceOrders(flow.AccountFor(op.Id, op.Side), [flow.Request(op)]);
            }
            commands[i] = command;
            CommandResult result = flow.Exchange.Execute(command, FlowEngine.Now, events);
            events.Clear();
            outcomes[i] = Classify(op, result);
            if (result is PlaceResult { Outcomes: [OrderAccepted { Rest: { } rest }] })
            {
                restingIds[op.Id] = rest.OrderId;
            }
        }
        return (commands, outcomes, flow.Exchange.StateHash(), flow);
    }

    private static OutcomeClass Classify(FlowOp op, CommandResult result) => result switch
    {
        PlaceResult { Outcomes: [OrderAccepted accepted] } => (op.Kind, accepted.Fills.Count > 0, accepted.Rest is not null) switch
        {
            (FlowOpKind.Limit, false, true) => OutcomeClass.Rest,
            (FlowOpKind.Limit, true, true) => OutcomeClass.FillThenRest,
            (FlowOpKind.Limit, true, false) => OutcomeClass.FillAll,
            (FlowOpKind.ImmediateOrCancel, true, false) => OutcomeClass.ImmediateFill,
            _ => OutcomeClass.Unexpected,
        },
        PlaceResult { Outcomes: [OrderRejected { Reason: RejectReason.FillAndKillNoMatch }] } => OutcomeClass.ImmediateKilled,
        CancelResult => OutcomeClass.Cancel,
        Rejected { Reason: RejectReason.OrderNotOpen or RejectReason.UnknownOrder } => OutcomeClass.CancelNotOpen,
        _ => OutcomeClass.Unexpected,
    };

    private static long[] LatencyPass(Command[] commands, CoreReplaySettings settings)
    {
        Exchange engine = Fresh(settings).Exchange;
        var events = new List<ExchangeEvent>(256);
        long[] ticks = new long[commands.Length];
        Settle();
        for (int i = 0; i < commands.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            engine.Execute(commands[i], FlowEngine.Now, events);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            events.Clear();
        }
        return ticks;
    }

    private static long[] AllocationPass(Command[] commands, CoreReplaySettings settings)
    {
        Exchange engine = Fresh(settings).Exchange;
        var events = new List<ExchangeEvent>(256);
        long[] bytes = new long[commands.Length];
        Settle();
        for (int i = 0; i < commands.Length; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            engine.Execute(commands[i], FlowEngine.Now, events);
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
            events.Clear();
        }
        return bytes;
    }

    private static void AllocationTypesPass(Command[] commands, CoreReplaySettings settings, TextWriter output)
    {
        Exchange engine = Fresh(settings).Exchange;
        var events = new List<ExchangeEvent>(256);
        using var sampler = new AllocationSampler();
        Settle();
        sampler.Start();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < commands.Length; i++)
        {
            engine.Execute(commands[i], FlowEngine.Now, events);
            events.Clear();
        }
        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        Thread.Sleep(500); // the runtime delivers its events to listeners asynchronously
        sampler.Stop();
        List<(string Type, long Bytes, long Samples)> top = sampler.Top(25);
        long sampled = top.Sum(t => t.Bytes);
        output.WriteLine(Invariant($"  allocations by type (runtime allocation-tick samples, ~1 per 100 KB; {total / (double)commands.Length:N0} B/op in all):"));
        foreach ((string type, long bytes, long samples) in top)
        {
            output.WriteLine(Invariant($"    {100.0 * bytes / Math.Max(1, sampled),5:F1}%  ~{bytes / (double)commands.Length,6:N1} B/op  {samples,6:N0} samples  {type}"));
        }
    }

    private static void PrintOutcomes(long[] byOutcome, long fills, decimal takerVolume, decimal makerVolume, int resting, TextWriter output)
    {
        long orders = byOutcome[..5].Sum();
        long crossing = byOutcome[(int)OutcomeClass.FillThenRest] + byOutcome[(int)OutcomeClass.FillAll] + byOutcome[(int)OutcomeClass.ImmediateFill];
        output.WriteLine(Invariant(
            $"  outcome: {orders:N0} orders ({crossing:N0} = {100.0 * crossing / Math.Max(1, orders):F1}% filled on arrival), {byOutcome[5] + byOutcome[6]:N0} cancels ({byOutcome[6]:N0} not open); fills {fills:N0}, taker stake ${takerVolume:N2}, maker stake ${makerVolume:N2}; {resting:N0} orders resting at the end"));
    }

    private static void PrintByOutcome(OutcomeClass[] outcomes, long[]? latencies, long[]? bytes, TextWriter output)
    {
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        output.WriteLine("  by outcome              count    share   latency p50 / p99 / p99.9 (ns)      allocated B/op");
        void Row(string name, Func<OutcomeClass, bool> select)
        {
            var indices = new List<int>();
            for (int i = 0; i < outcomes.Length; i++)
            {
                if (select(outcomes[i]))
                {
                    indices.Add(i);
                }
            }
            if (indices.Count == 0)
            {
                return;
            }
            string latency = "";
            if (latencies is not null)
            {
                long[] sample = [.. indices.Select(i => latencies[i])];
                Array.Sort(sample);
                latency = Invariant($"{Percentile(sample, 0.50) * nsPerTick,8:N0} / {Percentile(sample, 0.99) * nsPerTick,8:N0} / {Percentile(sample, 0.999) * nsPerTick,8:N0}");
            }
            string allocated = bytes is null ? "" : Invariant($"{indices.Average(i => (double)bytes[i]),10:N0}");
            output.WriteLine(Invariant($"  {name,-20} {indices.Count,9:N0}  {100.0 * indices.Count / outcomes.Length,5:F1}%   {latency,-33} {allocated}"));
        }
        Row("L rests (no fill)", o => o == OutcomeClass.Rest);
        Row("L fills, rests rest", o => o == OutcomeClass.FillThenRest);
        Row("L fills completely", o => o == OutcomeClass.FillAll);
        Row("I fills", o => o == OutcomeClass.ImmediateFill);
        Row("I no fill (killed)", o => o == OutcomeClass.ImmediateKilled);
        Row("C of open order", o => o == OutcomeClass.Cancel);
        Row("C not open", o => o == OutcomeClass.CancelNotOpen);
        Row("unexpected", o => o == OutcomeClass.Unexpected);
        Row("all operations", _ => true);
    }

    private static long Percentile(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static FlowEngine Fresh(CoreReplaySettings settings) => new(settings.Accounts, settings.MinimumOffer);

    private static int Resting(FlowEngine flow)
    {
        Game game = flow.Exchange.Games[flow.GameId];
        return game.Books.Sum(b => b.Side(0).LevelsBestFirst.Sum(l => l.Count) + b.Side(1).LevelsBestFirst.Sum(l => l.Count));
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
