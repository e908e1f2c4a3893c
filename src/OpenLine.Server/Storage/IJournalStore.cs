namespace OpenLine.Server.Storage;

/// <summary>
/// The one small contract both stores fulfil. Called only from the sequencer thread (and at
/// start-up and shutdown), so implementations need no locking. Every write returns only once
/// it is durable.
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
}
