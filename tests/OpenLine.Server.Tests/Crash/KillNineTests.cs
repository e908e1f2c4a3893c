using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Crash;

/// <summary>
/// The crash test of steps 2 and 5: the real server as its own process, concurrent place and
/// cancel traffic over HTTP while an operator grades, regrades and voids the previous round's game
/// and moves cash in and out, SIGKILL at random moments, restart, and a check that everything a
/// client saw acknowledged is still there with the same ids and amounts, that every acknowledged
/// grading and cash movement stuck, that money is conserved (rules §9: deposits − withdrawals =
/// Σ balances + house commission, and every balance is the sum of its ledger entries) and that no
/// book is crossed. It prints what it did; the report is also written to
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
    // Operator actions: per game, the last acknowledged result ("a-h" or "void") and one cut off by a kill (outcome unknown).
    private readonly ConcurrentDictionary<string, string> _gradeAcked = new();
    private readonly ConcurrentDictionary<string, string> _gradeUnknown = new();
    private decimal _depositsAcked;
    private decimal _withdrawalsAcked;
    private decimal _cashUnknown;
    private int _gradesAcked;
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
        string[] settings = ["--OpenLine:RateLimitPerMinute=0", "--OpenLine:OrderRequestsPerSecond=0", "--OpenLine:SnapshotEvery=500", .. StoreSettings(store)];
        Log($"crash test on {store}: seed {seed}, {Rounds} kills, {Traders} concurrent traders, data in {_dataDir}");

        string[] tokens = [];
        string[] userIds = [];
        var games = new List<(string Id, string Away, string Home)>();
        for (int round = 1; round <= Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using ServerProcess server = await ServerProcess.StartAsync(_dataDir, settings);
            Log($"round {round}: started in {clock.ElapsedMilliseconds} ms on {server.BaseAddress}");
            using HttpClient http = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var admin = new OpenLineClient(http, TestServer.AdminToken);
            if (round == 1)
            {
                (tokens, userIds) = await SetUpAsync(admin, http);
            }
            else
            {
                await VerifyAsync(admin, tokens, games);
            }
            games.Add(await NewGameAsync(admin, round));

            // Each round trades on a new game while the operator settles the previous round's.
            using var stop = new CancellationTokenSource();
            (string gameId, string away, string home) = games[^1];
            Task[] traders = [.. Enumerable.Range(0, Traders).Select(i =>
                TradeAsync(new OpenLineClient(http, tokens[i]), gameId, away, home, new Random(seed + (round * 100) + i), stop.Token)),
                OperateAsync(admin, games.Count >= 2 ? games[^2].Id : null, userIds, new Random(seed + (round * 100) + 99), stop.Token)];
            int before = _placesAcked + _cancelsAcked;
            await Task.Delay(random.Next(400, 1600), TestContext.Current.CancellationToken);
            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(traders);
            Log($"round {round}: SIGKILL after {clock.ElapsedMilliseconds} ms; {_placesAcked + _cancelsAcked - before} requests acknowledged this round");
        }

        using (ServerProcess server = await ServerProcess.StartAsync(_dataDir, settings))
        {
            using HttpClient http = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            await VerifyAsync(new OpenLineClient(http, TestServer.AdminToken), tokens, games);
        }
        Log($"done: {_placesAcked} places and {_cancelsAcked} cancels acknowledged ({_unknownOutcomes} requests cut off by a kill, outcome unknown); "
            + $"{_fills.Count} fills, {_rests.Count} resting orders and {_cancelled.Count} cancels checked after every restart; "
            + $"{_gradesAcked} gradings/voids of {_gradeAcked.Count} games, deposits {_depositsAcked} and withdrawals {_withdrawalsAcked} acknowledged");
        Assert.True(_fills.Count > 0 && _rests.Count > 0 && _cancelled.Count > 0, "the traffic produced fills, rests and cancels");
        Assert.True(_gradesAcked > 0, "the operator graded games under load");
    }

    private async Task<(string[] Tokens, string[] UserIds)> SetUpAsync(OpenLineClient admin, HttpClient http)
    {
        var tokens = new string[Traders];
        var ids = new string[Traders];
        for (int i = 0; i < Traders; i++)
        {
            string username = $"trader{i}";
            OpenLineClient.Response created = await admin.PostAsync("/admin/users", new { username, password = username + "-password", balance = 1_000_000 });
            Assert.Equal(HttpStatusCode.OK, created.Status);
            ids[i] = created.Data["user"]!["id"]!.GetValue<string>();
            tokens[i] = (await new OpenLineClient(http).PostAsync("/user/login", new { username, password = username + "-password" })).Data["user"]!["auth"]!.GetValue<string>();
        }
        return (tokens, ids);
    }

    private static async Task<(string Id, string Away, string Home)> NewGameAsync(OpenLineClient admin, int round)
    {
        JsonNode game = (await admin.PostAsync("/admin/games", new
        {
            league = "NBA", sport = "basketball", start = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            participants = new[] { new { longName = $"Away Team {round}", shortName = "AW" }, new { longName = $"Home Team {round}", shortName = "HO" } },
        })).Data["game"]!;
        return (game["id"]!.GetValue<string>(), game["participants"]![0]!["id"]!.GetValue<string>(), game["participants"]![1]!["id"]!.GetValue<string>());
    }

    /// <summary>The operator under load: grades, regrades and voids the previous round's game; deposits and withdraws small amounts.</summary>
    private async Task OperateAsync(OpenLineClient admin, string? gameId, string[] userIds, Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            string? pendingGrade = null;
            decimal pendingCash = 0;
            try
            {
                await Task.Delay(random.Next(20, 120), stop);
                double pick = random.NextDouble();
                if (gameId is not null && pick < 0.4)
                {
                    bool voided = random.NextDouble() < 0.25;
                    int awayScore = random.Next(90, 120), homeScore = random.Next(90, 120);
                    pendingGrade = voided ? "void" : $"{awayScore}-{homeScore}";
                    OpenLineClient.Response graded = voided
                        ? await admin.PostAsync($"/admin/games/{gameId}/void", new { })
                        : await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore, homeScore });
                    Assert.Equal(HttpStatusCode.OK, graded.Status);
                    _gradeAcked[gameId] = pendingGrade;
                    Interlocked.Increment(ref _gradesAcked);
                }
                else
                {
                    bool deposit = pick < 0.7;
                    decimal amount = random.Next(1, 10_000) / 100m;
                    pendingCash = amount;
                    OpenLineClient.Response moved = await admin.PostAsync($"/admin/users/{userIds[random.Next(userIds.Length)]}/{(deposit ? "deposit" : "withdraw")}", new { amount });
                    if (moved.Status == HttpStatusCode.OK)
                    {
                        lock (_report)
                        {
                            if (deposit)
                            {
                                _depositsAcked += amount;
                            }
                            else
                            {
                                _withdrawalsAcked += amount;
                            }
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                if (pendingGrade is not null && gameId is not null)
                {
                    _gradeUnknown[gameId] = pendingGrade;
                }
                lock (_report)
                {
                    _cashUnknown += pendingCash;
                }
                return;
            }
        }
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

    private async Task VerifyAsync(OpenLineClient admin, string[] tokens, List<(string Id, string Away, string Home)> games)
    {
        var clock = Stopwatch.StartNew();
        foreach ((string txId, (string makerOrder, decimal amount)) in _fills)
        {
            OpenLineClient.Response bet = await admin.GetAsync($"/admin/bets/{txId}");
            Assert.True(bet.Status == HttpStatusCode.OK, $"acknowledged fill {txId} is missing after restart");
            Assert.Equal(amount, bet.Data["takerStake"]!.GetValue<decimal>());
            Assert.Equal(makerOrder, bet.Data["makerOrderID"]!.GetValue<string>());
            bool graded = _gradeAcked.ContainsKey(bet.Data["gameID"]!.GetValue<string>());
            Assert.True(!graded || bet.Data["settlement"] is JsonObject, $"fill {txId} of a graded game has no settlement after restart");
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
        Assert.True(ledger["identityHolds"]!.GetValue<bool>());
        // Every acknowledged cash movement stuck; one cut off by a kill may or may not have.
        decimal netCash = deposits - withdrawals - (Traders * 1_000_000m);
        Assert.True(Math.Abs(netCash - (_depositsAcked - _withdrawalsAcked)) <= _cashUnknown,
            $"net cash movements {netCash} differ from the acknowledged {_depositsAcked - _withdrawalsAcked} by more than the unknown {_cashUnknown}");
        JsonArray gameViews = (await admin.GetAsync("/admin/games")).Data["games"]!.AsArray();
        foreach ((string gameId, string acked) in _gradeAcked)
        {
            JsonNode game = gameViews.Single(g => g!["id"]!.GetValue<string>() == gameId)!;
            JsonArray participants = game["participants"]!.AsArray();
            string actual = participants[0]!["score"] is JsonNode away ? $"{away}-{participants[1]!["score"]}" : "void";
            Assert.True(game["ended"]!.GetValue<bool>(), $"graded game {gameId} is not ended after restart");
            Assert.True(actual == acked || _gradeUnknown.GetValueOrDefault(gameId) == actual,
                $"game {gameId}: result {actual} after restart, but {acked} was acknowledged last");
        }

        JsonNode state = (await admin.GetAsync("/admin/state")).Data;
        Assert.Empty(state["invariantViolations"]!.AsArray()); // includes: no book crossed between accounts
        foreach (string token in tokens)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.WithToken(token).GetAsync("/user/getMe")).Status); // logins survive too
        }
        Log($"  verified after restart in {clock.ElapsedMilliseconds} ms: {_fills.Count} fills, {_rests.Count} orders, {_cancelled.Count} cancels, "
            + $"ledger {deposits.ToString(CultureInfo.InvariantCulture)} − {withdrawals.ToString(CultureInfo.InvariantCulture)} = {balances.ToString(CultureInfo.InvariantCulture)} + {commission.ToString(CultureInfo.InvariantCulture)}, {_gradeAcked.Count} graded games as acknowledged, "
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
