using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Storage;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Storage;

/// <summary>
/// Restart rebuilds exactly the state a crash-free run would have (rules §9), through the real
/// server on its SQLite store: from a snapshot, from the journal alone, past a torn last record;
/// and the exchange halts rather than guess when the journal is corrupt or cannot be written.
/// </summary>
public sealed class RecoveryTests : IDisposable
{
    private readonly DataDirectory _dataDir = new();

    private string Database => Path.Combine(_dataDir, "openline.db");

    private static async Task<(string Hash, long Commands)> StateAsync(TestServer server)
    {
        JsonNode state = (await server.Admin.GetAsync("/admin/state")).Data;
        Assert.Empty(state["invariantViolations"]!.AsArray());
        return (state["stateHash"]!.GetValue<string>(), state["commandCount"]!.GetValue<long>());
    }

    /// <summary>Users, a game, resting orders, a partial fill, a cancel and a pending expiry.</summary>
    private static async Task TradeAsync(TestServer server)
    {
        ExchangeSetup.User rita = await server.CreateUserAsync(balance: 5000, username: "rita", password: "rita-password");
        ExchangeSetup.User sam = await server.CreateUserAsync(balance: 5000, username: "sam");
        ExchangeSetup.GameInfo game = await server.CreateGameAsync();
        JsonArray posted = await rita.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.AwayId, 185, 100, "post"),
            new { gameID = game.Id, type = "total", side = "over", number = 220.5, odds = -110, bet = 200, orderType = "post", expirationMinutes = 30 },
            new { gameID = game.Id, type = "spread", side = game.HomeId, number = -3.5, odds = 105, bet = 150, orderType = "post" });
        await sam.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -185, 300));
        await rita.Client.PostAsync("/session/cancel", new { sessionID = posted[2]!["unmatched"]!["orderID"]!.GetValue<string>() });
    }

    [Fact]
    public async Task A_clean_restart_rebuilds_the_same_state_from_the_shutdown_snapshot()
    {
        (string Hash, long Commands) before;
        await using (TestServer first = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            await TradeAsync(first);
            before = await StateAsync(first);
        }

        await using TestServer second = await TestServer.LaunchAsync(dataDir: _dataDir);

        Assert.Equal(before, await StateAsync(second));
        Assert.NotEmpty(Query("SELECT seq FROM snapshot", SqliteJournalStore.SnapshotPathFor(Database)));
    }

    [Fact]
    public async Task Snapshots_taken_in_the_background_while_commands_flow_rebuild_the_same_state()
    {
        string snapshots = SqliteJournalStore.SnapshotPathFor(Database);
        (string Hash, long Commands) before;
        await using (TestServer first = await TestServer.LaunchAsync(dataDir: _dataDir, settings: "--OpenLine:SnapshotEvery=4"))
        {
            await TradeAsync(first);
            OpenLineClient anonymous = first.CreateClient();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Logins are commands too; keep them coming until the checkpointer has taken two
            // snapshots and compacted the journal behind the older one.
            while (Query("SELECT count(*) FROM snapshot", snapshots).Single() < 2 || Query("SELECT min(seq) FROM journal").Single() == 1)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the checkpointer took two snapshots");
                await anonymous.PostAsync("/user/login", new { username = "rita", password = "rita-password" });
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            before = await StateAsync(first);
        }
        // Without the shutdown snapshot, the newest one taken in the background and the journal after it must do.
        long shutdown = Query("SELECT max(seq) FROM snapshot", snapshots).Single();
        Assert.Equal(before.Commands, shutdown);
        Execute($"DELETE FROM snapshot WHERE seq = {shutdown}", snapshots);
        long background = Query("SELECT max(seq) FROM snapshot", snapshots).Single();

        await using TestServer second = await TestServer.LaunchAsync(dataDir: _dataDir);

        Assert.Equal(before, await StateAsync(second));
        Assert.InRange(background, 4, before.Commands - 1);
        Assert.True(Query("SELECT min(seq) FROM journal").Single() > 1, "the journal was compacted");
    }

    [Fact]
    public async Task Replaying_the_journal_alone_from_empty_rebuilds_the_same_state()
    {
        (string Hash, long Commands) before;
        await using (TestServer first = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            await TradeAsync(first);
            before = await StateAsync(first);
        }
        TestServer.DeleteSnapshots(_dataDir);

        await using TestServer second = await TestServer.LaunchAsync(dataDir: _dataDir);

        Assert.Equal(before, await StateAsync(second));
    }

    [Fact]
    public async Task A_torn_last_journal_record_is_discarded_not_half_applied()
    {
        (string Hash, long Commands) before;
        await using (TestServer first = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            await TradeAsync(first);
            before = await StateAsync(first);
        }
        TestServer.DeleteSnapshots(_dataDir);
        long last = Query("SELECT max(seq) FROM journal").Single();
        Execute($"INSERT INTO journal (seq, at, payload, checksum) VALUES ({last + 1}, 0, x'0702', 12345)");

        await using TestServer second = await TestServer.LaunchAsync(dataDir: _dataDir);

        Assert.Equal(before, await StateAsync(second));
        Assert.Equal(last, Query("SELECT max(seq) FROM journal").Single());
    }

    [Fact]
    public async Task A_corrupt_record_in_the_middle_of_the_journal_stops_the_start_instead_of_guessing()
    {
        await using (TestServer first = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            await TradeAsync(first);
        }
        TestServer.DeleteSnapshots(_dataDir);
        Execute("UPDATE journal SET checksum = checksum + 1 WHERE seq = 3");

        InvalidDataException refused = await Assert.ThrowsAsync<InvalidDataException>(() => TestServer.LaunchAsync(dataDir: _dataDir));

        Assert.Equal("Journal record 3 is corrupt but records follow it; refusing to guess.", refused.Message);
        Assert.True(Query("SELECT count(*) FROM journal").Single() > 3, "nothing was deleted");
    }

    [Fact]
    public async Task An_intact_last_record_that_cannot_be_decoded_stops_the_start_instead_of_being_dropped()
    {
        await using (TestServer first = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            await TradeAsync(first);
        }
        TestServer.DeleteSnapshots(_dataDir);
        long last = Query("SELECT max(seq) FROM journal").Single();
        JournalRecord unknown = JournalRecord.Create(last + 1, 1_800_000_000_000, [0xEE, 1, 2, 3]); // a tag this version does not know
        Execute($"INSERT INTO journal (seq, at, payload, checksum) VALUES ({unknown.Sequence}, {unknown.At}, x'{Convert.ToHexString(unknown.Payload)}', {unknown.Checksum})");

        InvalidDataException refused = await Assert.ThrowsAsync<InvalidDataException>(() => TestServer.LaunchAsync(dataDir: _dataDir));

        Assert.StartsWith($"Journal record {last + 1} is intact but cannot be decoded", refused.Message, StringComparison.Ordinal);
        Assert.Equal(last + 1, Query("SELECT max(seq) FROM journal").Single()); // kept for an operator (or a newer version) to read
    }

    [Fact]
    public async Task When_the_journal_cannot_be_written_nothing_is_acknowledged_and_the_exchange_halts()
    {
        FailingStore? failing = null;
        await using TestServer server = await TestServer.LaunchAsync(configureServices: services => services.AddSingleton<IJournalStore>(sp =>
            failing = new FailingStore(new SqliteJournalStore(Path.Combine(_dataDir, "openline.db")))));
        await server.AddUserAsync("ok-user", "password-1");

        failing!.Fail = true;
        OpenLineClient.Response refused = await server.Admin.PostAsync("/admin/users", new { username = "lost-user", password = "password-2" });
        OpenLineClient.Response after = await server.Admin.GetAsync("/admin/users");
        OpenLineClient.Response health = await server.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains("journal", refused.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
    }

    private List<long> Query(string sql, string? database = null)
    {
        using var connection = new SqliteConnection($"Data Source={database ?? Database};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }
        return values;
    }

    private void Execute(string sql, string? database = null)
    {
        using var connection = new SqliteConnection($"Data Source={database ?? Database};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _dataDir.Dispose();

    /// <summary>A store whose appends fail on demand, like a full or dead disk.</summary>
    private sealed class FailingStore(IJournalStore inner) : DelegatingJournalStore(inner)
    {
        public volatile bool Fail;

        public override string Description => "failing " + Inner.Description;

        public override void Append(IReadOnlyList<JournalRecord> records)
        {
            if (Fail)
            {
                throw new IOException("disk full");
            }
            Inner.Append(records);
        }
    }
}
