using Npgsql;
using NpgsqlTypes;

namespace OpenLine.Server.Storage;

/// <summary>
/// The production store (rules §11, <c>OpenLine:Postgres</c>): the same two tables in
/// PostgreSQL. A commit with <c>synchronous_commit = on</c> (forced per session) is durable.
/// </summary>
public sealed class PostgresJournalStore : IJournalStore
{
    private readonly NpgsqlConnection _connection;
    private readonly string _connectionString;

    public PostgresJournalStore(string connectionString)
    {
        _connectionString = connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        Description = $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}";
        _connection = new NpgsqlConnection(builder.ConnectionString);
        _connection.Open();
        Execute("SET synchronous_commit = on;");
        Execute("""
            CREATE TABLE IF NOT EXISTS openline_journal (
                seq      bigint PRIMARY KEY,
                at       bigint NOT NULL,
                payload  bytea  NOT NULL,
                checksum bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS openline_snapshot (
                seq      bigint PRIMARY KEY,
                state    bytea  NOT NULL,
                checksum bigint NOT NULL);
            """);
    }

    public string Description { get; }

    public void Append(IReadOnlyList<JournalRecord> records)
    {
        using NpgsqlTransaction transaction = _connection.BeginTransaction();
        using (NpgsqlBinaryImporter copy = _connection.BeginBinaryImport(
            "COPY openline_journal (seq, at, payload, checksum) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (JournalRecord record in records)
            {
                copy.StartRow();
                copy.Write(record.Sequence, NpgsqlDbType.Bigint);
                copy.Write(record.At, NpgsqlDbType.Bigint);
                copy.Write(record.Payload, NpgsqlDbType.Bytea);
                copy.Write((long)record.Checksum, NpgsqlDbType.Bigint);
            }
            copy.Complete();
        }
        transaction.Commit();
    }

    public IEnumerable<JournalRecord> ReadAfter(long afterSequence)
    {
        using NpgsqlCommand query = new("SELECT seq, at, payload, checksum FROM openline_journal WHERE seq > $1 ORDER BY seq", _connection);
        query.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        using NpgsqlDataReader reader = query.ExecuteReader();
        while (reader.Read())
        {
            yield return new JournalRecord(reader.GetInt64(0), reader.GetInt64(1), (byte[])reader.GetValue(2), (uint)reader.GetInt64(3));
        }
    }

    public void DeleteFrom(long fromSequence)
    {
        using NpgsqlCommand delete = new("DELETE FROM openline_journal WHERE seq >= $1", _connection);
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequence });
        delete.ExecuteNonQuery();
    }

    public void SaveSnapshot(StoredSnapshot snapshot)
    {
        using NpgsqlCommand insert = new("""
            INSERT INTO openline_snapshot (seq, state, checksum) VALUES ($1, $2, $3)
            ON CONFLICT (seq) DO UPDATE SET state = EXCLUDED.state, checksum = EXCLUDED.checksum
            """, _connection);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Sequence });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.State });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Checksum });
        insert.ExecuteNonQuery();
    }

    public IEnumerable<StoredSnapshot> SnapshotsNewestFirst()
    {
        using NpgsqlCommand query = new("SELECT seq, state, checksum FROM openline_snapshot ORDER BY seq DESC", _connection);
        using NpgsqlDataReader reader = query.ExecuteReader();
        while (reader.Read())
        {
            yield return new StoredSnapshot(reader.GetInt64(0), (byte[])reader.GetValue(1), (uint)reader.GetInt64(2));
        }
    }

    public void CompactThrough(long sequence)
    {
        using NpgsqlTransaction transaction = _connection.BeginTransaction();
        using NpgsqlCommand delete = new("DELETE FROM openline_journal WHERE seq <= $1; ", _connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        delete.ExecuteNonQuery();
        using NpgsqlCommand old = new("DELETE FROM openline_snapshot WHERE seq < $1", _connection, transaction);
        old.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        old.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Another session: PostgreSQL lets it write snapshots and delete old rows while this one appends.</summary>
    public IJournalStore OpenForBackground() => new PostgresJournalStore(_connectionString);

    /// <summary>Nothing to do: PostgreSQL's own checkpointer and autovacuum look after the files.</summary>
    public void Maintain()
    {
    }

    private void Execute(string sql)
    {
        using NpgsqlCommand command = new(sql, _connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
