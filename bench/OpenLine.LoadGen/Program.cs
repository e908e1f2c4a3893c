using OpenLine.LoadGen;

// dotnet run -c Release --project bench/OpenLine.LoadGen -- --start-server --connections 16 --batch 1 --seconds 10
// dotnet run -c Release --project bench/OpenLine.LoadGen -- --url http://127.0.0.1:5080 --admin-token <token printed by the server>
// dotnet run -c Release --project bench/OpenLine.LoadGen -- --fanout 1000 --rate 20 --seconds 10   (price-feed fan-out)
return args.Contains("--fanout")
    ? await FanOutBenchmark.RunAsync(args).ConfigureAwait(false)
    : await LoadGenerator.RunAsync(args).ConfigureAwait(false);
