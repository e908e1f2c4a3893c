using System.Diagnostics;
using OpenLine.Core;
using OpenLine.Server.Storage;

namespace OpenLine.Server.Sequencing;

/// <summary>
/// Takes snapshots on a background thread, so the sequencer never stops for one. Writing a
/// snapshot of the live engine would need the engine to stand still while it is serialised (over a
/// second for a few hundred thousand orders); instead this thread rebuilds the same state on its
/// own: the newest snapshot, plus the journal up to the sequence it was asked for — the engine is
/// deterministic, so that is exactly the state the sequencer had after that command — and saves a
/// snapshot of that, through its own connection to the store. Then it compacts: the journal up to
/// the previous snapshot and older snapshots go, so one bad snapshot still never loses data.
/// <para>
/// Each checkpoint also proves the previous snapshot readable. The cost is a second copy of the
/// state in memory while a checkpoint runs, and CPU on another core. It also runs the store's
/// upkeep (<see cref="IJournalStore.Maintain"/>: SQLite's WAL checkpoints) about once a second.
/// </para>
/// </summary>
public sealed class Checkpointer : IDisposable
{
    private static readonly TimeSpan MaintainEvery = TimeSpan.FromSeconds(1);

    private readonly Func<IJournalStore> _openStore;
    private readonly Func<IReadOnlyList<ISnapshottedSink>> _newSinks;
    private readonly ILogger _logger;
    private readonly AutoResetEvent _wake = new(false);
    private readonly List<ExchangeEvent> _events = [];
    private Thread? _thread;
    private IJournalStore? _store;
    private long _requested;
    private long _lastSnapshot;
    private int _completed;
    private int _failures;
    private long _nextAttempt;
    private volatile bool _stopping;

    /// <param name="snapshotEvery">Commands between snapshots (0: only at shutdown).</param>
    /// <param name="openStore">Opens the checkpointer's own connection to the store (called once, on start).</param>
    /// <param name="newSinks">Fresh, unconnected instances of the read models whose state goes into snapshots.</param>
    public Checkpointer(long snapshotEvery, Func<IJournalStore> openStore, Func<IReadOnlyList<ISnapshottedSink>> newSinks, ILogger logger)
    {
        SnapshotEvery = snapshotEvery;
        _openStore = openStore;
        _newSinks = newSinks;
        _logger = logger;
    }

    public long SnapshotEvery { get; }

    /// <summary>The sequence of the newest snapshot known to be durable.</summary>
    public long LastSnapshot => Interlocked.Read(ref _lastSnapshot);

    /// <summary>The sequence the newest request asked for.</summary>
    public long Requested => Interlocked.Read(ref _requested);

    /// <summary>How many checkpoints have completed since start (for tests and diagnostics).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Starts the thread once recovery is done, knowing the snapshot recovery started from.</summary>
    public void Start(long lastSnapshot)
    {
        Interlocked.Exchange(ref _lastSnapshot, lastSnapshot);
        Interlocked.Exchange(ref _requested, lastSnapshot);
        _store = _openStore();
        _thread = new Thread(Run) { IsBackground = true, Name = "OpenLine checkpointer", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Asks for a snapshot after command <paramref name="sequence"/>, which must be durable in the journal. Never blocks.</summary>
    public void Request(long sequence)
    {
        long seen = Interlocked.Read(ref _requested);
        while (sequence > seen)
        {
            long previous = Interlocked.CompareExchange(ref _requested, sequence, seen);
            if (previous == seen)
            {
                _wake.Set();
                return;
            }
            seen = previous;
        }
    }

    /// <summary>Records a snapshot the sequencer took itself (at shutdown).</summary>
    public void Saved(long sequence)
    {
        Interlocked.Exchange(ref _lastSnapshot, Math.Max(sequence, LastSnapshot));
    }

    private void Run()
    {
        IJournalStore store = _store!;
        while (!_stopping)
        {
            _wake.WaitOne(MaintainEvery);
            if (_stopping)
            {
                break;
            }
            try
            {
                store.Maintain();
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Background upkeep of {Store} failed; trying again later", store.Description);
            }
            long target = Requested;
            if (target > LastSnapshot && !BackingOff())
            {
                try
                {
                    Checkpoint(store, target);
                    _failures = 0;
                }
                catch (OperationCanceledException)
                {
                    break; // stopping
                }
                catch (Exception ex)
                {
                    // A failed checkpoint loses nothing: the journal still holds every command.
                    _failures++;
                    _nextAttempt = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * Math.Min(60, 1L << Math.Min(_failures, 6)));
                    _logger.LogError(ex, "Snapshot at command {Sequence} failed ({Failures} in a row); the journal keeps everything", target, _failures);
                }
            }
        }
    }

    private bool BackingOff() => _failures > 0 && Stopwatch.GetTimestamp() < _nextAttempt;

    private void Checkpoint(IJournalStore store, long target)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ISnapshottedSink> sinks = _newSinks();
        (Exchange engine, long from) = JournalReplay.Restore(store, sinks, _logger);
        if (from >= target)
        {
            Interlocked.Exchange(ref _lastSnapshot, Math.Max(from, LastSnapshot)); // already there (say, saved before a failed compaction)
            return;
        }
        long loaded = clock.ElapsedMilliseconds;
        // Strict: a torn or missing record up to the target is a fault here (the target was durable when asked for).
        JournalReplay.Replay(store, engine, sinks, _events, through: target, stopping: () => _stopping);
        // Durable once saved: a compaction that fails after it must not make the next attempt redo the snapshot.
        int bytes = ServerSnapshot.SaveAndCompact(store, engine, sinks, previous: from, saved => Interlocked.Exchange(ref _lastSnapshot, saved));
        Interlocked.Increment(ref _completed);
        _logger.LogInformation(
            "Snapshot at command {Sequence}: {Bytes} bytes in {Elapsed} ms off the sequencer ({Loaded} ms loading the one at {From}, {Replayed} commands replayed)",
            target, bytes, clock.ElapsedMilliseconds, loaded, from, target - from);
    }

    /// <summary>Stops the thread; a checkpoint under way is abandoned (the journal keeps everything).</summary>
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread?.Join(TimeSpan.FromSeconds(30));
        _store?.Dispose();
        _wake.Dispose();
    }
}
