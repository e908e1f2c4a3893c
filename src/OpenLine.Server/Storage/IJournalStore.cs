namespace OpenLine.Server.Storage;

/// <summary>
/// The one small contract both stores fulfil. One instance is used by one thread at a time, so
/// implementations need no locking: the sequencer's instance appends, the background
/// checkpointer's (<see cref="OpenForBackground"/>) saves snapshots and compacts. Every write
/// returns only once it is durable.
/// </summary>
public interface IJournalStore : IDisposable
{
    /// <summary>For logs: which store and where.</summary>
    string Description { get; }

    /// <summary>Appends a batch in one transaction: one fsync for the whole group commit.</summary>
    void Append(IReadOnlyList<JournalRecord> records);

    /// <summary>Every record with a sequence above <paramref name="afterSequence"/>, in order.</summary>
    IEnumerable<JournalRecord> ReadAfter(long afterSequence);

    /// <summary>Removes records from <paramref name="fromSequence"/> on (a torn tail found at recovery).</summary>
    void DeleteFrom(long fromSequence);

    /// <summary>Stores a snapshot durably.</summary>
    void SaveSnapshot(StoredSnapshot snapshot);

    /// <summary>Stored snapshots, newest first (recovery takes the newest intact one).</summary>
    IEnumerable<StoredSnapshot> SnapshotsNewestFirst();

    /// <summary>
    /// Drops journal records up to and including <paramref name="sequence"/> and snapshots older
    /// than it. Call only once a snapshot at or after <paramref name="sequence"/> is durable.
    /// </summary>
    void CompactThrough(long sequence);

    /// <summary>
    /// A second connection to the same storage, for the background checkpointer's thread: it reads
    /// the journal, saves snapshots and compacts while this instance keeps appending. Calling this
    /// hands background upkeep over to the returned instance (SQLite stops checkpointing its
    /// write-ahead log on the appending connection), so its <see cref="Maintain"/> must then be called
    /// regularly.
    /// </summary>
    IJournalStore OpenForBackground();

    /// <summary>Background upkeep, called regularly on the background instance (SQLite: a passive WAL checkpoint).</summary>
    void Maintain();
}
