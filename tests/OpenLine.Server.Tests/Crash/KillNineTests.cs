using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Crash;

/// <summary>
/// The crash test of step 2: the real server as its own process, concurrent place and cancel
/// traffic over HTTP, SIGKILL at random moments, restart, and a check that everything a client
/// saw acknowledged is still there with the same ids and amounts, that money is conserved
/// (rules §9) and that no book is crossed. It prints what it did; the report is also written to
/// <c>$TMPDIR/openline-crash-test.txt</c>, which <c>.ci/run</c> prints.
/// </summary>
public sealed class KillNineTests : IDisposable
{
    public static readonly string ReportPath = Path.Combine(Path.GetTempPath(), "openline-crash-test.txt");

    private const int Rounds = 4;
    private const int Traders = 6;

    private readonly string _dataDir = TestServer.NewDataDir();
    private readonly StringBuilder _report = new();

    private readonly ConcurrentDictionary<string, (string MakerOrder, decimal Amount)> _fills = new();
    private readonly ConcurrentDictionary<string, decimal> _rests = new();
    private readonly ConcurrentDictionary<string, bool> _cancelled = new();
    private int _placesAcked;
    private int _cancelsAcked;
    private int _unknownOutcomes;

    private string? _postgresSchema;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Kill_minus_nine_under_load_never_loses_an_acknowledged_order_or_fill(string store)
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        int port = ServerProcess.FreePort();
        string[] settings = ["--OpenLine:RateLimitPerMinute=0", "--OpenLine:SnapshotEvery=500", .. StoreSettings(store)];
        Log($"crash test on {store}: seed {seed}, {Rounds} kills, {Traders} concurrent traders, server on port {port}, data in {_dataDir}");

        string[] tokens = [];
        string gameId = "", away = "", home = "";
        for (int round = 1; round <= Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using ServerProcess server = await ServerProcess.StartAsync(_dataDir, port, settings);
            Log($"round {round}: started in {clock.ElapsedMilliseconds} ms");
            using HttpClient http = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var admin = new OpenLineClient(http, TestServer.AdminToken);
            if (round == 1)
            {
                (tokens, gameId, away, home) = await SetUpAsync(admin, http);
            }
            else
            {
                await VerifyAsync(admin, tokens);
            }

            using var stop = new CancellationTokenSource();
            Task[] traders = [.. Enumerable.Range(0, Traders).Select(i =>
                TradeAsync(new OpenLineClient(http, tokens[i]), gameId, away, home, new Random(seed + (round * 100) + i), stop.Token))];
            int before = _placesAcked + _cancelsAcked;
            await Task.Delay(random.Next(400, 1600), TestContext.Current.CancellationToken);
            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(traders);
            Log($"round {round}: SIGKILL after {clock.ElapsedMilliseconds} ms; {_placesAcked + _cancelsAcked - before} requests acknowledged this round");
        }

