using Microsoft.Data.Sqlite;

namespace OpenLine.Server.Storage;

/// <summary>
/// The embedded default (rules §11): SQLite files in the data directory, WAL mode with
/// <c>synchronous=FULL</c>, so a committed transaction has been fsync'd.
/// <para>
/// The journal lives in <c>openline.db</c>, snapshots in <c>openline-snapshots.db</c> beside it.
/// SQLite lets one writer at a time into a database file, so a snapshot of hundreds of megabytes
/// written into the journal's file would hold the sequencer's next append back for as long as it
/// takes; in a file of its own it holds nothing back. Stores from before the split kept snapshots
/// in the journal file's <c>snapshot</c> table: those are still read, and compacted away.
/// </para>
/// </summary>
public sealed class SqliteJournalStore : IJournalStore
{
    /// <summary>Journal rows deleted per transaction when compacting: each holds the write lock for a millisecond or two.</summary>
    private const int CompactionChunk = 1_000;

    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _snapshots;
    private readonly bool _hasLegacySnapshots;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _sequence;
    private readonly SqliteParameter _at;
    private readonly SqliteParameter _payload;
    private readonly SqliteParameter _checksum;

    public SqliteJournalStore(string path)
    {
        _path = Path.GetFullPath(path);
        Description = $"SQLite at {_path}";
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _connection = OpenDatabase(_path);
        Execute(_connection, """
            CREATE TABLE IF NOT EXISTS journal (
                seq      INTEGER PRIMARY KEY,
                at       INTEGER NOT NULL,
                payload  BLOB    NOT NULL,
                checksum INTEGER NOT NULL);
            """);
        _hasLegacySnapshots = HasTable(_connection, "snapshot");
        _snapshots = OpenDatabase(SnapshotPathFor(_path));
        Execute(_snapshots, """
            CREATE TABLE IF NOT EXISTS snapshot (
                seq      INTEGER PRIMARY KEY,
                state    BLOB    NOT NULL,
                checksum INTEGER NOT NULL);
            """);
        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO journal (seq, at, payload, checksum) VALUES ($seq, $at, $payload, $checksum)";
        _sequence = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _at = _insert.Parameters.Add("$at", SqliteType.Integer);
        _payload = _insert.Parameters.Add("$payload", SqliteType.Blob);
        _checksum = _insert.Parameters.Add("$checksum", SqliteType.Integer);
        _insert.Prepare();
    }

    public string Description { get; }

