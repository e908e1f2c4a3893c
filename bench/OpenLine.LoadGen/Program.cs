using OpenLine.LoadGen;

// dotnet run -c Release --project bench/OpenLine.LoadGen -- --suite --runs 3                       the whole suite (bench/README.md)
// dotnet run -c Release --project bench/OpenLine.LoadGen -- --start-server --scenario http --batch 1 --seconds 10
// dotnet run -c Release --project bench/OpenLine.LoadGen -- --url http://127.0.0.1:5080 --admin-token <token printed by the server>
// dotnet run -c Release --project bench/OpenLine.LoadGen -- --fanout 1000 --rate 20 --seconds 10   (price-feed fan-out)
// dotnet run -c Release --project bench/OpenLine.LoadGen -- --perf-summary perf.txt [--cores C --per R]   (bench/profile-server.sh)
if (args.Contains("--perf-summary"))
{
    return ServerProfile.Summarise(args);
}
return args.Contains("--fanout")
    ? await FanOutBenchmark.RunAsync(args).ConfigureAwait(false)
    : await LoadGenerator.RunAsync(args).ConfigureAwait(false);
