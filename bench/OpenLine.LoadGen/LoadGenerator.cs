using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OpenLine.LoadGen;

/// <summary>The run: optionally start the server, set up users and a game, drive load for a bounded time, report.</summary>
internal static class LoadGenerator
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions? options = LoadOptions.Parse(args, out string? error);
        if (options is null)
        {
            bool help = ReferenceEquals(error, LoadOptions.Usage);
            await (help ? Console.Out : Console.Error).WriteLineAsync(error).ConfigureAwait(false);
            return help ? 0 : 2;
        }

        using var stop = new CancellationTokenSource();
        // Ctrl+C or SIGTERM ends the run early but still kills a started server and deletes its data.
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        LocalServer? server = null;
        LoadConnection[] connections = [];
        TextWriter output = Console.Out;
        try
        {
            Uri url = options.Url;
            string adminToken = options.AdminToken ?? "";
            string serverNote = "running server (--url)";
            if (options.StartServer)
            {
                server = await LocalServer.StartAsync(output, stop.Token).ConfigureAwait(false);
                url = server.Url;
                adminToken = server.AdminToken;
                string built = File.GetLastWriteTimeUtc(server.Dll).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                serverNote = $"started by --start-server: dotnet {server.Dll} (built {built}), data dir {server.DataDir}, default store (SQLite)";
            }
            string runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

            await output.WriteLineAsync("OpenLine load generator").ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  server        {url} ({serverNote})")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  connections   {options.Connections} (one user, HttpClient and keep-alive TCP connection each; closed loop, one request in flight)")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  batch         {options.Batch} order(s) per place request: moneyline limit, side away/home at random, bet ${OrderFlow.BetMin}..${OrderFlow.BetMax}")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  odds          offers +{OrderFlow.OfferOddsMin}..+{OrderFlow.OfferOddsMax} (rest), takers {OrderFlow.TakerOddsMax}..{OrderFlow.TakerOddsMin} (cross) with probability {options.CrossRatio}")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  cancel ratio  {options.CancelRatio} (a round cancels one of the connection's resting orders, when it has one)")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  duration      {options.Seconds} s measured, after {options.Warmup} s of unmeasured warm-up")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  seed          {options.Seed}   run id {runId}")).ConfigureAwait(false);
            await output.WriteLineAsync(Line($"  machine       {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}")).ConfigureAwait(false);

            using var operatorHttp = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
            var setupClock = Stopwatch.StartNew();
            LoadFixture fixture = await OperatorSetup.RunAsync(operatorHttp, adminToken, options.Connections, runId, stop.Token).ConfigureAwait(false);
            await output.WriteLineAsync(Line(
                $"Setup: {options.Connections} users (balance ${OperatorSetup.Balance:N0} each) logged in; game {fixture.GameId} NBA basketball, starts {fixture.GameStart:yyyy-MM-dd HH:mm}Z; {setupClock.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);

            connections = new LoadConnection[options.Connections];
            for (int i = 0; i < connections.Length; i++)
            {
                var flow = new OrderFlow(unchecked(options.Seed + i), options.CancelRatio, options.CrossRatio);
                connections[i] = new LoadConnection(url, fixture.UserTokens[i], fixture, flow, options.Batch);
            }
            long begin = Stopwatch.GetTimestamp();
            long measureFrom = begin + (long)(options.Warmup * Stopwatch.Frequency);
            long stopAt = measureFrom + (long)(options.Seconds * Stopwatch.Frequency);
            await output.WriteLineAsync(Line($"Running {options.Warmup + options.Seconds:0.#} s ...")).ConfigureAwait(false);
            Task run = Task.WhenAll(connections.Select(c => Task.Run(() => c.RunAsync(measureFrom, stopAt, stop.Token), stop.Token)));

            // CPU over the measured window: on a small machine the client and the server share the cores.
            TimeSpan untilMeasured = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
            if (untilMeasured > TimeSpan.Zero)
            {
                await Task.WhenAny(run, Task.Delay(untilMeasured, stop.Token)).ConfigureAwait(false);
            }
            using var self = Process.GetCurrentProcess();
            TimeSpan clientCpu = self.TotalProcessorTime;
            TimeSpan? serverCpu = server?.CpuTime;
            long cpuFrom = Stopwatch.GetTimestamp();
            await run.ConfigureAwait(false);
            stop.Token.ThrowIfCancellationRequested();
            self.Refresh();
            clientCpu = self.TotalProcessorTime - clientCpu;
            serverCpu = server?.CpuTime - serverCpu;

            Report.Print(output, [.. connections.Select(c => c.Stats)], measureFrom);
            double wall = Stopwatch.GetElapsedTime(cpuFrom).TotalSeconds;
            await output.WriteLineAsync(Line(
                $"  CPU, cores busy     load generator {clientCpu.TotalSeconds / wall:0.00}; server {(serverCpu is { } s ? (s.TotalSeconds / wall).ToString("0.00", CultureInfo.InvariantCulture) : "n/a (not started here)")} (of {Environment.ProcessorCount})")).ConfigureAwait(false);
            string state = await OperatorSetup.StateAsync(operatorHttp, adminToken, stop.Token).ConfigureAwait(false);
            await output.WriteLineAsync($"Server state after the run: {state}").ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or IOException or KeyNotFoundException)
        {
            await Console.Error.WriteLineAsync($"Load generator failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            foreach (LoadConnection connection in connections)
            {
                connection.Dispose();
            }
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                await output.WriteLineAsync("Server stopped; its data dir is deleted.").ConfigureAwait(false);
            }
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
