using System.Collections.Concurrent;
using OpenLine.Core;

namespace OpenLine.Server.Sequencing;

/// <summary>
/// The single writer. One dedicated thread owns the <see cref="Exchange"/>; every command and
/// every read of engine state is a work item queued here and run on that thread, in arrival order.
/// The pipeline for each batch of items that arrive together:
/// <list type="number">
/// <item><b>sequence</b>: stamp each command with the clock's time and apply it to the engine;</item>
/// <item><b>project</b>: turn the result into an immutable response while the state is that of the command;</item>
/// <item><b>journal</b>: (step 2) make the batch's commands durable with one fsync — before anything below;</item>
/// <item><b>publish</b>: feed events to read models, complete the waiting requests and live-delay holds.</item>
/// </list>
/// When nothing is queued the thread sleeps until the engine's next due time (expiry, game
/// start, live release) and then applies an <see cref="AdvanceTime"/> command.
/// </summary>
public sealed class Sequencer : IDisposable
{
    private const int MaxBatch = 1024;
    private const long MaxTimerWaitMilliseconds = 60 * 60 * 1000;

    private readonly Exchange _engine;
    private readonly TimeProvider _time;
    private readonly ILogger<Sequencer> _logger;
    private readonly IReadOnlyList<IEventSink> _sinks;
    private readonly ConcurrentQueue<WorkItem> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<OrderOutcome>> _holds = new();
    private readonly Thread _thread;
    private readonly ITimer _dueTimer;
    private readonly List<ExchangeEvent> _events = [];
    private readonly List<ExchangeEvent> _batchEvents = [];
    private readonly List<(WorkItem Item, object? Response, Exception? Error)> _completions = [];
    private volatile bool _stopping;

    public Sequencer(Exchange engine, TimeProvider time, IEnumerable<IEventSink> sinks, ILogger<Sequencer> logger)
    {
        _engine = engine;
        _time = time;
        _logger = logger;
        _sinks = [.. sinks];
        _dueTimer = time.CreateTimer(_ => _wake.Set(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _thread = new Thread(Run) { IsBackground = true, Name = "OpenLine sequencer" };
        _thread.Start();
    }

    /// <summary>Applies <paramref name="command"/> and projects its result on the engine thread.</summary>
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
    /// The final outcome of an order held for the live delay. Holds are registered on the engine
    /// thread before the place result is released, so no resolution can be missed.
    /// </summary>
    public Task<OrderOutcome> WaitForHoldAsync(ulong holdId) =>
        _holds.TryGetValue(holdId, out TaskCompletionSource<OrderOutcome>? tcs)
            ? tcs.Task
            : Task.FromException<OrderOutcome>(new InvalidOperationException($"Unknown hold {holdId}."));

    private void Enqueue(WorkItem item)
    {
        if (_stopping)
        {
            throw new ObjectDisposedException(nameof(Sequencer), "The exchange is shutting down.");
        }
        _queue.Enqueue(item);
        _wake.Set();
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Run()
    {
        while (!_stopping)
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
                _logger.LogCritical(ex, "Sequencer batch failed");
            }
        }
    }

    private void RunBatch()
    {
        _batchEvents.Clear();
        _completions.Clear();
        int count = 0;
        while (count < MaxBatch && _queue.TryDequeue(out WorkItem? item))
        {
            count++;
            Process(item);
        }
        if (_queue.IsEmpty is false)
        {
            _wake.Set(); // more than one batch arrived; go round again
        }
        if (_engine.NextDueAt is { } due && due <= NowMs)
        {
            _events.Clear();
            _engine.Execute(AdvanceTime.Instance, NowMs, _events);
            _batchEvents.AddRange(_events);
        }

        // journal: step 2 appends this batch's commands and fsyncs here, before anything is published.

        Publish();
    }

    private void Process(WorkItem item)
    {
        _events.Clear();
        try
        {
            object? response = item.Run(_engine, NowMs, _events, RegisterHolds);
            _completions.Add((item, response, null));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Work item {Item} failed on the engine thread", item);
            _completions.Add((item, null, ex));
        }
        _batchEvents.AddRange(_events);
    }

    private void RegisterHolds(CommandResult result)
    {
        if (result is PlaceResult place)
        {
            foreach (OrderOutcome outcome in place.Outcomes)
            {
                if (outcome is OrderHeld held)
                {
                    _holds.TryAdd(held.HoldId, new TaskCompletionSource<OrderOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
                }
            }
        }
    }

    private void Publish()
    {
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
                if (e is HeldOrderResolved resolved && _holds.TryRemove(resolved.HoldId, out TaskCompletionSource<OrderOutcome>? tcs))
                {
                    tcs.TrySetResult(resolved.Outcome);
                }
            }
        }
        foreach ((WorkItem item, object? response, Exception? error) in _completions)
        {
            item.Complete(response, error);
        }
    }

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

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join(TimeSpan.FromSeconds(10));
        _dueTimer.Dispose();
        while (_queue.TryDequeue(out WorkItem? item))
        {
            item.Complete(null, new ObjectDisposedException(nameof(Sequencer), "The exchange is shutting down."));
        }
        foreach (TaskCompletionSource<OrderOutcome> hold in _holds.Values)
        {
            hold.TrySetException(new ObjectDisposedException(nameof(Sequencer), "The exchange is shutting down."));
        }
        _wake.Dispose();
    }

    private abstract class WorkItem
    {
        public abstract object? Run(Exchange engine, long now, List<ExchangeEvent> events, Action<CommandResult> onResult);
        public abstract void Complete(object? response, Exception? error);
    }

    private sealed class CommandItem<T>(Command command, Func<Exchange, CommandResult, T> project) : WorkItem
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override object? Run(Exchange engine, long now, List<ExchangeEvent> events, Action<CommandResult> onResult)
        {
            CommandResult result = engine.Execute(command, now, events);
            onResult(result);
            return project(engine, result);
        }

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

        public override string ToString() => command.GetType().Name;
    }

    private sealed class QueryItem<T>(Func<Exchange, T> query) : WorkItem
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override object? Run(Exchange engine, long now, List<ExchangeEvent> events, Action<CommandResult> onResult) => query(engine);

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

        public override string ToString() => "query";
    }
}
