using BenchmarkDotNet.Running;
using OpenLine.Benchmarks.Flow;
using OpenLine.Benchmarks.Recovery;

// dotnet run -c Release --project bench/OpenLine.Benchmarks -- --filter '*'      BenchmarkDotNet micro-benchmarks
// dotnet run -c Release --project bench/OpenLine.Benchmarks -- recovery [N]     start-up time for N journaled commands
// dotnet run -c Release --project bench/OpenLine.Benchmarks -- flow ...         order-flow files: generate, check, replay, compare (bench/README.md)
if (args.Length > 0 && args[0] == "recovery")
{
    return RecoveryBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}
if (args.Length > 0 && args[0] == "flow")
{
    return FlowCommand.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(RecoveryBenchmark).Assembly).Run(args);
return 0;
