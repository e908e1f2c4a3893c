using OpenLine.Server.Storage;

namespace OpenLine.Server.Tests.Simulation;

/// <summary>
/// The durable storage of a simulated machine: what survives a crash. Stores opened on it
/// (<see cref="SimulatedStore"/>) die with the machine (<see cref="Crash"/>); the next boot opens
/// new ones. Faults are armed by the simulation and drawn from its seeded random source.
/// <para>
/// <see cref="Archive"/> keeps every record that ever became durable, compaction notwithstanding,
/// so a check can replay the whole history from an empty engine.
/// </para>
/// </summary>
internal sealed class SimulatedDisk(Random random)
{
    private readonly Lock _gate = new();
    private readonly List<JournalRecord> _journal = [];
    private readonly SortedDictionary<long, StoredSnapshot> _snapshots = [];
    private readonly List<JournalRecord> _archive = [];
    private int _epoch;
    private bool _failNextAppend;

    /// <summary>Every record that became durable, in order (what a replay from empty must reproduce).</summary>
    public IReadOnlyList<JournalRecord> Archive
    {
        get
        {
            lock (_gate)
            {
                return [.. _archive];
            }
        }
    }

    public int JournalCount
    {
        get
        {
            lock (_gate)
            {
                return _journal.Count;
            }
        }
    }

    public int SnapshotCount
    {
        get
        {
            lock (_gate)
            {
                return _snapshots.Count;
            }
        }
    }

    /// <summary>What the last failed append left behind, for the failure report.</summary>
    public string? LastFault { get; private set; }

    public int Epoch
    {
        get
        {
            lock (_gate)
            {
                return _epoch;
            }
        }
    }

    /// <summary>The next append fails like a failed fsync: some prefix of its records may have reached the disk, the last of them torn.</summary>
    public void FailNextAppend()
    {
        lock (_gate)
        {
            _failNextAppend = true;
        }
    }

    /// <summary>Power off: every open store dies mid-call if need be; what is on the disk stays.</summary>
    public void Crash()
    {
        lock (_gate)
        {
            _epoch++;
            _failNextAppend = false;
        }
    }

    /// <summary>
    /// Flips a byte in the newest snapshot (bit rot), if there is one. Which snapshots exist depends
    /// on the checkpointer's timing, so the random draw is made either way: the seed's history must not.
    /// </summary>
    public bool CorruptNewestSnapshot()
    {
        lock (_gate)
        {
            int salt = random.Next();
            if (_snapshots.Count == 0)
            {
                return false;
            }
            StoredSnapshot newest = _snapshots.Values.Last();
            byte[] state = [.. newest.State];
            state[salt % state.Length] ^= 0x5A;
            _snapshots[newest.Sequence] = newest with { State = state };
            return true;
        }
    }

    public SimulatedStore Open() => new(this, Epoch);

    /// <summary>A broken disk, for the test that the checks catch it: records from <paramref name="sequence"/> on vanish.</summary>
    public void LoseRecordsFrom(long sequence)
    {
        lock (_gate)
        {
            DeleteFrom(sequence);
        }
    }

    // ---- Called by SimulatedStore, under the disk's lock ----------------------------------------

    internal T Use<T>(int epoch, Func<T> action)
    {
        lock (_gate)
        {
            if (epoch != _epoch)
            {
                throw new IOException("The simulated machine crashed.");
            }
            return action();
        }
    }

    internal void Append(IReadOnlyList<JournalRecord> records)
    {
        long last = _archive.Count > 0 ? _archive[^1].Sequence : 0;
        if (records.Count == 0 || records[0].Sequence != last + 1)
        {
            throw new InvalidOperationException($"Append out of order: after {last} came {(records.Count == 0 ? "nothing" : records[0].Sequence)}.");
        }
        if (_failNextAppend)
        {
            _failNextAppend = false;
            int kept = random.Next(records.Count + 1);
            bool torn = kept > 0 && random.Next(2) == 0;
            for (int i = 0; i < kept; i++)
            {
                JournalRecord record = records[i];
                if (torn && i == kept - 1)
                {
                    record = record with { Checksum = record.Checksum ^ 0x1 };
                }
                _journal.Add(record);
                _archive.Add(record);
            }
            LastFault = $"append of records {records[0].Sequence}–{records[^1].Sequence} failed; {kept} reached the disk{(torn ? ", the last one torn" : "")}";
            throw new IOException("Simulated fsync failure.");
        }
        _journal.AddRange(records);
        _archive.AddRange(records);
    }

    internal List<JournalRecord> ReadAfter(long after) => [.. _journal.Where(r => r.Sequence > after)];

    internal void DeleteFrom(long from)
    {
        _journal.RemoveAll(r => r.Sequence >= from);
        _archive.RemoveAll(r => r.Sequence >= from);
    }

    internal void SaveSnapshot(StoredSnapshot snapshot) => _snapshots[snapshot.Sequence] = snapshot;

    internal List<StoredSnapshot> SnapshotsNewestFirst() => [.. _snapshots.Values.Reverse()];

    internal void CompactThrough(long sequence)
    {
        _journal.RemoveAll(r => r.Sequence <= sequence);
        foreach (long old in _snapshots.Keys.Where(k => k < sequence).ToList())
        {
            _snapshots.Remove(old);
        }
    }
}

/// <summary>One connection to a <see cref="SimulatedDisk"/>; it dies when the machine crashes.</summary>
internal sealed class SimulatedStore(SimulatedDisk disk, int epoch) : IJournalStore
{
    public string Description => "simulated disk";

    public void Append(IReadOnlyList<JournalRecord> records) => disk.Use(epoch, () =>
    {
        disk.Append(records);
        return 0;
    });

    public IEnumerable<JournalRecord> ReadAfter(long afterSequence) => disk.Use(epoch, () => disk.ReadAfter(afterSequence));

    public void DeleteFrom(long fromSequence) => disk.Use(epoch, () =>
    {
        disk.DeleteFrom(fromSequence);
        return 0;
    });

    public void SaveSnapshot(StoredSnapshot snapshot) => disk.Use(epoch, () =>
    {
        disk.SaveSnapshot(snapshot);
        return 0;
    });

    public IEnumerable<StoredSnapshot> SnapshotsNewestFirst() => disk.Use(epoch, disk.SnapshotsNewestFirst);

    public void CompactThrough(long sequence) => disk.Use(epoch, () =>
    {
        disk.CompactThrough(sequence);
        return 0;
    });

    public IJournalStore OpenForBackground() => new SimulatedStore(disk, epoch);

    public void Maintain()
    {
    }

    public void Dispose()
    {
    }
}
