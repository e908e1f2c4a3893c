using BenchmarkDotNet.Attributes;
using OpenLine.Benchmarks.Flow;
using OpenLine.Core;

namespace OpenLine.Benchmarks.Engine;

/// <summary>
/// The three operations of a flow one at a time, on the flow's market (<see cref="FlowEngine"/>):
/// a book of <see cref="Depth"/> resting orders on both sides around even money, and each
/// measured operation leaves it as it found it. Every iteration runs <see cref="Batch"/>
/// prebuilt commands; what an iteration needs first (orders to cancel, makers to take) is placed
/// in <c>[IterationSetup]</c> and what it leaves is removed in <c>[IterationCleanup]</c>, both
/// outside the measurement (time and allocations).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, unrollFactor: 1)]
public class OperationBenchmarks
{
    /// <summary>Operations per iteration.</summary>
    public const int Batch = 2_000;

    private readonly List<ExchangeEvent> _events = new(64);
    private readonly Random _random = new(7);
    private readonly CommandResult[] _results = new CommandResult[Batch];
    private FlowEngine _flow = null!;
    private Command[] _rest = [];
    private Command[] _cancel = [];
    private Command[] _take = [];
    private long _nextId;

    [Params(5_000)]
    public int Depth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _flow = new FlowEngine();
        for (int i = 0; i < Depth; i++)
        {
            // Bids at 960–999, asks at 1001–1040: nothing crosses, and tick 1000 stays free for the match benchmark.
            bool buy = i % 2 == 0;
            int tick = buy ? 999 - _random.Next(40) : 1001 + _random.Next(40);
            Place(new FlowOp(FlowOpKind.Limit, ++_nextId, buy ? FlowSide.Buy : FlowSide.Sell, tick, _random.Next(10, 201)));
        }
        _rest = [.. Enumerable.Range(0, Batch).Select(i => Command(new FlowOp(FlowOpKind.Limit, ++_nextId,
            i % 2 == 0 ? FlowSide.Buy : FlowSide.Sell, i % 2 == 0 ? 999 - _random.Next(40) : 1001 + _random.Next(40), _random.Next(10, 201))))];
        // Each take backs away at even money for $100 and uses up exactly one $100 offer at tick 1000.
        _take = [.. Enumerable.Range(0, Batch).Select(_ => Command(new FlowOp(FlowOpKind.ImmediateOrCancel, ++_nextId, FlowSide.Buy, 1000, 100)))];
    }

    // ---- place-rest ----------------------------------------------------------------------------

    /// <summary>A limit order that crosses nothing and rests (1 of <see cref="Batch"/>).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public CommandResult Place_rest()
    {
        for (int i = 0; i < _rest.Length; i++)
        {
            _results[i] = Execute(_rest[i]);
        }
        return _results[^1];
    }

    [IterationCleanup(Target = nameof(Place_rest))]
    public void RemoveRested()
    {
        for (int i = 0; i < _rest.Length; i++)
        {
            var placed = (OrderAccepted)((PlaceResult)_results[i]).Outcomes[0];
            Execute(new CancelOrder(((PlaceOrders)_rest[i]).AccountId, placed.Rest!.OrderId));
        }
    }

    // ---- cancel --------------------------------------------------------------------------------

    [IterationSetup(Target = nameof(Cancel))]
    public void PlaceOrdersToCancel() => _cancel = [.. _rest.Select(command =>
    {
        var placed = (OrderAccepted)((PlaceResult)Execute(command)).Outcomes[0];
        return (Command)new CancelOrder(((PlaceOrders)command).AccountId, placed.Rest!.OrderId);
    })];

    /// <summary>A cancel of an open order (1 of <see cref="Batch"/>).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public CommandResult Cancel()
    {
        CommandResult last = null!;
        for (int i = 0; i < _cancel.Length; i++)
        {
            last = Execute(_cancel[i]);
        }
        return last;
    }

    // ---- place-match -------------------------------------------------------------------------

    [IterationSetup(Target = nameof(Place_match))]
    public void PlaceMakers()
    {
        for (int i = 0; i < Batch; i++)
        {
            Place(new FlowOp(FlowOpKind.Limit, ++_nextId, FlowSide.Sell, 1000, 100));
        }
    }

    /// <summary>A fill-and-kill that fills one resting order completely (1 of <see cref="Batch"/>).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public CommandResult Place_match()
    {
        CommandResult last = null!;
        for (int i = 0; i < _take.Length; i++)
        {
            last = Execute(_take[i]);
        }
        return last;
    }

    private Command Command(FlowOp op) => new PlaceOrders(_flow.AccountFor(op.Id, op.Side), [_flow.Request(op)]);

    private void Place(FlowOp op) => Execute(Command(op));

    private CommandResult Execute(Command command)
    {
        _events.Clear();
        return _flow.Exchange.Execute(command, FlowEngine.Now, _events);
    }
}
