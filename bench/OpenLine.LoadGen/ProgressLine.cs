using System.Diagnostics;
using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>
/// The live progress line, once a second: elapsed time, and over the measured window so far the
/// orders (or requests) per second, the p99 latency and the unexpected errors. On a terminal it is
/// one line rewritten in place (on stderr, so stdout stays a clean report); otherwise a plain line
/// every 5 seconds.
/// </summary>
internal sealed class ProgressLine(string label, LiveStats live, long begin, long measureFrom, long stopAt, string mode, bool countsOrders)
{
    private readonly bool _inPlace = mode == "on" || !Console.IsErrorRedirected;

    public async Task RunAsync(Task run)
    {
        if (mode == "off")
        {
            await run.ConfigureAwait(false);
            return;
        }
        int tick = 0;
        while (await Task.WhenAny(run, Task.Delay(1000)).ConfigureAwait(false) != run)
        {
            if (++tick % (_inPlace ? 1 : 5) == 0)
            {
                Write(Text());
            }
        }
        if (_inPlace)
        {
            Console.Error.Write("\r\u001b[2K");
        }
    }

    private string Text()
    {
        long now = Stopwatch.GetTimestamp();
        double elapsed = Stopwatch.GetElapsedTime(begin, now).TotalSeconds;
        double total = Stopwatch.GetElapsedTime(begin, stopAt).TotalSeconds;
        if (now < measureFrom)
        {
            return string.Create(CultureInfo.InvariantCulture, $"  [{label}] {elapsed,5:0.0}/{total:0} s  warming up");
        }
        double measured = Math.Max(Stopwatch.GetElapsedTime(measureFrom, now).TotalSeconds, 1e-3);
        double rate = (countsOrders ? live.Orders : live.Requests) / measured;
        return string.Create(CultureInfo.InvariantCulture,
            $"  [{label}] {elapsed,5:0.0}/{total:0} s  {rate,9:N0} {(countsOrders ? "orders/s" : "req/s")}  p99 {live.Latency.PercentileMs(0.99),6:0.00} ms  errors {live.Errors:N0}");
    }

    private void Write(string text)
    {
        if (_inPlace)
        {
            Console.Error.Write("\r\u001b[2K" + text);
        }
        else
        {
            Console.Error.WriteLine(text);
        }
    }
}
