using OpenLine.Server.Storage;

namespace OpenLine.Server.Tests.Storage;

/// <summary>
/// What every journal store must do, run once per store (SQLite, PostgreSQL): the same tests,
/// one subclass each, in the manner of exchange-core's and Npgsql's contract base classes.
/// </summary>
public abstract class JournalStoreContract : IDisposable
{
    private readonly List<IJournalStore> _opened = [];

    /// <summary>A store over fresh, empty storage; a second call with the same key reopens the same storage.</summary>
    protected abstract IJournalStore Open(string key);

    protected IJournalStore OpenTracked(string key)
    {
        IJournalStore store = Open(key);
        _opened.Add(store);
        return store;
    }

    private static JournalRecord Record(long sequence, int size = 16) =>
        JournalRecord.Create(sequence, 1_800_000_000_000 + sequence, Enumerable.Range(0, size).Select(i => (byte)(i * 7 + sequence)).ToArray());

    [Fact]
    public void Appended_records_read_back_in_order_and_intact()
    {
        IJournalStore store = OpenTracked("a");
        store.Append([Record(1), Record(2)]);
        store.Append([Record(3, size: 70_000)]);

        JournalRecord[] read = store.ReadAfter(0).ToArray();

        Assert.Equal([1L, 2L, 3L], read.Select(r => r.Sequence));
        Assert.All(read, r => Assert.True(r.IsIntact));
        Assert.Equal(Record(3, size: 70_000).Payload, read[2].Payload);
        Assert.Equal(Record(2).At, read[1].At);
    }

    [Fact]
    public void Reading_after_a_sequence_skips_everything_up_to_it()
    {
        IJournalStore store = OpenTracked("a");
        store.Append([.. Enumerable.Range(1, 10).Select(i => Record(i))]);

        Assert.Equal([8L, 9L, 10L], store.ReadAfter(7).Select(r => r.Sequence));
        Assert.Empty(store.ReadAfter(10));
    }

    [Fact]
    public void A_batch_is_all_or_nothing()
    {
        IJournalStore store = OpenTracked("a");
        store.Append([Record(1), Record(2)]);

        Assert.ThrowsAny<Exception>(() => store.Append([Record(3), Record(2)])); // 2 again: the batch must not half-land

        Assert.Equal([1L, 2L], store.ReadAfter(0).Select(r => r.Sequence));
    }

    [Fact]
    public void Records_survive_closing_and_reopening_the_store()
    {
        IJournalStore first = Open("shared");
        first.Append([Record(1), Record(2)]);
        first.SaveSnapshot(StoredSnapshot.Create(2, [1, 2, 3]));
        first.Dispose();

        IJournalStore second = OpenTracked("shared");

        Assert.Equal([1L, 2L], second.ReadAfter(0).Select(r => r.Sequence));
        StoredSnapshot snapshot = Assert.Single(second.SnapshotsNewestFirst());
        Assert.True(snapshot.IsIntact);
        Assert.Equal([1, 2, 3], snapshot.State);
    }

    [Fact]
    public void Deleting_from_a_sequence_removes_the_tail_only()
    {
        IJournalStore store = OpenTracked("a");
        store.Append([.. Enumerable.Range(1, 5).Select(i => Record(i))]);

        store.DeleteFrom(4);

        Assert.Equal([1L, 2L, 3L], store.ReadAfter(0).Select(r => r.Sequence));
    }

    [Fact]
    public void Snapshots_list_newest_first_and_compaction_keeps_what_follows_the_given_sequence()
    {
        IJournalStore store = OpenTracked("a");
        store.Append([.. Enumerable.Range(1, 30).Select(i => Record(i))]);
        store.SaveSnapshot(StoredSnapshot.Create(10, [10]));
        store.SaveSnapshot(StoredSnapshot.Create(20, [20]));
        store.SaveSnapshot(StoredSnapshot.Create(30, [30]));

        store.CompactThrough(20);

        Assert.Equal([30L, 20L], store.SnapshotsNewestFirst().Select(s => s.Sequence));
        Assert.Equal(21L, store.ReadAfter(0).First().Sequence);
        Assert.Equal(10, store.ReadAfter(0).Count());
    }

    [Fact]
    public void A_background_connection_snapshots_and_compacts_while_the_first_keeps_appending()
    {
        IJournalStore store = OpenTracked("a");
        store.Append([.. Enumerable.Range(1, 2_500).Select(i => Record(i))]);
        store.SaveSnapshot(StoredSnapshot.Create(1_000, [1]));
        IJournalStore background = store.OpenForBackground();
        _opened.Add(background);

        Assert.Equal(2_500, background.ReadAfter(0).Count()); // it sees what the first one committed
        background.SaveSnapshot(StoredSnapshot.Create(2_500, [2, 5]));
        store.Append([Record(2_501)]); // between the background's writes
        background.CompactThrough(1_000);
        store.Append([Record(2_502)]);
        background.Maintain();
        store.Append([Record(2_503)]);

        Assert.Equal([2_500L, 1_000L], store.SnapshotsNewestFirst().Select(s => s.Sequence));
        Assert.Equal([2, 5], store.SnapshotsNewestFirst().First().State);
        Assert.Equal(Enumerable.Range(1_001, 1_503).Select(i => (long)i), store.ReadAfter(0).Select(r => r.Sequence));
        Assert.All(background.ReadAfter(2_499), r => Assert.True(r.IsIntact));
    }

    [Fact]
    public void What_was_written_through_both_connections_survives_reopening()
    {
        IJournalStore first = Open("shared");
        IJournalStore background = first.OpenForBackground();
        first.Append([.. Enumerable.Range(1, 20).Select(i => Record(i))]);
        background.SaveSnapshot(StoredSnapshot.Create(10, [10]));
        background.Maintain();
        first.Append([Record(21)]);
        background.Dispose();
        first.Dispose();

        IJournalStore reopened = OpenTracked("shared");

        Assert.Equal(21, reopened.ReadAfter(0).Count());
        Assert.Equal(10L, Assert.Single(reopened.SnapshotsNewestFirst()).Sequence);
    }

    [Fact]
    public void A_tampered_record_is_detected_by_its_checksum()
    {
        JournalRecord record = Record(5);
        JournalRecord tampered = record with { Payload = [.. record.Payload.Take(record.Payload.Length - 1), 0xFF] };

        Assert.True(record.IsIntact);
        Assert.False(tampered.IsIntact);
        Assert.False((record with { Sequence = 6 }).IsIntact);
    }

    public void Dispose()
    {
        foreach (IJournalStore store in _opened)
        {
            store.Dispose();
        }
        Cleanup();
        GC.SuppressFinalize(this);
    }

    protected virtual void Cleanup()
    {
    }
}
