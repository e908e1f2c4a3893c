using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace OpenLine.LoadGen;

/// <summary>
/// Runs one <see cref="Scenario"/>: starts a fresh server (with <c>--start-server</c>) or uses the
/// given one, creates a user per connection and a game, connects, drives the load for the warm-up
/// and the measured window, and sums what the connections saw. Setup, connecting and warm-up are
/// not measured; a request counts when it was due (paced) or sent (closed loop) inside the window.
/// </summary>
internal static class ScenarioRunner
{
    /// <summary>How long a paced run may keep draining requests due before its end.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    public static async Task<ScenarioResult> RunAsync(LoadOptions options, Scenario scenario, string label, TextWriter output, CancellationToken cancellationToken)
    {
        LocalServer? server = null;
        LoadClient[] clients = [];
        try
        {
            Uri url = options.Url;
            string adminToken = options.AdminToken ?? "";
            if (options.StartServer)
            {
                server = await LocalServer.StartAsync(options.Launch, output, cancellationToken).ConfigureAwait(false);
                url = server.Url;
                adminToken = server.AdminToken;
            }
            string runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            output.WriteLine(Line($"{scenario.Name}: {scenario.Connections} connections{(scenario.Kind == ScenarioKind.Trivial ? "" : $" ({Math.Min(options.Users, scenario.Connections)} users)")}, {(scenario.Paced ? $"paced at {scenario.Rate:N0} requests/s (open loop, released every {options.PaceMicros} µs)" : "closed loop, one request in flight each")}, {scenario.Warmup:0.#} s warm-up + {scenario.Seconds:0.#} s measured; server {url}{(server is null ? "" : $" (pid {server.ProcessId})")}"));

            clients = await CreateClientsAsync(options, scenario, url, adminToken, runId, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(clients.Select(c => c.ConnectAsync(cancellationToken))).ConfigureAwait(false);

            var live = new LiveStats();
            long begin = Stopwatch.GetTimestamp();
            long measureFrom = begin + (long)(scenario.Warmup * Stopwatch.Frequency);
            long stopAt = measureFrom + (long)(scenario.Seconds * Stopwatch.Frequency);
            Pacer? pacer = scenario.Paced ? new Pacer(scenario.Rate, begin, stopAt, options.PaceMicros, cancellationToken) : null;
            pacer?.Start();
            long drainUntil = stopAt + (long)(DrainLimit.TotalSeconds * Stopwatch.Frequency);
            Task run = Task.WhenAll(clients.Select(c => Task.Run(() => pacer is null
                ? ClosedLoopAsync(c, live, measureFrom, stopAt, cancellationToken)
                : PacedAsync(c, live, pacer, measureFrom, drainUntil, cancellationToken), cancellationToken)));
            var progress = new ProgressLine(label, live, begin, measureFrom, stopAt, options.Progress, scenario.Kind != ScenarioKind.Trivial);
            Task shown = progress.RunAsync(run);

            // CPU over the measured window: on a small machine the client and the server share the cores.
            TimeSpan untilMeasured = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
            if (untilMeasured > TimeSpan.Zero)
            {
                await Task.WhenAny(run, Task.Delay(untilMeasured, cancellationToken)).ConfigureAwait(false);
            }
            using var self = Process.GetCurrentProcess();
            TimeSpan clientCpu = self.TotalProcessorTime;
            TimeSpan? serverCpu = server?.CpuTime;
            double? machineBusy = MachineCpu.BusySeconds();
            TimeSpan clientPause = GC.GetTotalPauseDuration();
            int clientGcs = GC.CollectionCount(0);
            long cpuFrom = Stopwatch.GetTimestamp();
            await shown.ConfigureAwait(false);
            await run.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            double wall = Stopwatch.GetElapsedTime(cpuFrom).TotalSeconds;
            self.Refresh();
            double clientCores = (self.TotalProcessorTime - clientCpu).TotalSeconds / wall;
            double serverCores = server is null ? double.NaN : (server.CpuTime - serverCpu!.Value).TotalSeconds / wall;
            double machineCores = MachineCpu.BusySeconds() - machineBusy is { } busy ? busy / wall : double.NaN;
            double otherCores = Math.Max(0, machineCores - clientCores - (double.IsNaN(serverCores) ? 0 : serverCores));
            clientPause = GC.GetTotalPauseDuration() - clientPause;
            clientGcs = GC.CollectionCount(0) - clientGcs;
            long workingSet = server?.WorkingSet ?? 0;

            long sent = clients.Sum(c => c.Stats.Latencies.Count);
            long backlog = pacer is null ? 0 : Math.Max(0, pacer.Issued - sent - WarmupRequests(clients, measureFrom));
            ScenarioResult result = Summarize(scenario, clients, measureFrom, stopAt, backlog, clientCores, serverCores, otherCores, workingSet);
            Report.Print(output, result, [.. clients.Select(c => c.Stats)]);
            Report.PrintTimeline(output, [.. clients.Select(c => c.Stats)], measureFrom, scenario.Seconds);
            output.WriteLine(Line($"  load generator GC: {clientGcs} collections, {clientPause.TotalMilliseconds:0} ms paused in the window (included in the latencies)"));
            if (scenario.Kind != ScenarioKind.Trivial)
            {
                using var operatorHttp = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
                output.WriteLine($"  server state after the run: {await OperatorSetup.StateAsync(operatorHttp, adminToken, cancellationToken).ConfigureAwait(false)}");
            }
            return result;
        }
        finally
        {
            foreach (LoadClient client in clients)
            {
                client.Dispose();
            }
            if (server is not null)
            {
                if (options.ServerOutput)
                {
                    output.WriteLine("  server output (last lines):");
                    output.WriteLine(server.Output);
                }
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<LoadClient[]> CreateClientsAsync(LoadOptions options, Scenario scenario, Uri url, string adminToken, string runId, CancellationToken cancellationToken)
    {
        var clients = new LoadClient[scenario.Connections];
        if (scenario.Kind == ScenarioKind.Trivial)
        {
            for (int i = 0; i < clients.Length; i++)
            {
                clients[i] = new TrivialClient(url);
            }
            return clients;
        }
        using var operatorHttp = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        int users = Math.Min(options.Users, scenario.Connections);
        LoadFixture fixture = await OperatorSetup.RunAsync(operatorHttp, adminToken, users, runId, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < clients.Length; i++)
        {
            var flow = new OrderFlow(unchecked(options.Seed + i), options.CancelRatio, options.CrossRatio);
            string token = fixture.UserTokens[i % users];
            clients[i] = scenario.Kind == ScenarioKind.Http
                ? new HttpOrderClient(url, token, fixture, flow, scenario.Batch, options.MaxResting)
                : new SocketOrderClient(url, token, fixture, flow, scenario.Batch, options.MaxResting);
        }
        return clients;
    }

    private static async Task ClosedLoopAsync(LoadClient client, LiveStats live, long measureFrom, long stopAt, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            if (started >= stopAt)
            {
                return;
            }
            bool measured = started >= measureFrom;
            RequestResult result = await client.RunAsync(measured, cancellationToken).ConfigureAwait(false);
            if (measured)
            {
                Record(client.Stats, live, result, started, started, Stopwatch.GetTimestamp());
            }
        }
    }

    private static async Task PacedAsync(LoadClient client, LiveStats live, Pacer pacer, long measureFrom, long drainUntil, CancellationToken cancellationToken)
    {
        while (await pacer.Tickets.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (pacer.Tickets.TryRead(out long due))
            {
                long started = Stopwatch.GetTimestamp();
                if (started >= drainUntil)
                {
                    return; // the rest is backlog: the server did not keep up with the rate
                }
                bool measured = due >= measureFrom;
                RequestResult result = await client.RunAsync(measured, cancellationToken).ConfigureAwait(false);
                if (measured)
                {
                    Record(client.Stats, live, result, due, started, Stopwatch.GetTimestamp());
                }
                else
                {
                    client.Stats.WarmupRequests++;
                }
            }
        }
    }

    private static void Record(ConnectionStats stats, LiveStats live, RequestResult result, long due, long started, long ended)
    {
        stats.Latencies.Add(ended - due);
        stats.DueTimes.Add(due);
        stats.LatenciesByKind[(int)result.Kind].Add(ended - due);
        stats.ServiceTimes.Add(ended - started);
        stats.LastCompletion = Math.Max(stats.LastCompletion, ended);
        live.Completed(ended - due, result.OrdersPlaced, result.UnexpectedErrors);
    }

    private static long WarmupRequests(LoadClient[] clients, long measureFrom) => clients.Sum(c => c.Stats.WarmupRequests);

    private static ScenarioResult Summarize(Scenario scenario, LoadClient[] clients, long measureFrom, long stopAt, long backlog,
        double clientCores, double serverCores, double otherCores, long workingSet)
    {
        ConnectionStats[] stats = [.. clients.Select(c => c.Stats)];
        // The window: from its start to the last measured completion (a closed loop's last requests
        // start before stopAt and end a little after it); a paced run's is its schedule.
        long end = scenario.Paced ? stopAt : Math.Max(stopAt, stats.Max(s => s.LastCompletion));
        double seconds = Stopwatch.GetElapsedTime(measureFrom, end).TotalSeconds;
        long races = 0;
        long unexpected = 0;
        foreach (ConnectionStats s in stats)
        {
            foreach ((string kind, long count) in s.Errors)
            {
                if (ConnectionStats.IsExpected(kind))
                {
                    races += count;
                }
                else
                {
                    unexpected += count;
                }
            }
        }
        return new ScenarioResult(
            scenario,
            seconds,
            stats.Sum(s => (long)s.Latencies.Count),
            stats.Sum(s => s.OrdersPlaced),
            stats.Sum(s => s.OrdersCancelled),
            unexpected,
            races,
            backlog,
            Percentiles.Of([.. stats.SelectMany(s => s.Latencies)]),
            Percentiles.Of([.. stats.SelectMany(s => s.ServiceTimes)]),
            clientCores,
            serverCores,
            otherCores,
            workingSet);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
