using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OpenLine.Core;
using OpenLine.Server.Sequencing;
using OpenLine.Server.Storage;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Storage;

/// <summary>The background checkpointer's bookkeeping when the store fails part-way through a checkpoint.</summary>
public sealed class CheckpointerTests : IDisposable
{
    private readonly DataDirectory _dataDir = new();

    public void Dispose() => _dataDir.Dispose();

    /// <summary>Compaction fails once; everything else passes through.</summary>
    private sealed class CompactionFailsOnce(IJournalStore inner) : DelegatingJournalStore(inner)
    {
        public int Compactions { get; private set; }

        public override void CompactThrough(long sequence)
        {
            if (++Compactions == 1)
            {
                throw new IOException("disk busy (injected)");
            }
            Inner.CompactThrough(sequence);
        }
    }

    [Fact]
    public void A_snapshot_saved_before_a_failed_compaction_counts_as_taken_and_the_previous_snapshot_is_kept()
    {
        Directory.CreateDirectory(_dataDir);
        using var store = new SqliteJournalStore(Path.Combine(_dataDir, "openline.db"));
        byte[] advance = CommandCodec.Encode(AdvanceTime.Instance);
        store.Append([.. Enumerable.Range(1, 10).Select(i => JournalRecord.Create(i, 1_000 * i, advance))]);
        var engine = new Exchange();
        for (int i = 1; i <= 4; i++)
        {
            engine.Execute(AdvanceTime.Instance, 1_000 * i, []);
        }
        store.SaveSnapshot(StoredSnapshot.Create(4, ServerSnapshot.Compose(engine, [])));
        var background = new CompactionFailsOnce(store.OpenForBackground());
        using var checkpointer = new Checkpointer(snapshotEvery: 4, () => background, () => [], NullLogger.Instance);
        checkpointer.Start(lastSnapshot: 4);

        checkpointer.Request(8);
        var clock = Stopwatch.StartNew();
        while (background.Compactions == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }

        // The snapshot at 8 is durable, so it counts (no retry that would redo it and compact through 8),
        // and the one at 4 with the journal since it is still there: one bad snapshot never loses data.
        Assert.Equal(1, background.Compactions);
        Assert.Equal(8, checkpointer.LastSnapshot);
        Assert.Equal([8L, 4L], store.SnapshotsNewestFirst().Select(s => s.Sequence));
        Assert.Equal(10, store.ReadAfter(0).Count());
    }
}
