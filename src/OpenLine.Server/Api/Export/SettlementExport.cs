using OpenLine.Core;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api.Export;

/// <summary>
/// <c>GET /admin/export?from=&amp;to=&amp;format=csv|ndjson</c>: every bet's current settlement whose
/// settlement time is in [from, to), one row per bet with both sides (<see cref="SettlementRow"/>),
/// oldest settlement first. The response is streamed page by page: each page is read from the
/// engine in one short query and written and flushed before the next, so the sequencer is never
/// held for long and the whole export is never in memory.
/// </summary>
public static class SettlementExport
{
    /// <summary>Rows per page (one engine query, one flush).</summary>
    public const int PageRows = 1000;

    /// <summary>Settle-log entries one query looks at, at most (skipped ones included), to keep each query short.</summary>
    public const int PageScan = 20_000;

    public static RouteGroupBuilder MapExport(this RouteGroupBuilder admin, string tag)
    {
        admin.MapGet("/export", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, args => Task.FromResult(Start(api, args))))
            .WithTags(tag)
            .WithSummary("Export every current settlement (one row per bet, both sides), streamed as CSV (default) or NDJSON")
            .WithDescription("`from` (inclusive) and `to` (exclusive) are ISO 8601 times matched against the settlement time; both optional. "
                + "`format` is `csv` (RFC 4180, header row, CRLF) or `ndjson` (one JSON object a line, the same keys). "
                + "Money columns are exact dollars as text with 6 decimals (the ledger's micro-dollar unit), so each row's "
                + "takerResult + makerResult + fee is exactly 0, and an export without from and to reconciles with /admin/ledger's totals. "
                + "A dated export lists the bets whose current settlement was made in the window: a bet regraded later appears in the "
                + "regrade's window with its whole new result and no longer in the first one. For a period's money movements "
                + "(reversals included) use /admin/ledger/entries?from=&to=. "
                + "In CSV, a text field (a username, league, event name, side or market) that starts with =, +, -, @, tab or CR "
                + "is written with a leading ' so that a spreadsheet shows it as text instead of running it as a formula "
                + "(OWASP CSV injection); money columns are never changed, and NDJSON strings are exactly as stored. "
                + "A bet regraded while the export runs may appear twice; the later row is its current settlement.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv", "application/x-ndjson")
            .Produces(StatusCodes.Status400BadRequest, typeof(ApiResults.ErrorBody), "application/json")
            .Produces(StatusCodes.Status401Unauthorized, typeof(ApiResults.ErrorBody), "application/json")
            .Produces(StatusCodes.Status403Forbidden, typeof(ApiResults.ErrorBody), "application/json");
        return admin;
    }

    /// <summary>Checks the arguments (a 400 before anything is streamed) and returns the streaming result.</summary>
    private static IResult Start(ApiContext api, RequestArgs args)
    {
        string format = (args.GetString("format") ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "ndjson"))
        {
            return ApiResults.BadRequest("format must be csv or ndjson.");
        }
        if (!GradedWindow.TryReadOptionalInstant(args, "from", out long? from, out string? error)
            || !GradedWindow.TryReadOptionalInstant(args, "to", out long? to, out error))
        {
            return ApiResults.BadRequest(error!);
        }
        if (from is { } begin && to is { } end && begin >= end)
        {
            return ApiResults.BadRequest("from must be earlier than to.");
        }
        return new SettlementExportResult(api.Sequencer, from, to, format == "ndjson");
    }

    /// <summary>
    /// The settle-log index the export starts at: the first (re)settlement made at or after
    /// <paramref name="from"/> (a binary search; the log is in settle order, which is time order), or 0
    /// without <paramref name="from"/>. Engine thread only.
    /// </summary>
    public static int FirstIndex(Exchange engine, long? from) => from is { } begin ? engine.SettlementIndexAfter(begin - 1) : 0;

    /// <summary>
    /// One page, read on the engine thread: the rows of current settlements from settle-log index
    /// <paramref name="start"/> (<see cref="FirstIndex"/> for the first page) on, before <paramref name="to"/>.
    /// Stale entries (the bet was settled again later) are skipped. Current entries are in
    /// settlement-time order, so the first one at or after <paramref name="to"/> ends the export.
    /// </summary>
    public static (List<SettlementRow> Rows, int Next, bool Done) ReadPage(Exchange engine, int start, long? to)
    {
        IReadOnlyList<(ulong Sequence, Bet Bet)> log = engine.Settlements;
        var rows = new List<SettlementRow>();
        int i = start;
        for (; i < log.Count && rows.Count < PageRows && i - start < PageScan; i++)
        {
            (ulong sequence, Bet bet) = log[i];
            if (sequence != bet.SettleSequence)
            {
                continue;
            }
            if (to is { } end && bet.SettledAt >= end)
            {
                return (rows, i, true);
            }
            rows.Add(SettlementRow.Of(bet));
        }
        return (rows, i, i >= log.Count);
    }
}
