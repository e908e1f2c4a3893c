using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>
/// The whole machine's busy CPU time from <c>/proc/stat</c> (Linux; elsewhere unknown), so a report
/// can say how much of the machine other processes used while it measured: on a shared machine a
/// test run next door takes cores from both the client and the server.
/// </summary>
internal static class MachineCpu
{
    /// <summary>CPU seconds the machine has been busy (not idle, not waiting for I/O) since boot; null when unknown.</summary>
    public static double? BusySeconds()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks (USER_HZ, 100 on Linux).
            string? line = File.ReadLines("/proc/stat").FirstOrDefault();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }
            long[] fields = [.. line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture))];
            long busy = fields.Sum() - fields[3] - fields[4];
            return busy / 100.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