        using (ServerProcess server = await ServerProcess.StartAsync(_dataDir, port, settings))
        {
            using HttpClient http = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            await VerifyAsync(new OpenLineClient(http, TestServer.AdminToken), tokens);
        }
        Log($"done: {_placesAcked} places and {_cancelsAcked} cancels acknowledged ({_unknownOutcomes} requests cut off by a kill, outcome unknown); "
            + $"{_fills.Count} fills, {_rests.Count} resting orders and {_cancelled.Count} cancels checked after every restart");
        Assert.True(_fills.Count > 0 && _rests.Count > 0 && _cancelled.Count > 0, "the traffic produced fills, rests and cancels");
    }

    private async Task<(string[] Tokens, string Game, string Away, string Home)> SetUpAsync(OpenLineClient admin, HttpClient http)
    {
        var tokens = new string[Traders];
        for (int i = 0; i < Traders; i++)
        {
            string username = $"trader{i}";
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/users", new { username, password = username + "-password", balance = 1_000_000 })).Status);
            tokens[i] = (await new OpenLineClient(http).PostAsync("/user/login", new { username, password = username + "-password" })).Data["user"]!["auth"]!.GetValue<string>();
        }
        JsonNode game = (await admin.PostAsync("/admin/games", new
        {
            league = "NBA", sport = "basketball", start = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            participants = new[] { new { longName = "Boston Celtics", shortName = "BOS" }, new { longName = "Los Angeles Lakers", shortName = "LAL" } },
        })).Data["game"]!;
        return (tokens, game["id"]!.GetValue<string>(), game["participants"]![0]!["id"]!.GetValue<string>(), game["participants"]![1]!["id"]!.GetValue<string>());
    }

    private async Task TradeAsync(OpenLineClient trader, string gameId, string away, string home, Random random, CancellationToken stop)
    {
        var mine = new List<string>();
        string[] orderTypes = ["limit", "limit", "post", "fillAndKill"];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (mine.Count > 0 && random.NextDouble() < 0.3)
                {
                    string id = mine[random.Next(mine.Count)];
                    mine.Remove(id);
                    OpenLineClient.Response cancel = await trader.PostAsync("/session/cancel", new { sessionID = id });
                    if (cancel.Status == HttpStatusCode.OK)
                    {
                        _cancelled[id] = true;
                    }
                    Interlocked.Increment(ref _cancelsAcked);
                    continue;
                }
                object[] orders = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (object)new
                {
                    gameID = gameId,
                    type = "moneyline",
                    side = random.Next(2) == 0 ? away : home,
                    odds = random.Next(2) == 0 ? random.Next(101, 116) : -random.Next(100, 116),
                    bet = random.Next(10, 200),
                    orderType = orderTypes[random.Next(orderTypes.Length)],
                })];
                OpenLineClient.Response placed = await trader.PostAsync("/session/v3/place", new { orders });
                Assert.Equal(HttpStatusCode.OK, placed.Status);
                foreach (JsonNode? entry in placed.Data["createdSessions"]!.AsArray())
                {
                    foreach (JsonNode? fill in entry!["matched"]?.AsArray() ?? [])
                    {
                        _fills[fill!["txID"]!.GetValue<string>()] = (fill["orderID"]!.GetValue<string>(), fill["amount"]!.GetValue<decimal>());
                    }
                    if (entry["unmatched"]?["orderID"] is JsonNode rest)
                    {
                        _rests[rest.GetValue<string>()] = entry["unmatched"]!["offered"]!.GetValue<decimal>();
                        mine.Add(rest.GetValue<string>());
                    }
                }
                Interlocked.Increment(ref _placesAcked);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _unknownOutcomes); // cut off by the kill: not acknowledged, nothing to check
                return;
            }
        }
    }

    private async Task VerifyAsync(OpenLineClient admin, string[] tokens)
    {
        var clock = Stopwatch.StartNew();
        foreach ((string txId, (string makerOrder, decimal amount)) in _fills)
        {
            OpenLineClient.Response bet = await admin.GetAsync($"/admin/bets/{txId}");
            Assert.True(bet.Status == HttpStatusCode.OK, $"acknowledged fill {txId} is missing after restart");
            Assert.Equal(amount, bet.Data["takerStake"]!.GetValue<decimal>());
            Assert.Equal(makerOrder, bet.Data["makerOrderID"]!.GetValue<string>());
        }
        foreach ((string orderId, decimal offered) in _rests)
        {
            OpenLineClient.Response order = await admin.GetAsync($"/admin/orders/{orderId}");
            Assert.True(order.Status == HttpStatusCode.OK, $"acknowledged order {orderId} is missing after restart");
            Assert.Equal(offered, order.Data["offered"]!.GetValue<decimal>());
            if (_cancelled.ContainsKey(orderId))
            {
                Assert.Equal("cancelled", order.Data["state"]!.GetValue<string>());
            }
        }
        JsonNode ledger = (await admin.GetAsync("/admin/ledger")).Data;
        decimal deposits = ledger["deposits"]!.GetValue<decimal>(), withdrawals = ledger["withdrawals"]!.GetValue<decimal>();
        decimal balances = ledger["balances"]!.GetValue<decimal>(), commission = ledger["commission"]!.GetValue<decimal>();
        Assert.Equal(deposits - withdrawals, balances + commission);
        Assert.Equal(Traders * 1_000_000m, deposits);
        JsonNode state = (await admin.GetAsync("/admin/state")).Data;
        Assert.Empty(state["invariantViolations"]!.AsArray()); // includes: no book crossed between accounts
        foreach (string token in tokens)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.WithToken(token).GetAsync("/user/getMe")).Status); // logins survive too
        }
        Log($"  verified after restart in {clock.ElapsedMilliseconds} ms: {_fills.Count} fills, {_rests.Count} orders, {_cancelled.Count} cancels, "
            + $"ledger {deposits.ToString(CultureInfo.InvariantCulture)} = {balances.ToString(CultureInfo.InvariantCulture)} + {commission.ToString(CultureInfo.InvariantCulture)}, "
            + $"{state["commandCount"]} commands journaled, no crossed book");
    }

    /// <summary>SQLite in the data directory, or a fresh schema of the PostgreSQL server named by OPENLINE_TEST_POSTGRES.</summary>
    private string[] StoreSettings(string store)
    {
        if (store == "sqlite")
        {
            return [];
        }
        string? connection = Environment.GetEnvironmentVariable(Storage.PostgresJournalStoreTests.Variable);
        if (string.IsNullOrWhiteSpace(connection) && Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{Storage.PostgresJournalStoreTests.Variable} must be set under CI.");
        }
        Assert.SkipWhen(string.IsNullOrWhiteSpace(connection), $"{Storage.PostgresJournalStoreTests.Variable} is not set (the CI script sets it).");
        _postgresSchema = "crash_" + Guid.NewGuid().ToString("n");
        using (var admin = new Npgsql.NpgsqlConnection(connection))
        {
            admin.Open();
            using var create = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {_postgresSchema}", admin);
            create.ExecuteNonQuery();
        }
        return [$"--OpenLine:Postgres={new Npgsql.NpgsqlConnectionStringBuilder(connection) { SearchPath = _postgresSchema }.ConnectionString}"];
    }

    private void Log(string line)
    {
        _report.AppendLine(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText(ReportPath, line + Environment.NewLine);
    }

    public void Dispose()
    {
        if (_postgresSchema is not null)
        {
            using var admin = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable(Storage.PostgresJournalStoreTests.Variable));
            admin.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA {_postgresSchema} CASCADE", admin);
            drop.ExecuteNonQuery();
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
