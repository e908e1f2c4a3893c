using BenchmarkDotNet.Attributes;
using OpenLine.Benchmarks.Flow;
using OpenLine.Core;

namespace OpenLine.Benchmarks.Engine;

/// <summary>
/// The core replay under BenchmarkDotNet: the first <see cref="Operations"/> operations of the flow
/// file named by the environment variable <c>OPENLINE_FLOW</c> (by default a flow generated in
/// memory with seed 42), replayed on a fresh engine every iteration. Commands are built once in
/// <c>[GlobalSetup]</c> (see <see cref="CoreReplay"/>), so time and allocations are the engine's.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, unrollFactor: 1)]
public class FlowReplayBenchmarks
{
    public const int Operations = 100_000;

    private readonly List<ExchangeEvent> _events = new(256);
    private Command[] _commands = [];
    private Exchange _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        FlowOp[] ops = Environment.GetEnvironmentVariable("OPENLINE_FLOW") is { Length: > 0 } path
            ? FlowFile.Read(path)
            : Generated();
        if (ops.Length < Operations)
        {
            throw new InvalidOperationException($"the flow has {ops.Length} operations; this benchmark replays the first {Operations}");
        }
        _commands = CoreReplay.Record(ops[..Operations], new CoreReplaySettings()).Commands;
    }

    [IterationSetup]
    public void FreshEngine() => _engine = new FlowEngine().Exchange;

    /// <summary>One flow operation, averaged over the replay.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public int Replay()
    {
        for (int i = 0; i < _commands.Length; i++)
        {
            _engine.Execute(_commands[i], FlowEngine.Now, _events);
            _events.Clear();
        }
        return _engine.Bets.Count;
    }

    private static FlowOp[] Generated()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        new FlowGenerator(new FlowGeneratorSettings { Operations = Operations }).Generate(writer);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select((line, i) => FlowFile.Parse(line, i + 1))];
    }
}
