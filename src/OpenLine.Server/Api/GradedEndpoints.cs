using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Api;

/// <summary>
/// The caller's settled bets (API §3.3): <c>/user/v2/getGraded</c> and its legacy alias
/// <c>/user/getGradedWagers</c> by game-start window, and <c>/user/v2/getGradedSince</c> in
/// settlement order with a cursor. One row per fill, from the caller's side (<see cref="CallerBets.GradedRow"/>).
/// Each endpoint has a per-user rate limit besides the per-IP one (API §8.12, <see cref="GradedRateLimits"/>).
/// </summary>
public static class GradedEndpoints
{
    /// <summary>Rows per <c>getGradedSince</c> page, fixed (API §3.3).</summary>
    public const int PageSize = 100;

    private const string Tag = "Graded bets";
    private const string InvalidCursor = "Invalid cursor: send the cursor of a previous getGradedSince response, unchanged.";
    private static readonly string[] GetAndPost = ["GET", "POST"];

    private const string SummaryDescription = "`summary` is in whole dollars, each figure rounded once (half away from zero) from the exact sum "
        + "over every returned row: `pnl` = Σ `result`, `volume` = Σ min(`risk`, `win`). `volume` includes refunded rows "
        + "(pushes and voids) at min(risk, win) like any other: API §3.3 gives the formula with no exception, and it is applied as written.";

