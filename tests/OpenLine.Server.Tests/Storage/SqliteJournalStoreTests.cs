using OpenLine.Server.Storage;

namespace OpenLine.Server.Tests.Storage;

public sealed class SqliteJournalStoreTests : JournalStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "openline-tests", "sqlite-" + Guid.NewGuid().ToString("n"));

    protected override IJournalStore Open(string key) => new SqliteJournalStore(Path.Combine(_directory, key + ".db"));

    [Fact]
    public void The_store_runs_in_wal_mode_with_full_synchronous_commits()
    {
        string path = Path.Combine(_directory, "pragmas.db");
        OpenTracked("pragmas");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using Microsoft.Data.Sqlite.SqliteCommand mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string)mode.ExecuteScalar()!);
    }

    [Fact]
    public void Snapshots_live_in_a_file_of_their_own_so_writing_one_never_locks_the_journal()
    {
        IJournalStore store = OpenTracked("split");
        IJournalStore background = store.OpenForBackground();
        string snapshots = SqliteJournalStore.SnapshotPathFor(Path.Combine(_directory, "split.db"));
        using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={snapshots};Pooling=False");
        reader.Open();
        using Microsoft.Data.Sqlite.SqliteCommand hold = reader.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE"; // another writer holds the snapshot file's write lock
        hold.ExecuteNonQuery();

        store.Append([JournalRecord.Create(1, 1, [1])]); // the journal is not held up by it

        Assert.Single(store.ReadAfter(0));
        Assert.Equal(Path.Combine(_directory, "split-snapshots.db"), snapshots);
        background.Dispose();
    }

    [Fact]
    public void Snapshots_kept_in_the_journal_file_by_earlier_versions_are_still_read_and_compacted_away()
    {
        string path = Path.Combine(_directory, "legacy.db");
        Directory.CreateDirectory(_directory);
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using Microsoft.Data.Sqlite.SqliteCommand create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE journal (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload BLOB NOT NULL, checksum INTEGER NOT NULL);
                CREATE TABLE snapshot (seq INTEGER PRIMARY KEY, state BLOB NOT NULL, checksum INTEGER NOT NULL);
                """;
            create.ExecuteNonQuery();
        }
        IJournalStore store = OpenTracked("legacy");
        store.Append([.. Enumerable.Range(1, 30).Select(i => JournalRecord.Create(i, i, [(byte)i]))]);
        StoredSnapshot legacy = StoredSnapshot.Create(10, [1, 0]);
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using Microsoft.Data.Sqlite.SqliteCommand insert = old.CreateCommand();
            insert.CommandText = $"INSERT INTO snapshot (seq, state, checksum) VALUES (10, x'0100', {legacy.Checksum})";
            insert.ExecuteNonQuery();
        }
        store.Dispose();
        IJournalStore reopened = OpenTracked("legacy");

        StoredSnapshot found = Assert.Single(reopened.SnapshotsNewestFirst());
        Assert.Equal((10L, true), (found.Sequence, found.IsIntact));
        reopened.SaveSnapshot(StoredSnapshot.Create(20, [2, 0]));
        reopened.SaveSnapshot(StoredSnapshot.Create(30, [3, 0]));
        Assert.Equal([30L, 20L, 10L], reopened.SnapshotsNewestFirst().Select(s => s.Sequence));
        reopened.CompactThrough(20);
        Assert.Equal([30L, 20L], reopened.SnapshotsNewestFirst().Select(s => s.Sequence));
        Assert.Equal(21L, reopened.ReadAfter(0).First().Sequence);
    }

    protected override void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
