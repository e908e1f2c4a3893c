using System.Collections.Concurrent;
using System.Diagnostics;
using OpenLine.Core;
using OpenLine.Server.Storage;

namespace OpenLine.Server.Sequencing;

/// <summary>
/// The single writer. One dedicated thread owns the <see cref="Exchange"/>; every command and
/// every read of engine state is a work item queued here and run on that thread, in arrival order.
/// <para>At start the thread first <b>recovers</b>: the newest intact snapshot, then the journal after it.</para>
/// Then, for each batch of items that arrive together (group commit):
/// <list type="number">
/// <item><b>sequence</b>: stamp each command with the clock's time and apply it to the engine;</item>
/// <item><b>project</b>: turn the result into an immutable response while the state is that of the command;</item>
/// <item><b>journal</b>: append the batch's commands in one transaction — one fsync — before anything below;</item>
/// <item><b>publish</b>: feed events to read models, complete the waiting requests and live-delay holds.</item>
/// </list>
/// When nothing is queued the thread sleeps until the engine's next due time (expiry, game
/// start, live release) and then applies an <see cref="AdvanceTime"/> command. If the journal
/// cannot be written the sequencer halts (fail-stop): nothing more is acknowledged.
/// <para>Snapshots are the <see cref="Checkpointer"/>'s business, on its own thread: every
/// <see cref="Checkpointer.SnapshotEvery"/> commands this thread only asks for one. At a clean
/// shutdown it writes the final one itself, so the next start replays nothing.</para>
/// </summary>
public sealed class Sequencer : IDisposable
{
    private const int MaxBatch = 1024;
    private const long MaxTimerWaitMilliseconds = 60 * 60 * 1000;

    private readonly IJournalStore _journal;
    private readonly ExchangeOptions _options;
    private readonly Checkpointer? _checkpointer;
    private readonly TimeProvider _time;
    private readonly ILogger<Sequencer> _logger;
    private readonly IReadOnlyList<IEventSink> _sinks;
    private readonly ConcurrentQueue<WorkItem> _queue = new();
    private readonly int _maxQueued;
    private int _queued;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<OrderOutcome>> _holds = new();

    // Resolved holds stay answerable for a while, for a request thread that asks after the release
    // (a slow client, a long GC): (hold, time resolved), oldest first; sequencer thread only.
    private readonly Queue<(ulong HoldId, long ResolvedAt)> _resolvedHolds = new();
    private const long ResolvedHoldRetentionMs = 60_000;
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private readonly ITimer _dueTimer;
    private readonly List<ExchangeEvent> _events = [];
    private readonly List<ExchangeEvent> _batchEvents = [];
    private readonly List<JournalRecord> _batchRecords = [];
    private readonly List<(WorkItem Item, object? Response, Exception? Error)> _completions = [];
    private readonly BinaryOutput _encoder = new(1024);
    private Exchange _engine = null!;
    private long _lastSnapshot;
    private volatile bool _stopping;
    private volatile string? _haltReason;

