using System.Globalization;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Api;

/// <summary>
/// Participants, the nested order books, average prices and matched volume (API §3.1). Every
/// route takes a user token and accepts GET with a query string or POST with a JSON body (rules §8).
/// </summary>
public static class MarketBookEndpoints
{
    private static readonly string[] GetAndPost = ["GET", "POST"];

    /// <summary>The calendar of <c>getMatchedVolume</c>: US Eastern, with its daylight-saving changes.</summary>
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static IEndpointRouteBuilder MapMarketBooks(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/exchange/getParticipants", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, _) => GetParticipantsAsync(api, args)))
            .Documented<ParticipantsDto>("Markets", "Participants of games, deduplicated (query: active)");
        app.MapMethods("/exchange/getSingleOrderbook", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GetSingleOrderbookAsync(api, args, caller)))
            .Documented<SingleOrderbookDto>("Markets", "One game's book, nested by line, and the caller's order summary (query: gameID)", 400, 401, 404);
        app.MapMethods("/exchange/getOrderbook", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GetLeagueOrderbookAsync(api, args, caller)))
            .Body<LeagueRequest>().Documented<LeagueOrderbookDto>("Markets", "v1 (deprecated): nested books of a league");
        app.MapMethods("/exchange/getOddsForAveragePrice", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, _) => GetOddsForAveragePriceAsync(api, args)))
            .DocumentedRaw<GamesEnvelope<GameAveragePriceDto>>("Markets", "Best and average prices per game of a league (top-level games; query: leagueRequested)");
        app.MapMethods("/exchange/getMatchedVolume", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, _) => GetMatchedVolumeAsync(api, args)))
            .Documented<MatchedVolumeDto>("Markets", "Matched volume over US-Eastern calendar days (query: startDate, endDate as YYYY-MM-DD)");
        return app;
    }

    /// <summary>
    /// Every participant, or with <c>active=true</c> those of games still open for betting (not
    /// started, or live; never ended). One entry per participant id; by league, then name.
    /// </summary>
    private static async Task<IResult> GetParticipantsAsync(ApiContext api, RequestArgs args)
    {
        string? activeText = args.GetString("active");
        bool active;
        if (activeText is null || activeText.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            active = false;
        }
        else if (activeText.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            active = true;
        }
        else
        {
            return ApiResults.BadRequest("active must be \"true\" or \"false\".");
        }
        ParticipantSummaryDto[] participants = await api.Sequencer.QueryAsync(engine =>
        {
            IEnumerable<Participant> source = active
                ? engine.Games.Values.Where(g => g.IsOpen).SelectMany(g => new[] { g.Away, g.Home })
                : engine.Participants;
            return source
                .DistinctBy(p => p.Id)
                .OrderBy(p => p.League, StringComparer.Ordinal)
                .ThenBy(p => p.LongName, StringComparer.Ordinal)
                .ThenBy(p => p.Id)
                .Select(p => new ParticipantSummaryDto(p.Id.ToString(), p.LongName, p.ShortName, p.League, p.Sport))
                .ToArray();
        }).ConfigureAwait(false);
        return ApiResults.Data(new ParticipantsDto(participants));
    }

    private static async Task<IResult> GetSingleOrderbookAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        string? gameText = args.GetString("gameID");
        if (string.IsNullOrWhiteSpace(gameText))
        {
            return ApiResults.BadRequest("gameID is required.");
        }
        if (!ObjectId.TryParse(gameText, out ObjectId gameId))
        {
            return ApiResults.BadRequest("game not found: invalid gameID");
        }
        SingleOrderbookDto? single = await api.Sequencer.QueryAsync(engine =>
        {
            if (!engine.Games.TryGetValue(gameId, out Game? game))
            {
                return null;
            }
            Account me = engine.Accounts[caller.AccountId];
            return new SingleOrderbookDto(NestedBooks.Game(game, me), NestedBooks.Summary(me, game.League), [], []);
        }).ConfigureAwait(false);
        return single is null ? ApiResults.NotFound("game not found") : ApiResults.Data(single);
    }

    /// <summary>v1 <c>getOrderbook</c>: the nested book of every game of a league that has not ended.</summary>
    private static async Task<IResult> GetLeagueOrderbookAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        string? league = args.GetString("leagueRequested");
        if (string.IsNullOrWhiteSpace(league))
        {
            return ApiResults.BadRequest("leagueRequested is required.");
        }
        GameOrderbookNestedDto[] games = await api.Sequencer.QueryAsync(engine =>
        {
            Account me = engine.Accounts[caller.AccountId];
            return LeagueGames(engine, league).Select(g => NestedBooks.Game(g, me)).ToArray();
        }).ConfigureAwait(false);
        return ApiResults.Data(new LeagueOrderbookDto(Market: null, games));
    }

    /// <summary>Best and average prices of every game of a league that has not ended; a top-level <c>{games}</c> body (API §1).</summary>
    private static async Task<IResult> GetOddsForAveragePriceAsync(ApiContext api, RequestArgs args)
    {
        string? league = args.GetString("leagueRequested");
        if (string.IsNullOrWhiteSpace(league))
        {
            return ApiResults.BadRequest("leagueRequested is required.");
        }
        GameAveragePriceDto[] games = await api.Sequencer.QueryAsync(engine => LeagueGames(engine, league).Select(game =>
        {
            MainLines main = MainLines.Of(game);
            return new GameAveragePriceDto(Views.Game(game))
            {
                MatchedVolume = Wire.Amount(game.MatchedVolume),
                MainHomeSpread = main.HomeSpread,
                MainAwaySpread = main.AwaySpread,
                MainTotal = main.Total,
                Odds = AveragePrices.Odds(game, main),
            };
        }).ToArray()).ConfigureAwait(false);
        return ApiResults.Raw(new GamesEnvelope<GameAveragePriceDto>(games));
    }

    /// <summary>
    /// Σ (taker stake + maker stake) of the bets matched from the start of <c>startDate</c> to the
    /// end of <c>endDate</c>, US Eastern days, inclusive. An <c>endDate</c> after today (Eastern)
    /// counts as today but is echoed as requested; a range that then starts after today is empty.
    /// Scans every bet (there is no daily archive yet).
    /// </summary>
    private static async Task<IResult> GetMatchedVolumeAsync(ApiContext api, RequestArgs args)
    {
        string? startText = args.GetString("startDate");
        string? endText = args.GetString("endDate");
        if (startText is null || endText is null)
        {
            return ApiResults.BadRequest("startDate and endDate are required (YYYY-MM-DD).");
        }
        if (!TryParseDate(startText, out DateOnly start) || !TryParseDate(endText, out DateOnly end))
        {
            return ApiResults.BadRequest("startDate and endDate must be dates as YYYY-MM-DD.");
        }
        if (start > end)
        {
            return ApiResults.BadRequest("startDate must not be after endDate.");
        }
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(api.Time.GetUtcNow(), Eastern).DateTime);
        DateOnly last = end > today ? today : end;
        long from = StartOfEasternDay(start);
        long until = StartOfEasternDay(last.AddDays(1));
        decimal volume = from >= until ? 0 : await api.Sequencer.QueryAsync(engine =>
        {
            decimal sum = 0;
            foreach (Bet bet in engine.Bets.Values)
            {
                if (bet.MatchedAt >= from && bet.MatchedAt < until)
                {
                    sum += Wire.Amount(bet.TakerStake) + Wire.Amount(bet.MakerStake);
                }
            }
            return sum;
        }).ConfigureAwait(false);
        return ApiResults.Data(new MatchedVolumeDto(startText, endText, volume));
    }

    /// <summary>The games of a league (case-insensitive) that have not ended; earliest start first.</summary>
    private static IEnumerable<Game> LeagueGames(Exchange engine, string league)
    {
        string wanted = league.Trim();
        return engine.Games.Values
            .Where(g => !g.Ended && g.League.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => g.StartsAt)
            .ThenBy(g => g.Id);
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Midnight Eastern at the start of <paramref name="day"/>, as Unix milliseconds (midnight is never skipped by DST there).</summary>
    private static long StartOfEasternDay(DateOnly day) =>
        new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Eastern)).ToUnixTimeMilliseconds();
}
