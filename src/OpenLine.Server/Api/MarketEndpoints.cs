using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Api;

/// <summary>Leagues, games and order books (API §3.1).</summary>
public static class MarketEndpoints
{
    private static readonly string[] GetAndPost = ["GET", "POST"];
    private static readonly HashSet<string> PerSportLive = new(["NFL-LIVE", "NBA-LIVE", "NCAAF-LIVE", "NCAAB-LIVE"], StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapMarkets(this IEndpointRouteBuilder app)
    {
        const string Tag = "Markets";
        app.MapMethods("/exchange/getLeagues", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, _) => GetLeaguesAsync(api, args)))
            .Documented<LeaguesDto>(Tag, "Leagues with active markets (query: sport)");
        app.MapMethods("/exchange/v2/getGames", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, _) => GetGamesAsync(api, args)))
            .Documented<GamesEnvelope<GameDto>>(Tag, "Games of a league, or every upcoming game (query: league, sport)");
        app.MapMethods("/exchange/v2/getOrderbook", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GetOrderbookAsync(api, args, caller)))
            .Documented<GamesEnvelope<GameOrderbookFlatDto>>(Tag, "Flat, taker-facing books of a league or one game (query: league, sport, gameID)", 400, 401, 404);
        app.MapMethods("/exchange/getLiveDelays", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (_, _) => GetLiveDelaysAsync(api)))
            .Documented<LiveDelaysDto>(Tag, "OpenLine extension: the live bet delay in seconds per league (rules §6), and the default for other leagues");
        return app;
    }

    private static async Task<IResult> GetLeaguesAsync(ApiContext api, RequestArgs args)
    {
        string? sport = args.GetString("sport");
        List<string> leagues = await api.Sequencer.QueryAsync(engine => engine.Games.Values
            .Where(g => g.IsOpen && SportMatches(g, sport))
            .Select(g => g.League)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList()).ConfigureAwait(false);
        if (leagues.Any(l => l.Contains("LIVE", StringComparison.Ordinal) && !PerSportLive.Contains(l)))
        {
            leagues.Add("LIVE");
        }
        if (sport is not null && (sport.Equals("soccer", StringComparison.OrdinalIgnoreCase) || sport.Equals("golf", StringComparison.OrdinalIgnoreCase)))
        {
            leagues.Add("all");
        }
        return ApiResults.Data(new LeaguesDto(leagues));
    }

    private static async Task<IResult> GetGamesAsync(ApiContext api, RequestArgs args)
    {
        string? league = args.GetString("league");
        if (string.IsNullOrWhiteSpace(league))
        {
            return ApiResults.BadRequest("league is required (a league code, or \"upcoming\" for every upcoming game).");
        }
        string? sport = args.GetString("sport");
        GameDto[] games = await api.Sequencer.QueryAsync(engine =>
            SelectGames(engine, league, sport).Select(Views.Game).ToArray()).ConfigureAwait(false);
        return ApiResults.Data(new GamesEnvelope<GameDto>(games));
    }

    /// <summary>Every league that has a game or a configured delay, with its delay; leagues as the games spell them.</summary>
    private static async Task<IResult> GetLiveDelaysAsync(ApiContext api)
    {
        LiveDelaysDto delays = await api.Sequencer.QueryAsync(engine =>
        {
            ExchangeOptions options = engine.Options;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var leagues = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (string league in engine.Games.Values.Select(g => g.League).Concat(options.LiveDelayMilliseconds.Keys))
            {
                if (seen.Add(league))
                {
                    leagues[league] = options.LiveDelayFor(league) / 1000m;
                }
            }
            return new LiveDelaysDto(options.DefaultLiveDelayMilliseconds / 1000m, leagues);
        }).ConfigureAwait(false);
        return ApiResults.Data(delays);
    }

    private static async Task<IResult> GetOrderbookAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        string? gameText = args.GetString("gameID");
        string? league = args.GetString("league");
        string? sport = args.GetString("sport");
        if (gameText is not null)
        {
            if (!ObjectId.TryParse(gameText, out ObjectId gameId))
            {
                return ApiResults.BadRequest("game not found: invalid gameID");
            }
            GameOrderbookFlatDto? book = await api.Sequencer.QueryAsync(engine =>
                engine.Games.TryGetValue(gameId, out Game? game) ? Views.FlatOrderbook(game, engine.Accounts[caller.AccountId]) : null).ConfigureAwait(false);
            return book is null
                ? ApiResults.NotFound("game not found")
                : ApiResults.Data(new GamesEnvelope<GameOrderbookFlatDto>([book]));
        }
        if (string.IsNullOrWhiteSpace(league))
        {
            return ApiResults.BadRequest("league or gameID is required.");
        }
        GameOrderbookFlatDto[] books = await api.Sequencer.QueryAsync(engine =>
        {
            Account me = engine.Accounts[caller.AccountId];
            return SelectGames(engine, league, sport).Select(g => Views.FlatOrderbook(g, me)).ToArray();
        }).ConfigureAwait(false);
        return ApiResults.Data(new GamesEnvelope<GameOrderbookFlatDto>(books));
    }

    /// <summary>
    /// The games of a league (case-insensitive) that have not ended, or with <c>upcoming</c> every
    /// game still open for betting; earliest start first.
    /// </summary>
    private static IEnumerable<Game> SelectGames(Exchange engine, string league, string? sport) => engine.Games.Values
        .Where(g => !g.Ended && SportMatches(g, sport))
        .Where(g => league.Equals("upcoming", StringComparison.OrdinalIgnoreCase)
            ? g.IsOpen
            : league.Equals("LIVE", StringComparison.OrdinalIgnoreCase) ? g.Live : g.League.Equals(league, StringComparison.OrdinalIgnoreCase))
        .OrderBy(g => g.StartsAt)
        .ThenBy(g => g.Id);

    private static bool SportMatches(Game game, string? sport) =>
        string.IsNullOrEmpty(sport) || game.Sport.Equals(sport, StringComparison.OrdinalIgnoreCase);
}
