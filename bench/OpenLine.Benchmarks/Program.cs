using BenchmarkDotNet.Running;
using OpenLine.Benchmarks.Flow;
using OpenLine.Benchmarks.Recovery;
using OpenLine.Benchmarks.Scale;

// dotnet run -c Release --project bench/OpenLine.Benchmarks -- --filter '*'      BenchmarkDotNet micro-benchmarks
// dotnet run -c Release --project bench/OpenLine.Benchmarks -- recovery [N]     start-up time for N journaled commands
// dotnet run -c Release --project bench/OpenLine.Benchmarks -- flow ...         order-flow files: generate, check, replay, compare (bench/README.md)
// dotnet run -c Release --project bench/OpenLine.Benchmarks -- scale ...        ops/s and memory vs resting orders and games (bench/README.md)
if (args.Length > 0 && args[0] == "recovery")
{
    return RecoveryBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}
if (args.Length > 0 && args[0] == "scale")
{
    return ScaleCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "flow")
{
    return FlowCommand.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(RecoveryBenchmark).Assembly).Run(args);
return 0;
