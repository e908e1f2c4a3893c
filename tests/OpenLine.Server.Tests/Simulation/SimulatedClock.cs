namespace OpenLine.Server.Tests.Simulation;

/// <summary>
/// Time that only the simulation moves. Timers (the sequencer's wake-up for the engine's next due
/// time) fire on the thread that calls <see cref="Advance"/>, when their due time is reached.
/// </summary>
internal sealed class SimulatedClock(long startMs) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<SimulatedTimer> _timers = [];
    private long _nowMs = startMs;

    public long NowMs => Volatile.Read(ref _nowMs);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SimulatedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(long milliseconds)
    {
        Volatile.Write(ref _nowMs, NowMs + milliseconds);
        List<SimulatedTimer> due;
        lock (_gate)
        {
            due = [.. _timers.Where(t => t.DueAt <= NowMs)];
            foreach (SimulatedTimer timer in due)
            {
                timer.DueAt = long.MaxValue; // one-shot, as the sequencer uses them
            }
        }
        foreach (SimulatedTimer timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class SimulatedTimer(SimulatedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; set; } = long.MaxValue;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool fireNow;
            lock (clock._gate)
            {
                long due = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : clock.NowMs + (long)dueTime.TotalMilliseconds;
                fireNow = due <= clock.NowMs;
                DueAt = fireNow ? long.MaxValue : due;
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }
            }
            if (fireNow)
            {
                Fire();
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
