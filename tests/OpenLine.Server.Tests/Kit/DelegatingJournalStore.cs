using OpenLine.Server.Storage;

namespace OpenLine.Server.Tests.Kit;

/// <summary>A journal store that passes everything to a real one; fault-injecting test stores override what they disturb.</summary>
public abstract class DelegatingJournalStore(IJournalStore inner) : IJournalStore
{
    protected IJournalStore Inner { get; } = inner;

    public virtual string Description => Inner.Description;

    public virtual void Append(IReadOnlyList<JournalRecord> records) => Inner.Append(records);

    public IEnumerable<JournalRecord> ReadAfter(long afterSequence) => Inner.ReadAfter(afterSequence);

    public void DeleteFrom(long fromSequence) => Inner.DeleteFrom(fromSequence);

    public void SaveSnapshot(StoredSnapshot snapshot) => Inner.SaveSnapshot(snapshot);

    public IEnumerable<StoredSnapshot> SnapshotsNewestFirst() => Inner.SnapshotsNewestFirst();

    public virtual void CompactThrough(long sequence) => Inner.CompactThrough(sequence);

    public IJournalStore OpenForBackground() => Inner.OpenForBackground();

    public void Maintain() => Inner.Maintain();

    public void Dispose()
    {
        Inner.Dispose();
        GC.SuppressFinalize(this);
    }
}
