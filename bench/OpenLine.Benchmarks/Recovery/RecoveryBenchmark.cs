using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OpenLine.Core;
using OpenLine.Server.Sequencing;
using OpenLine.Server.Storage;

namespace OpenLine.Benchmarks.Recovery;

/// <summary>
/// How long start-up takes for a journal of N commands (step 2's recovery target: under 3 s with a
/// snapshot): writes N realistic commands (places on three market types, ~45% cancels, time
/// advancing) through a live engine into a SQLite store, then times the sequencer's recovery
/// (a) from the journal alone, (b) from a snapshot at the end, (c) from a snapshot 100,000
/// commands before the end plus that tail. Each recovery is checked against the live state hash.
/// </summary>
public static class RecoveryBenchmark
{
    private const long T0 = 1_800_000_000_000;

    public static int Run(int commands)
    {
        string dir = Path.Combine(Path.GetTempPath(), "openline-recovery-" + Guid.NewGuid().ToString("n"));
        string path = Path.Combine(dir, "openline.db");
        try
        {
            Console.WriteLine($"Recovery benchmark: {commands:N0} journaled commands, SQLite at {path}");
            var generate = Stopwatch.StartNew();
            (string liveHash, byte[] earlySnapshot, long earlySequence) = Generate(path, commands);
            Console.WriteLine($"  generated and journaled in {generate.Elapsed.TotalSeconds:F1} s; database {new FileInfo(path).Length / 1_048_576.0:F0} MiB");

            Execute(path, "DELETE FROM snapshot");
            Measure(path, liveHash, "journal only (no snapshot)"); // its clean shutdown writes a snapshot at the end
            Measure(path, liveHash, "snapshot at the last command");
            Execute(path, "DELETE FROM snapshot");
            using (var store = new SqliteJournalStore(path))
            {
                store.SaveSnapshot(StoredSnapshot.Create(earlySequence, earlySnapshot));
            }
            Measure(path, liveHash, $"snapshot {commands - earlySequence:N0} commands back + journal tail");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Measure(string path, string liveHash, string label)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        using var store = new SqliteJournalStore(path);
        var sequencer = new Sequencer(store, new ExchangeOptions(), TimeProvider.System, [], NullLogger<Sequencer>.Instance);
        sequencer.Recovered.GetAwaiter().GetResult();
        double seconds = clock.Elapsed.TotalSeconds;
        string hash = sequencer.QueryAsync(engine => engine.StateHash()).GetAwaiter().GetResult();
        sequencer.Dispose();
        Console.WriteLine($"  {label,-45} {seconds,6:F2} s   state hash {(hash == liveHash ? "matches the live engine" : "DIFFERS")}");
        if (hash != liveHash)
        {
            throw new InvalidOperationException("Recovered state differs from the live engine.");
        }
    }

    private static (string Hash, byte[] EarlySnapshot, long EarlySequence) Generate(string path, int commands)
    {
        var random = new Random(42);
        var engine = new Exchange();
        var events = new List<ExchangeEvent>();
        using var store = new SqliteJournalStore(path);
        var batch = new List<JournalRecord>(1000);
        var output = new BinaryOutput();
        long now = T0;
        byte[] early = [];
        long earlySequence = Math.Max(1, commands - 100_000);

        void Run(Command command)
        {
            events.Clear();
            engine.Execute(command, now, events);
            output.Clear();
            CommandCodec.Write(command, output);
            batch.Add(JournalRecord.Create((long)engine.CommandCount, now, output.ToArray()));
            if (batch.Count == 1000)
            {
                store.Append(batch);
                batch.Clear();
            }
            if ((long)engine.CommandCount == earlySequence)
            {
                early = ServerSnapshot.Compose(engine, []);
            }
        }

        var accounts = new List<ObjectId>();
        for (int i = 0; i < 100; i++)
        {
            Run(new CreateAccount("user" + i.ToString(CultureInfo.InvariantCulture), "-", Money.FromDollars(1_000_000_000), Money.Zero, CommissionRate.OnePercent));
            accounts.Add(engine.Accounts.Values.Last().Id);
        }
        var games = new List<Game>();
        for (int i = 0; i < 10; i++)
        {
            Run(new CreateGame("NBA", "basketball", T0 + (365L * 86_400_000), null,
                new ParticipantSpec("Away " + i.ToString(CultureInfo.InvariantCulture), "A"), new ParticipantSpec("Home " + i.ToString(CultureInfo.InvariantCulture), "H")));
            games.Add(engine.Games.Values.Last());
        }
        var resting = new List<(ObjectId Account, ObjectId Order)>();
        while ((long)engine.CommandCount < commands)
        {
            now += random.Next(0, 3);
            int account = random.Next(accounts.Count);
            if (resting.Count > 0 && random.NextDouble() < 0.45)
            {
                int pick = random.Next(resting.Count);
                (ObjectId owner, ObjectId order) = resting[pick];
                resting[pick] = resting[^1];
                resting.RemoveAt(resting.Count - 1);
                Run(new CancelOrder(owner, order));
                continue;
            }
            Game game = games[random.Next(games.Count)];
            int kind = random.Next(3);
            MarketType type = kind == 0 ? MarketType.Moneyline : kind == 1 ? MarketType.Spread : MarketType.Total;
            string side = type == MarketType.Total ? (random.Next(2) == 0 ? "over" : "under") : (random.Next(2) == 0 ? game.Away : game.Home).Id.ToString();
            LineNumber? number = type switch
            {
                MarketType.Spread => new LineNumber(side == game.Away.Id.ToString() ? 14 : -14),
                MarketType.Total => new LineNumber(882),
                _ => null,
            };
            int odds = random.Next(2) == 0 ? random.Next(100, 121) : -random.Next(101, 121);
            var request = new OrderRequest(game.Id, type, side, null, AmericanOdds.FromInt32(odds), Money.FromDollars(random.Next(10, 500)),
                number, OrderType.Limit, null, null);
            Run(new PlaceOrders(accounts[account], [request]));
            foreach (OrderRested rested in events.OfType<OrderRested>())
            {
                resting.Add((accounts[account], rested.OrderId));
            }
        }
        if (batch.Count > 0)
        {
            store.Append(batch);
        }
        return (engine.StateHash(), early, earlySequence);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
