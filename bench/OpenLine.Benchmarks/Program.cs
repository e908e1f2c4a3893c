using BenchmarkDotNet.Running;
using OpenLine.Benchmarks.Recovery;

// dotnet run -c Release --project bench/OpenLine.Benchmarks -- --filter '*'      BenchmarkDotNet micro-benchmarks
// dotnet run -c Release --project bench/OpenLine.Benchmarks -- recovery [N]     start-up time for N journaled commands
if (args.Length > 0 && args[0] == "recovery")
{
    return RecoveryBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}
BenchmarkSwitcher.FromAssembly(typeof(RecoveryBenchmark).Assembly).Run(args);
return 0;
