using System.Globalization;
using System.Text.RegularExpressions;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// The game-start window of <c>getGraded</c> and <c>getGradedWagers</c> (API §3.3), in Unix ms:
/// <see cref="Start"/> inclusive (null: the whole history), <see cref="End"/> exclusive.
/// </summary>
public readonly partial record struct GradedWindow(long? Start, long End)
{
    /// <summary>The widest explicit window (API §3.3 [CORE-OAS]); wider is a 400, never a silent truncation.</summary>
    public static readonly TimeSpan MaxWidth = TimeSpan.FromDays(35);

    public bool Contains(long gameStart) => (Start is null || gameStart >= Start) && gameStart < End;

    /// <summary>
    /// Reads <c>startDate</c> and <c>endDate</c>. Dates are ISO 8601 (a date, or a date and time; no
    /// offset means UTC); <c>endDate</c> defaults to <paramref name="now"/>. With
    /// <paramref name="acceptLegacyDates"/> (<c>getGradedWagers</c>, API §3.3 "accept both date
    /// formats") a date may also be <c>MM-DD-YYYY</c>: a start date then begins at 00:00 UTC of the
    /// day before (API §3.3: "startDate=06-22-2022 ⇒ games after 06-21-2022 00:00 GMT"), an end date
    /// takes in its whole day, and a window with such a date has no 35-day cap (the legacy description
    /// has none). Otherwise an explicit <c>startDate</c> more than 35 days before the end is refused.
    /// A legacy day whose bound falls outside 0001-01-01 … 9999-12-31 UTC is refused too.
    /// </summary>
    public static bool TryRead(string? startText, string? endText, long now, bool acceptLegacyDates,
        out GradedWindow window, out string? error)
    {
        window = default;
        string formats = acceptLegacyDates ? "ISO 8601 (e.g. 2026-08-01T00:00:00.000Z) or MM-DD-YYYY" : "ISO 8601, e.g. 2026-08-01T00:00:00.000Z";
        long? start = null;
        bool legacy = false;
        if (startText is not null)
        {
            DateRead read = TryReadDate(startText, acceptLegacyDates, endOfDay: false, out long value, out bool isLegacy);
            if (read != DateRead.Ok)
            {
                error = Problem("startDate", startText, read, formats);
                return false;
            }
            start = value;
            legacy = isLegacy;
        }
        long end = now;
        if (endText is not null)
        {
            DateRead read = TryReadDate(endText, acceptLegacyDates, endOfDay: true, out end, out bool isLegacy);
            if (read != DateRead.Ok)
            {
                error = Problem("endDate", endText, read, formats);
                return false;
            }
            legacy |= isLegacy;
        }
        if (start is { } from)
        {
            if (end < from)
            {
                error = "endDate is before startDate.";
                return false;
            }
            if (!legacy && end - from > (long)MaxWidth.TotalMilliseconds)
            {
                error = "The window from startDate to endDate is wider than 35 days. Narrow it, or omit startDate for your full history.";
                return false;
            }
        }
        window = new GradedWindow(start, end);
        error = null;
        return true;
    }

    /// <summary>An ISO 8601 instant (<c>since</c> of <c>getGradedSince</c>), in Unix ms (sub-millisecond digits are dropped).</summary>
    public static bool TryReadInstant(string text, out long unixMs) =>
        TryReadDate(text, acceptLegacy: false, endOfDay: false, out unixMs, out _) == DateRead.Ok;

    /// <summary>
    /// An optional ISO 8601 argument (the operator's <c>from</c>/<c>to</c>) by <see cref="TryReadInstant"/>'s strict
    /// rules (no offset means UTC; never <c>06/22/2022</c> or <c>June 22</c>): null when absent, a clear error when malformed.
    /// </summary>
    public static bool TryReadOptionalInstant(RequestArgs args, string name, out long? unixMs, out string? error)
    {
        unixMs = null;
        error = null;
        if (args.GetString(name) is not { } text)
        {
            return true;
        }
        if (!TryReadInstant(text, out long parsed))
        {
            error = $"{name} must be an ISO 8601 date and time, e.g. 2026-12-01T00:00:00Z.";
            return false;
        }
        unixMs = parsed;
        return true;
    }

    private enum DateRead
    {
        Ok,
        Unreadable,

        /// <summary>A legacy day whose window bound falls outside 0001-01-01 … 9999-12-31 (UTC).</summary>
        OutOfRange,
    }

    private static string Problem(string name, string text, DateRead read, string formats) => read == DateRead.OutOfRange
        ? $"{name} '{text}' is out of range: the window it gives must lie within 0001-01-01 and 9999-12-31 UTC."
        : $"Invalid {name} '{text}': use {formats}.";

    private static DateRead TryReadDate(string text, bool acceptLegacy, bool endOfDay, out long unixMs, out bool legacy)
    {
        unixMs = 0;
        legacy = false;
        text = text.Trim();
        if (acceptLegacy && LegacyDate().IsMatch(text))
        {
            if (!DateTime.TryParseExact(text, "MM-dd-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
            {
                return DateRead.Unreadable;
            }
            legacy = true;
            // API §3.3 [DOCS]: "startDate=06-22-2022 ⇒ games after 06-21-2022 00:00 GMT", so a start day opens
            // the window at 00:00 UTC of the previous day (inclusive); an end day is included whole (to the next 00:00).
            if (!TryMidnightAfter(day, endOfDay ? 1 : -1, out DateTimeOffset bound))
            {
                return DateRead.OutOfRange;
            }
            unixMs = bound.ToUnixTimeMilliseconds();
            return DateRead.Ok;
        }
        // ISO 8601 only: the lenient parser alone would also read "06/22/2022" or "June 22".
        if (!IsoDate().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset instant))
        {
            return DateRead.Unreadable;
        }
        unixMs = instant.ToUnixTimeMilliseconds();
        return DateRead.Ok;
    }

    /// <summary>00:00 UTC <paramref name="days"/> days after <paramref name="day"/> (negative: before); false when that is outside DateTime's range (the day after 12-31-9999, the day before 01-01-0001).</summary>
    private static bool TryMidnightAfter(DateTime day, int days, out DateTimeOffset midnight)
    {
        long ticks = day.Date.Ticks + (days * TimeSpan.TicksPerDay);
        bool fits = ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks;
        midnight = fits ? new DateTimeOffset(ticks, TimeSpan.Zero) : default;
        return fits;
    }

    [GeneratedRegex(@"^\d{2}-\d{2}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IsoDate();
}