    /// <param name="checkpointer">Takes snapshots in the background; without one, a snapshot is taken only at shutdown.</param>
    /// <param name="maxQueued">Work items that may wait at once; beyond it a request is refused (<see cref="ExchangeBusyException"/>). 0: no bound.</param>
    public Sequencer(IJournalStore journal, ExchangeOptions options, TimeProvider time,
        IEnumerable<IEventSink> sinks, ILogger<Sequencer> logger, Checkpointer? checkpointer = null, int maxQueued = 0)
    {
        _maxQueued = maxQueued;
        _journal = journal;
        _options = options;
        _checkpointer = checkpointer;
        _time = time;
        _logger = logger;
        _sinks = [.. sinks];
        _dueTimer = time.CreateTimer(_ => _wake.Set(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _thread = new Thread(Run) { IsBackground = true, Name = "OpenLine sequencer" };
        _thread.Start();
    }

    /// <summary>Completes once the engine has been rebuilt from the store (or faults if it cannot be).</summary>
    public Task Recovered => _recovered.Task;

    /// <summary>Why the sequencer stopped taking commands, or null while it runs.</summary>
    public string? HaltReason => _haltReason;

    /// <summary>Applies <paramref name="command"/> and projects its result on the engine thread; completes once durable.</summary>
    public Task<T> ExecuteAsync<T>(Command command, Func<Exchange, CommandResult, T> project)
    {
        var item = new CommandItem<T>(command, project);
        Enqueue(item);
        return item.Completion.Task;
    }

    /// <summary>Runs a read-only <paramref name="query"/> against the engine state, in order with the commands.</summary>
    public Task<T> QueryAsync<T>(Func<Exchange, T> query)
    {
        var item = new QueryItem<T>(query);
        Enqueue(item);
        return item.Completion.Task;
    }

    /// <summary>
    /// The final outcome of an order held for the live delay (a place's or an edit's replacement).
    /// Holds are registered on the engine thread before the result is released, so no resolution can
    /// be missed, and a resolved hold stays answerable for a minute after its release.
    /// </summary>
    public Task<OrderOutcome> WaitForHoldAsync(ulong holdId) =>
        _holds.TryGetValue(holdId, out TaskCompletionSource<OrderOutcome>? tcs)
            ? tcs.Task
            : Task.FromException<OrderOutcome>(new InvalidOperationException($"Unknown hold {holdId}."));

    private void Enqueue(WorkItem item)
    {
        if (_haltReason is { } reason)
        {
            throw new ExchangeHaltedException(reason);
        }
        if (_stopping)
        {
            throw new ExchangeHaltedException("The exchange is shutting down.");
        }
        if (Interlocked.Increment(ref _queued) > _maxQueued && _maxQueued > 0)
        {
            Interlocked.Decrement(ref _queued);
            throw new ExchangeBusyException();
        }
        _queue.Enqueue(item);
        _wake.Set();
        if (_haltReason is not null || _stopping)
        {
            // Halted or stopped between the check above and the enqueue: the thread may already
            // have drained the queue for the last time, so fail what is left here.
            FailPending();
        }
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Run()
    {
        try
        {
            Recover();
            _checkpointer?.Start(_lastSnapshot);
            _recovered.SetResult();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "Recovery from {Store} failed", _journal.Description);
            Halt("The exchange could not recover its state: " + ex.Message);
            _recovered.SetException(ex);
            return;
        }
        while (!_stopping && _haltReason is null)
        {
            _wake.Wait();
            _wake.Reset();
            if (_stopping)
            {
                break;
            }
            try
            {
                RunBatch();
                ArmDueTimer();
            }
            catch (Exception ex)
            {
                // Nothing is expected to get here (work items, the journal and sinks have their own
                // handling). If something does, the engine may hold commands the journal does not:
                // stop rather than journal later commands on top of them (fail-stop).
                _logger.LogCritical(ex, "Sequencer batch failed; halting");
                Halt("The exchange stopped after an internal error; restart it to recover from its journal.");
                foreach ((WorkItem item, _, _) in _completions)
                {
                    item.Complete(null, new ExchangeHaltedException(_haltReason!, ex)); // never leave a request waiting (completion is idempotent)
                }
            }
        }
        FailPending();
    }

    // ---- Recovery -------------------------------------------------------------------------

    private void Recover()
    {
        var clock = Stopwatch.StartNew();
        (Exchange engine, _lastSnapshot) = JournalReplay.Restore(_journal, _sinks, _logger);
        long fromSnapshot = (long)engine.CommandCount;
        JournalRecord? torn = JournalReplay.Replay(_journal, engine, _sinks, _events, tornTailAllowed: true);
        if (torn is not null)
        {
            _logger.LogWarning("Discarding a torn last journal record {Sequence} (it was never acknowledged)", torn.Sequence);
            _journal.DeleteFrom(torn.Sequence);
        }
        _engine = engine;
        _logger.LogInformation("Recovered from {Store}: snapshot at command {Snapshot}, {Replayed} journaled commands replayed in {Elapsed} ms",
            _journal.Description, fromSnapshot, (long)engine.CommandCount - fromSnapshot, clock.ElapsedMilliseconds);

        if (!engine.Options.SameAs(_options))
        {
            _events.Clear();
            long now = NowMs;
            engine.Execute(new ConfigureExchange(_options), now, _events);
            _journal.Append([Record(new ConfigureExchange(_options), now)]);
        }
    }

    // ---- Batches --------------------------------------------------------------------------

    private void RunBatch()
    {
        _batchEvents.Clear();
        _batchRecords.Clear();
        _completions.Clear();
        int count = 0;
        while (count < MaxBatch && _haltReason is null && _queue.TryDequeue(out WorkItem? item))
        {
            Interlocked.Decrement(ref _queued);
            count++;
            Process(item);
        }
        if (!_queue.IsEmpty)
        {
            _wake.Set(); // more than one batch arrived; go round again
        }
        if (_haltReason is null && _engine.NextDueAt is { } due && due <= NowMs)
        {
            try
            {
                Apply(AdvanceTime.Instance, NowMs);
            }
            catch (Exception)
            {
                // logged and halted in Apply; the batch so far is still journaled and answered below
            }
        }

        if (_batchRecords.Count > 0)
        {
            try
            {
                _journal.Append(_batchRecords); // durable before anything is published
            }
            catch (Exception ex)
            {
                _logger.LogCritical(ex, "Journal append to {Store} failed; halting", _journal.Description);
                Halt("The exchange cannot write its journal and has stopped taking orders; restart it once storage is healthy.");
                foreach ((WorkItem item, _, _) in _completions)
                {
                    item.Complete(null, new ExchangeHaltedException(_haltReason!, ex));
                }
                return;
            }
        }
        Publish();
        MaybeSnapshot();
    }

    private void Process(WorkItem item)
    {
        try
        {
            object? response = item.Run(this);
            _completions.Add((item, response, null));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Work item {Item} failed on the engine thread", item);
            _completions.Add((item, null, ex));
        }
    }

    /// <summary>Sequence, apply and record one command (on the engine thread).</summary>
    private CommandResult Apply(Command command, long now)
    {
        // Encode first: a command the journal cannot carry is refused before it touches the state.
        _encoder.Clear();
        CommandCodec.Write(command, _encoder);
        byte[] payload = _encoder.ToArray();
        _events.Clear();
        CommandResult result;
        try
        {
            result = _engine.Execute(command, now, _events);
        }
        catch (Exception ex)
        {
            // An engine fault may leave its state half-changed, and this command is not journaled:
            // stop (fail-stop). What was applied before it is journaled and answered; a restart
            // rebuilds the state from the journal.
            _logger.LogCritical(ex, "The engine failed applying {Command}; halting", command.GetType().Name);
            Halt("The exchange stopped after an internal error; restart it to recover from its journal.");
            _events.Clear();
            throw;
        }
        _batchRecords.Add(JournalRecord.Create((long)_engine.CommandCount, now, payload));
        _batchEvents.AddRange(_events);
        switch (result)
        {
            case PlaceResult place:
                foreach (OrderOutcome outcome in place.Outcomes)
                {
                    RegisterHold(outcome);
                }
                break;
            case EditResult { Replacement: { } replacement }:
                RegisterHold(replacement);
                break;
        }
        return result;
    }

    private JournalRecord Record(Command command, long now)
    {
        _encoder.Clear();
        CommandCodec.Write(command, _encoder);
        return JournalRecord.Create((long)_engine.CommandCount, now, _encoder.ToArray());
    }

    private void RegisterHold(OrderOutcome outcome)
    {
        if (outcome is OrderHeld held)
        {
            _holds.TryAdd(held.HoldId, new TaskCompletionSource<OrderOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    private void PruneResolvedHolds()
    {
        long now = NowMs;
        while (_resolvedHolds.TryPeek(out (ulong HoldId, long ResolvedAt) oldest) && now - oldest.ResolvedAt > ResolvedHoldRetentionMs)
        {
            _resolvedHolds.Dequeue();
            _holds.TryRemove(oldest.HoldId, out _);
        }
    }

    private void Publish()
    {
        PruneResolvedHolds();
        if (_batchEvents.Count > 0)
        {
            foreach (IEventSink sink in _sinks)
            {
                try
                {
                    sink.Apply(_batchEvents);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Event sink {Sink} failed", sink.GetType().Name);
                }
            }
            foreach (ExchangeEvent e in _batchEvents)
            {
                if (e is HeldOrderResolved resolved && _holds.TryGetValue(resolved.HoldId, out TaskCompletionSource<OrderOutcome>? tcs))
                {
                    tcs.TrySetResult(resolved.Outcome);
                    _resolvedHolds.Enqueue((resolved.HoldId, NowMs));
                }
            }
        }
        foreach ((WorkItem item, object? response, Exception? error) in _completions)
        {
            item.Complete(response, error);
        }
    }

    // ---- Snapshots ------------------------------------------------------------------------

    private void MaybeSnapshot()
    {
        if (_haltReason is not null)
        {
            return; // after a fault the engine may be inconsistent: never snapshot it
        }
        // Called once the batch is durable, so every command up to the count is in the journal.
        if (_checkpointer is { SnapshotEvery: > 0 } checkpointer
            && (long)_engine.CommandCount - checkpointer.Requested >= checkpointer.SnapshotEvery)
        {
            checkpointer.Request((long)_engine.CommandCount);
        }
    }

    /// <summary>A snapshot of the live engine, on the calling thread: only at shutdown, when nothing runs any more.</summary>
    private void TakeSnapshot()
    {
        var clock = Stopwatch.StartNew();
        long previous = Math.Max(_lastSnapshot, _checkpointer?.LastSnapshot ?? 0);
        int bytes = ServerSnapshot.SaveAndCompact(_journal, _engine, _sinks.OfType<ISnapshottedSink>(), previous, saved =>
        {
            _lastSnapshot = saved;
            _checkpointer?.Saved(saved);
        });
        long sequence = (long)_engine.CommandCount;
        _logger.LogInformation("Snapshot at command {Sequence}: {Bytes} bytes in {Elapsed} ms", sequence, bytes, clock.ElapsedMilliseconds);
    }

    // ---- Timers, halting, shutdown --------------------------------------------------------

    private void ArmDueTimer()
    {
        if (_engine.NextDueAt is { } due)
        {
            // Timers take at most ~49 days; a game starting later is simply looked at again in an hour.
            long delay = Math.Clamp(due - NowMs, 0, MaxTimerWaitMilliseconds);
            _dueTimer.Change(TimeSpan.FromMilliseconds(delay), Timeout.InfiniteTimeSpan);
        }
        else
        {
            _dueTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Halt(string reason)
    {
        _haltReason ??= reason;
        _wake.Set();
    }

    private void FailPending()
    {
        var error = new ExchangeHaltedException(_haltReason ?? "The exchange is shutting down.");
        while (_queue.TryDequeue(out WorkItem? item))
        {
            Interlocked.Decrement(ref _queued);
            item.Complete(null, error);
        }
        foreach (TaskCompletionSource<OrderOutcome> hold in _holds.Values)
        {
            hold.TrySetException(error);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        bool stopped = _thread.Join(TimeSpan.FromSeconds(30));
        _dueTimer.Dispose();
        FailPending();
        _checkpointer?.Dispose(); // before the final snapshot: no two writers of snapshots at once
        if (!stopped)
        {
            // Still inside a batch: the engine is not ours to read. The journal has everything; the next start replays it.
            _logger.LogError("The sequencer did not stop within 30 s; no shutdown snapshot");
        }
        else if (_haltReason is null && _engine is not null && (long)_engine.CommandCount > Math.Max(_lastSnapshot, _checkpointer?.LastSnapshot ?? 0))
        {
            try
            {
                TakeSnapshot(); // clean shutdown: the next start needs no replay
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Shutdown snapshot failed; the journal keeps everything");
            }
        }
        _wake.Dispose();
    }

    // ---- Work items -----------------------------------------------------------------------

    private abstract class WorkItem
    {
        public abstract object? Run(Sequencer sequencer);
        public abstract void Complete(object? response, Exception? error);
    }

    private abstract class WorkItem<T> : WorkItem
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete(object? response, Exception? error)
        {
            if (error is null)
            {
                Completion.TrySetResult((T)response!);
            }
            else
            {
                Completion.TrySetException(error);
            }
        }
    }

    private sealed class CommandItem<T>(Command command, Func<Exchange, CommandResult, T> project) : WorkItem<T>
    {
        public override object? Run(Sequencer sequencer)
        {
            CommandResult result = sequencer.Apply(command, sequencer.NowMs);
            try
            {
                return project(sequencer._engine, result);
            }
            catch (Exception ex)
            {
                // The command is applied and will be journaled with the batch: say so, rather than a failure a client would retry.
                throw new CommandAppliedException(ToString(), ex);
            }
        }

        public override string ToString() => command.GetType().Name;
    }

    private sealed class QueryItem<T>(Func<Exchange, T> query) : WorkItem<T>
    {
        public override object? Run(Sequencer sequencer) => query(sequencer._engine);

        public override string ToString() => "query";
    }
}
