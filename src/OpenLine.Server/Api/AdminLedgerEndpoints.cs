using System.Globalization;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// The operator's view of the ledger (rules §9, §10): the identity's totals, every entry in pages,
/// and one user's entries with a running balance.
/// </summary>
public static class AdminLedgerEndpoints
{
    public const int DefaultPageSize = 1000;
    public const int MaxPageSize = 10_000;

    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder admin, string tag, int[] errors)
    {
        admin.MapGet("/ledger", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, _ => TotalsAsync(api)))
            .Documented<LedgerDto>(tag, "Totals of the conservation identity: deposits − withdrawals = balances + commission (identityHolds), "
                + "Σ user liability, the number of ledger entries, and the accounts that owe money (overdrawn: negative available, "
                + "left by a settlement correction that took back winnings already withdrawn)", errors);
        admin.MapGet("/ledger/entries", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, args => EntriesAsync(api, args)))
            .Documented<LedgerEntriesDto>(tag, $"Ledger entries after sequence `after` (default 0), oldest first, at most `limit` "
                + $"(default {DefaultPageSize}, at most {MaxPageSize}); `from` (inclusive) and `to` (exclusive), ISO 8601, keep the entries "
                + "made in that window: every money movement of a period (settlements, their reversals and corrections, commission, cash), "
                + "which is what reconciles balances from one date to another", errors);
        admin.MapGet("/users/{userId}/ledger", (HttpContext c, ApiContext api, string userId) =>
            api.ForAdminAsync(c, args => UserEntriesAsync(api, args, userId)))
            .Documented<UserLedgerDto>(tag, "One user's ledger entries (signed from the user's side, with the running balance), "
                + $"paged like /admin/ledger/entries", errors);
        return admin;
    }

    private static async Task<IResult> TotalsAsync(ApiContext api)
    {
        LedgerDto ledger = await api.Sequencer.QueryAsync(engine =>
        {
            Money balances = Money.Zero;
            Money liability = Money.Zero;
            List<OverdrawnAccountDto> overdrawn = [];
            foreach (Account a in engine.Accounts.Values)
            {
                balances += a.Balance;
                liability += a.Liability;
                if (a.Available.IsNegative)
                {
                    overdrawn.Add(Views.Overdrawn(a));
                }
            }
            bool holds = engine.TotalDeposits - engine.TotalWithdrawals == balances + engine.HouseCommission;
            return new LedgerDto(Wire.Amount(engine.TotalDeposits), Wire.Amount(engine.TotalWithdrawals), Wire.Amount(balances),
                Wire.Amount(engine.HouseCommission), Wire.Amount(liability), engine.Ledger.Entries.Count, holds, overdrawn);
        }).ConfigureAwait(false);
        return ApiResults.Data(ledger);
    }

    private static async Task<IResult> EntriesAsync(ApiContext api, RequestArgs args)
    {
        if (!TryPage(args, out long after, out int limit, out string? error)
            || !GradedWindow.TryReadOptionalInstant(args, "from", out long? from, out error)
            || !GradedWindow.TryReadOptionalInstant(args, "to", out long? to, out error))
        {
            return ApiResults.BadRequest(error!);
        }
        if (from is { } begin && to is { } finish && begin >= finish)
        {
            return ApiResults.BadRequest("from must be earlier than to.");
        }
        LedgerEntriesDto page = await api.Sequencer.QueryAsync(engine =>
        {
            IReadOnlyList<LedgerEntry> all = engine.Ledger.Entries;
            // Entry n sits at index n − 1, so a page is a slice; entries are in time order (the engine's clock never goes back),
            // so the window's ends are binary searches.
            int start = (int)Math.Min(after, all.Count);
            if (from is { } windowStart)
            {
                start = Math.Max(start, FirstAtOrAfter(all, windowStart));
            }
            int stop = to is { } windowEnd ? FirstAtOrAfter(all, windowEnd) : all.Count;
            int end = Math.Max(start, Math.Min(stop, start + limit));
            var entries = new List<LedgerEntryDto>(end - start);
            for (int i = start; i < end; i++)
            {
                LedgerEntry e = all[i];
                entries.Add(new LedgerEntryDto(e.Sequence, Kind(e.Kind), e.From.ToString(), e.To.ToString(), Wire.Amount(e.Amount),
                    Reference(e), Reverses(e), Wire.Time(e.At)));
            }
            return new LedgerEntriesDto(entries, end > start ? all[end - 1].Sequence : after, end < stop);
        }).ConfigureAwait(false);
        return ApiResults.Data(page);
    }

    private static async Task<IResult> UserEntriesAsync(ApiContext api, RequestArgs args, string userId)
    {
        if (!ObjectId.TryParse(userId, out ObjectId accountId))
        {
            return ApiResults.NotFound("user not found");
        }
        if (!TryPage(args, out long after, out int limit, out string? error))
        {
            return ApiResults.BadRequest(error!);
        }
        UserLedgerDto? page = await api.Sequencer.QueryAsync(engine =>
        {
            if (!engine.Accounts.TryGetValue(accountId, out Account? account))
            {
                return null;
            }
            // The ledger keeps each user's entries with the balance after each (Ledger.HistoryOf), so a page is a
            // binary search for `after` and then one step per row: O(log n + page) on the engine thread.
            LedgerParty user = LedgerParty.User(accountId);
            IReadOnlyList<(long Sequence, Money Balance)> history = engine.Ledger.HistoryOf(accountId);
            int start = FirstAfter(history, after);
            int end = Math.Min(history.Count, start + limit);
            var entries = new List<UserLedgerEntryDto>(end - start);
            for (int i = start; i < end; i++)
            {
                (long sequence, Money balance) = history[i];
                LedgerEntry e = engine.Ledger[sequence];
                LedgerParty other = e.To == user ? e.From : e.To;
                string? otherName = other.Kind == LedgerPartyKind.User && engine.Accounts.TryGetValue(other.Account, out Account? o) ? o.Username : null;
                entries.Add(new UserLedgerEntryDto(e.Sequence, Kind(e.Kind), other.ToString(), otherName, Wire.Amount(e.DeltaFor(user)), Reference(e),
                    Reverses(e), Wire.Time(e.At), Wire.Amount(balance)));
            }
            bool hasMore = end < history.Count;
            return new UserLedgerDto(account.Id.ToString(), account.Username, Wire.Amount(account.Balance), entries,
                entries.Count > 0 ? entries[^1].Sequence : after, hasMore);
        }).ConfigureAwait(false);
        return page is null ? ApiResults.NotFound("user not found") : ApiResults.Data(page);
    }

    /// <summary>The index of the first entry of <paramref name="history"/> with a sequence above <paramref name="after"/> (sequences increase).</summary>
    private static int FirstAfter(IReadOnlyList<(long Sequence, Money Balance)> history, long after)
    {
        int low = 0;
        int high = history.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (history[middle].Sequence <= after)
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

    /// <summary>The index of the first entry made at or after <paramref name="at"/> (Unix ms), or the count if none.</summary>
    private static int FirstAtOrAfter(IReadOnlyList<LedgerEntry> entries, long at)
    {
        int low = 0;
        int high = entries.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (entries[middle].At < at)
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

    /// <summary>Reads <c>after</c> (a sequence, ≥ 0, default 0) and <c>limit</c> (1 to <see cref="MaxPageSize"/>, default <see cref="DefaultPageSize"/>).</summary>
    private static bool TryPage(RequestArgs args, out long after, out int limit, out string? error)
    {
        after = 0;
        limit = DefaultPageSize;
        error = null;
        if (args.GetString("after") is { } afterText
            && (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            error = "after must be a ledger sequence number: a whole number ≥ 0.";
            return false;
        }
        if (args.GetString("limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
        {
            error = $"limit must be a whole number from 1 to {MaxPageSize}.";
            return false;
        }
        return true;
    }

    private static string Kind(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Deposit => "deposit",
        LedgerEntryKind.Withdrawal => "withdrawal",
        LedgerEntryKind.Settlement => "settlement",
        LedgerEntryKind.Commission => "commission",
        LedgerEntryKind.Reversal => "reversal",
        _ => "opening",
    };

    private static string? Reference(LedgerEntry e) => e.Reference.IsEmpty ? null : e.Reference.ToString();

    private static long? Reverses(LedgerEntry e) => e.Reverses == 0 ? null : e.Reverses;
}