    public static IEndpointRouteBuilder MapGraded(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/user/v2/getGraded", GetAndPost, (HttpContext context, ApiContext api, GradedRateLimits limits) =>
            api.ForUserAsync(context, (args, caller) => GetGradedAsync(context, api, limits, args, caller, acceptLegacyDates: false)))
            .Documented<GradedDto>(Tag, "The caller's settled bets whose game started in [startDate, endDate) (ISO 8601; at most 35 days; "
                + "omit startDate for the full history), one row per fill, game start descending, with a P&L summary. 60 a minute per user", 400, 401, 429)
            .WithDescription(SummaryDescription);
        app.MapMethods("/user/getGradedWagers", GetAndPost, (HttpContext context, ApiContext api, GradedRateLimits limits) =>
            api.ForUserAsync(context, (args, caller) => GetGradedAsync(context, api, limits, args, caller, acceptLegacyDates: true)))
            .Documented<GradedDto>(Tag, "Legacy alias of v2/getGraded that also takes MM-DD-YYYY dates (as API §3.3 describes them: "
                + "startDate=06-22-2022 takes games from 06-21-2022 00:00 UTC; an end day is included whole; no 35-day cap)", 400, 401, 429)
            .WithDescription(SummaryDescription);
        app.MapMethods("/user/v2/getGradedSince", GetAndPost, (HttpContext context, ApiContext api, GradedRateLimits limits) =>
            api.ForUserAsync(context, (args, caller) => GetGradedSinceAsync(context, api, limits, args, caller)))
            .Documented<GradedSinceDto>(Tag, "The caller's settlements in settlement order, 100 a page: start with since (ISO 8601, strictly after), "
                + "then send back cursor; a regraded or voided bet appears again. 10 per 5 seconds per user", 400, 401, 429);
        return app;
    }

    private static async Task<IResult> GetGradedAsync(HttpContext context, ApiContext api, GradedRateLimits limits, RequestArgs args, Caller caller,
        bool acceptLegacyDates)
    {
        if (!limits.History.TryAcquire(caller.AccountId, out TimeSpan retryAfter))
        {
            return ApiResults.TooManyRequests(context, retryAfter);
        }
        if (!GradedWindow.TryRead(args.GetString("startDate"), args.GetString("endDate"), api.NowMs, acceptLegacyDates,
            out GradedWindow window, out string? error))
        {
            return ApiResults.BadRequest(error!);
        }
        // One query, so every row reads the same state; on the engine thread it only copies each row's values
        // (GradedRowFacts). Sorting, summing and building the rows happen after it returns, on this thread.
        List<GradedRowFacts> facts = await api.Sequencer.QueryAsync(engine =>
        {
            var bets = new CallerBets(engine, engine.Accounts[caller.AccountId]);
            IReadOnlyList<Bet> mine = bets.Me.Bets;
            int count = 0;
            foreach (Bet bet in mine)
            {
                count += bet.IsGraded && window.Contains(bet.Game.StartsAt) ? 1 : 0;
            }
            var copied = new List<GradedRowFacts>(count);
            foreach (Bet bet in mine)
            {
                if (bet.IsGraded && window.Contains(bet.Game.StartsAt))
                {
                    copied.Add(bets.GradedFacts(bet));
                }
            }
            return copied;
        }).ConfigureAwait(false);
        return ApiResults.Data(Graded(facts));
    }

    /// <summary>
    /// The response of <c>getGraded</c> from the copied rows (off the engine thread): game start
    /// descending, then settlement time, then txID (API §3.3), and the summary.
    /// </summary>
    private static GradedDto Graded(List<GradedRowFacts> facts)
    {
        facts.Sort(static (a, b) =>
        {
            int order = b.Game.StartsAt.CompareTo(a.Game.StartsAt);
            order = order != 0 ? order : a.SettledAt.CompareTo(b.SettledAt);
            order = order != 0 ? order : a.TxId.CompareTo(b.TxId);
            return order != 0 ? order : b.Taker.CompareTo(a.Taker);
        });
        decimal pnl = 0m;
        decimal volume = 0m;
        var games = new Dictionary<GradedRowFacts.GameState, GradedGameDto>(ReferenceEqualityComparer.Instance);
        var rows = new List<GradedWagerDto>(facts.Count);
        foreach (GradedRowFacts row in facts)
        {
            pnl += row.Figures.Result.ToDecimal();
            // API §3.3: volume = round(Σ min(risk, win)) over the rows. The spec makes no exception for refunded
            // rows (push, void), so they count at min(risk, win) too: the formula as written (see SummaryDescription).
            volume += Money.Min(row.Figures.Risk, row.Figures.Win).ToDecimal();
            if (!games.TryGetValue(row.Game, out GradedGameDto? game))
            {
                games[row.Game] = game = row.Game.ToDto();
            }
            rows.Add(row.ToDto(game));
        }
        return new GradedDto(rows, new GradedSummaryDto(WholeDollars(pnl), WholeDollars(volume)));
    }

    /// <summary>Rounded once from the exact sum, half away from zero (rules §1).</summary>
    private static long WholeDollars(decimal sum) => (long)decimal.Round(sum, 0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Walks <see cref="Account.Settlements"/> (settle-sequence order, which is also settlement-time
    /// order), skipping entries a later regrade or void superseded: the bet is delivered again at its
    /// newer position. <c>since</c> starts after every settlement at or before that instant (a binary
    /// search, <see cref="Account.SettlementIndexAfter"/>); a cursor after the sequence it holds. 400 for both or neither, an unreadable <c>since</c>, or a cursor
    /// that is not one this endpoint gave the caller.
    /// </summary>
    private static async Task<IResult> GetGradedSinceAsync(HttpContext context, ApiContext api, GradedRateLimits limits, RequestArgs args, Caller caller)
    {
        if (!limits.Since.TryAcquire(caller.AccountId, out TimeSpan retryAfter))
        {
            return ApiResults.TooManyRequests(context, retryAfter);
        }
        string? sinceText = args.GetString("since");
        string? cursorText = args.GetString("cursor");
        if ((sinceText is null) == (cursorText is null))
        {
            return ApiResults.BadRequest("Pass exactly one of since (ISO 8601, first call) or cursor (from the previous response).");
        }
        long since = 0;
        GradedCursor cursor = default;
        if (sinceText is not null && !GradedWindow.TryReadInstant(sinceText, out since))
        {
            return ApiResults.BadRequest($"Invalid since '{sinceText}': use ISO 8601, e.g. 2026-08-01T00:00:00.000Z.");
        }
        if (cursorText is not null && (!GradedCursor.TryParse(cursorText, out cursor) || cursor.Account != caller.AccountId))
        {
            return ApiResults.BadRequest(InvalidCursor);
        }
        return await api.Sequencer.QueryAsync(engine =>
        {
            var bets = new CallerBets(engine, engine.Accounts[caller.AccountId]);
            IReadOnlyList<(ulong Sequence, Bet Bet)> log = bets.Me.Settlements;
            int next;
            ulong position;
            if (cursorText is not null)
            {
                // A sequence past the account's last settlement was never handed out.
                if (cursor.Sequence != 0 && (log.Count == 0 || cursor.Sequence > log[^1].Sequence))
                {
                    return ApiResults.BadRequest(InvalidCursor);
                }
                next = FirstAfter(log, cursor.Sequence);
                position = cursor.Sequence;
            }
            else
            {
                // The log is in settle order, which is time order: a binary search finds the first (re)settlement
                // made after since; stale entries from there on are skipped by the walk below.
                next = bets.Me.SettlementIndexAfter(since);
                position = next == 0 ? 0 : log[next - 1].Sequence;
            }

            var rows = new List<GradedWagerDto>(PageSize);
            long lastSettledAt = 0;
            for (; next < log.Count && rows.Count < PageSize; next++)
            {
                (ulong sequence, Bet bet) = log[next];
                if (IsCurrent(log[next]))
                {
                    rows.Add(bets.GradedRow(bet));
                    position = sequence;
                    lastSettledAt = bet.SettledAt;
                }
            }
            while (next < log.Count && !IsCurrent(log[next]))
            {
                next++;
            }
            bool hasMore = next < log.Count;
            long settledThrough = hasMore
                // More follows. If the next settlement shares the last row's millisecond, the page ended
                // inside that group and only the instant before it is complete; otherwise the last row's is.
                ? log[next].Bet.SettledAt == lastSettledAt ? lastSettledAt - 1 : lastSettledAt
                // Everything is delivered. A later command may still settle bets stamped with the engine's
                // current millisecond, so only the instant before it is certain.
                : engine.Now - 1;
            string nextCursor = rows.Count == 0 && cursorText is not null ? cursorText : new GradedCursor(caller.AccountId, position).ToString();
            return ApiResults.Data(new GradedSinceDto(rows, hasMore, nextCursor, Wire.Time(settledThrough)));
        }).ConfigureAwait(false);
    }

    /// <summary>False for an entry a later (re)settlement of the same bet superseded.</summary>
    private static bool IsCurrent((ulong Sequence, Bet Bet) entry) => entry.Sequence == entry.Bet.SettleSequence;

    /// <summary>The index of the first entry with a sequence above <paramref name="sequence"/> (sequences strictly increase).</summary>
    private static int FirstAfter(IReadOnlyList<(ulong Sequence, Bet Bet)> log, ulong sequence)
    {
        int low = 0;
        int high = log.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (log[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
