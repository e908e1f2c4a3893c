using System.Diagnostics;
using System.Threading.Channels;

namespace OpenLine.LoadGen;

/// <summary>
/// The open-loop schedule: request <i>k</i> is due at begin + k / rate, whatever the replies do.
/// A dedicated thread wakes every millisecond (Linux sleeps are ~1.06 ms) and releases every
/// request due by then as a ticket carrying its due time; idle connections take tickets, and
/// latency is counted from the due time, so a server that falls behind is charged for the wait
/// (no coordinated omission, as in wrk2). The price is up to ~1 ms of release delay, which the
/// report shows separately as the gap between latency and service time.
/// </summary>
internal sealed class Pacer
{
    private readonly Channel<long> _tickets = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Thread _thread;
    private readonly long _begin;
    private readonly long _stopAt;
    private readonly double _ticksPerRequest;
    private readonly CancellationToken _cancellationToken;
    private long _issued;

    public Pacer(double rate, long begin, long stopAt, CancellationToken cancellationToken)
    {
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
            Thread.Sleep(1);
        }
        _tickets.Writer.TryComplete();
    }
}
