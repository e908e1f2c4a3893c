using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace OpenLine.LoadGen;

/// <summary>
/// The open-loop schedule: request <i>k</i> is due at begin + k / rate, whatever the replies do.
/// A dedicated thread wakes every <c>periodMicros</c> (default 100 µs; <c>nanosleep</c> on Linux,
/// elsewhere at least every millisecond) and releases every request due by then as a ticket carrying its due time; idle connections take
/// tickets, and latency is counted from the due time, so a server that falls behind is charged for
/// the wait (no coordinated omission, as in wrk2). The release delay this adds (the wake-up period
/// plus scheduling) is part of the reported latency; the report also shows the service time. A
/// longer period releases requests in clumps (1,000 µs: up to a millisecond's worth at once, as
/// wrk2's millisecond timers do), which a group-committing server handles more cheaply than
/// requests arriving one by one.
/// </summary>
internal sealed class Pacer
{
    private readonly Channel<long> _tickets = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Thread _thread;
    private readonly long _begin;
    private readonly long _stopAt;
    private readonly double _ticksPerRequest;
    private readonly CancellationToken _cancellationToken;
    private readonly long _periodNanos;
    private long _issued;

    public Pacer(double rate, long begin, long stopAt, int periodMicros, CancellationToken cancellationToken)
    {
        _periodNanos = periodMicros * 1000L;
        _begin = begin;
        _stopAt = stopAt;
        _ticksPerRequest = Stopwatch.Frequency / rate;
        _cancellationToken = cancellationToken;
        _thread = new Thread(Run) { IsBackground = true, Name = "LoadGen pacer" };
    }

    public ChannelReader<long> Tickets => _tickets.Reader;

    /// <summary>Requests released so far (due before the end of the run).</summary>
    public long Issued => Volatile.Read(ref _issued);

    public void Start() => _thread.Start();

    private void Run()
    {
        long k = 0;
        while (!_cancellationToken.IsCancellationRequested)
        {
            long now = Stopwatch.GetTimestamp();
            long due;
            while ((due = _begin + (long)(k * _ticksPerRequest)) <= now && due < _stopAt)
            {
                _tickets.Writer.TryWrite(due);
                k++;
            }
            Volatile.Write(ref _issued, k);
            if (due >= _stopAt)
            {
                break;
            }
            Nap();
        }
        _tickets.Writer.TryComplete();
    }

    private void Nap()
    {
        if (OperatingSystem.IsLinux())
        {
            var request = new Timespec { Seconds = _periodNanos / 1_000_000_000, Nanoseconds = _periodNanos % 1_000_000_000 };
            _ = nanosleep(ref request, IntPtr.Zero);
        }
        else
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _periodNanos / 100)));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // Thread.Sleep takes whole milliseconds; the schedule wants finer steps (a wake-up costs a few µs of CPU).
    [DllImport("libc", EntryPoint = "nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int nanosleep(ref Timespec request, IntPtr remaining);
}