    /// <summary>Where the snapshots of the journal at <paramref name="journalPath"/> live: <c>openline.db</c> → <c>openline-snapshots.db</c>.</summary>
    public static string SnapshotPathFor(string journalPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(journalPath))!,
            Path.GetFileNameWithoutExtension(journalPath) + "-snapshots" + Path.GetExtension(journalPath));

    private static SqliteConnection OpenDatabase(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        // busy_timeout: SQLite's own short sleeps while the other connection (sequencer or
        // checkpointer) holds the write lock for a moment, instead of failing or sleeping long.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        return connection;
    }

    public void Append(IReadOnlyList<JournalRecord> records)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        foreach (JournalRecord record in records)
        {
            _sequence.Value = record.Sequence;
            _at.Value = record.At;
            _payload.Value = record.Payload;
            _checksum.Value = (long)record.Checksum;
            _insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public IEnumerable<JournalRecord> ReadAfter(long afterSequence)
    {
        using SqliteCommand query = _connection.CreateCommand();
        query.CommandText = "SELECT seq, at, payload, checksum FROM journal WHERE seq > $after ORDER BY seq";
        query.Parameters.AddWithValue("$after", afterSequence);
        using SqliteDataReader reader = query.ExecuteReader();
        while (reader.Read())
        {
            yield return new JournalRecord(reader.GetInt64(0), reader.GetInt64(1), (byte[])reader.GetValue(2), (uint)reader.GetInt64(3));
        }
    }

    public void DeleteFrom(long fromSequence)
    {
        using SqliteCommand delete = _connection.CreateCommand();
        delete.CommandText = "DELETE FROM journal WHERE seq >= $from";
        delete.Parameters.AddWithValue("$from", fromSequence);
        delete.ExecuteNonQuery();
    }

    public void SaveSnapshot(StoredSnapshot snapshot)
    {
        using SqliteCommand insert = _snapshots.CreateCommand();
        insert.CommandText = "INSERT OR REPLACE INTO snapshot (seq, state, checksum) VALUES ($seq, $state, $checksum)";
        insert.Parameters.AddWithValue("$seq", snapshot.Sequence);
        insert.Parameters.Add("$state", SqliteType.Blob).Value = snapshot.State;
        insert.Parameters.AddWithValue("$checksum", (long)snapshot.Checksum);
        insert.ExecuteNonQuery();
    }

    public IEnumerable<StoredSnapshot> SnapshotsNewestFirst()
    {
        // Sequence numbers first (both files), then one state at a time: a snapshot can be large.
        var found = new List<(long Sequence, SqliteConnection Database)>();
        foreach (SqliteConnection database in _hasLegacySnapshots ? [_snapshots, _connection] : (SqliteConnection[])[_snapshots])
        {
            using SqliteCommand list = database.CreateCommand();
            list.CommandText = "SELECT seq FROM snapshot";
            using SqliteDataReader reader = list.ExecuteReader();
            while (reader.Read())
            {
                found.Add((reader.GetInt64(0), database));
            }
        }
        foreach ((long sequence, SqliteConnection database) in found.OrderByDescending(f => f.Sequence))
        {
            using SqliteCommand query = database.CreateCommand();
            query.CommandText = "SELECT state, checksum FROM snapshot WHERE seq = $seq";
            query.Parameters.AddWithValue("$seq", sequence);
            using SqliteDataReader reader = query.ExecuteReader();
            if (reader.Read())
            {
                yield return new StoredSnapshot(sequence, (byte[])reader.GetValue(0), (uint)reader.GetInt64(1));
            }
        }
    }

    public void CompactThrough(long sequence)
    {
        // Oldest first, in short transactions, so the appending connection never waits long. What
        // is deleted is covered by a durable snapshot, so stopping halfway loses nothing.
        using (SqliteCommand oldest = _connection.CreateCommand())
        {
            oldest.CommandText = "SELECT MIN(seq) FROM journal";
            long from = oldest.ExecuteScalar() is long min ? min : sequence + 1;
            using SqliteCommand delete = _connection.CreateCommand();
            delete.CommandText = "DELETE FROM journal WHERE seq <= $upTo";
            SqliteParameter upTo = delete.Parameters.Add("$upTo", SqliteType.Integer);
            for (; from <= sequence; from += CompactionChunk)
            {
                upTo.Value = Math.Min(sequence, from + CompactionChunk - 1);
                delete.ExecuteNonQuery();
            }
        }
        foreach (SqliteConnection database in _hasLegacySnapshots ? [_snapshots, _connection] : (SqliteConnection[])[_snapshots])
        {
            using SqliteCommand old = database.CreateCommand();
            old.CommandText = "DELETE FROM snapshot WHERE seq < $seq";
            old.Parameters.AddWithValue("$seq", sequence);
            old.ExecuteNonQuery();
        }
    }

    public IJournalStore OpenForBackground()
    {
        // From now on the background instance copies the WAL into the database (Maintain), so the
        // appending connection's commits never pause for a checkpoint.
        Execute(_connection, "PRAGMA wal_autocheckpoint=0;");
        return new SqliteJournalStore(_path);
    }

    public void Maintain()
    {
        Execute(_connection, "PRAGMA wal_checkpoint(PASSIVE);");
        Execute(_snapshots, "PRAGMA wal_checkpoint(PASSIVE);");
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using SqliteCommand query = connection.CreateCommand();
        query.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        query.Parameters.AddWithValue("$name", name);
        return query.ExecuteScalar() is not null;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
        _snapshots.Dispose();
    }
}
