using Microsoft.Data.Sqlite;

namespace OpenLine.Server.Storage;

/// <summary>
/// The embedded default (rules §11): one SQLite file in the data directory, WAL mode with
/// <c>synchronous=FULL</c>, so a committed transaction has been fsync'd.
/// </summary>
public sealed class SqliteJournalStore : IJournalStore
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _sequence;
    private readonly SqliteParameter _at;
    private readonly SqliteParameter _payload;
    private readonly SqliteParameter _checksum;

    public SqliteJournalStore(string path)
    {
        Description = $"SQLite at {path}";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS journal (
                seq      INTEGER PRIMARY KEY,
                at       INTEGER NOT NULL,
                payload  BLOB    NOT NULL,
                checksum INTEGER NOT NULL);
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
        using SqliteCommand insert = _connection.CreateCommand();
        insert.CommandText = "INSERT OR REPLACE INTO snapshot (seq, state, checksum) VALUES ($seq, $state, $checksum)";
        insert.Parameters.AddWithValue("$seq", snapshot.Sequence);
        insert.Parameters.Add("$state", SqliteType.Blob).Value = snapshot.State;
        insert.Parameters.AddWithValue("$checksum", (long)snapshot.Checksum);
        insert.ExecuteNonQuery();
    }

    public IEnumerable<StoredSnapshot> SnapshotsNewestFirst()
    {
        using SqliteCommand query = _connection.CreateCommand();
        query.CommandText = "SELECT seq, state, checksum FROM snapshot ORDER BY seq DESC";
        using SqliteDataReader reader = query.ExecuteReader();
        while (reader.Read())
        {
            yield return new StoredSnapshot(reader.GetInt64(0), (byte[])reader.GetValue(1), (uint)reader.GetInt64(2));
        }
    }

    public void CompactThrough(long sequence)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        using SqliteCommand delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM journal WHERE seq <= $seq; DELETE FROM snapshot WHERE seq < $seq;";
        delete.Parameters.AddWithValue("$seq", sequence);
        delete.ExecuteNonQuery();
        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }
}
