using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// Participants, the nested order books (single game and v1 league), average prices and matched
/// volume (API §3.1, §8.3). Each test works in a league of its own, so tests sharing the server do
/// not see each other's games.
/// </summary>
public sealed class MarketBookEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // ---- getSingleOrderbook ----------------------------------------------------------------------

    [Fact]
    public async Task Single_orderbook_nests_spreads_and_totals_under_the_takers_number_best_price_first()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(NewLeague());
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 100_000);
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        await PostAsync(maker,
            Spread(game, game.HomeId, -3.5m, 105, 100),  // taker gets away +3.5 at -105, may stake 105
            Spread(game, game.HomeId, -3.5m, 110, 50),   // taker gets away +3.5 at -110, may stake 55
            Spread(game, game.HomeId, -6m, -110, 110),   // taker gets away +6 at +110, may stake 100
            Spread(game, game.AwayId, 3.5m, -102, 102),  // taker gets home -3.5 at +102, may stake 100
            Total(game, "over", 220.5m, -110, 55),       // taker gets under 220.5 at +110, may stake 50
            ExchangeSetup.Moneyline(game, game.HomeId, 150, 100, "post"),  // taker gets away at -150, may stake 150
            ExchangeSetup.Moneyline(game, game.HomeId, 140, 100, "post")); // taker gets away at -140, may stake 140

        OpenLineClient.Response response = await viewer.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={game.Id}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        JsonNode book = response.Data["game"]!;
        Assert.Equal(game.Id, book["id"]!.GetValue<string>());
        Assert.Equal("basketball", book["sport"]!.GetValue<string>());
        Assert.Equal("Full Time", book["periodName"]!.GetValue<string>());
        Assert.Equal("away", book["participants"]![0]!["homeAway"]!.GetValue<string>());
        Assert.Equal(game.AwayId, book["participants"]![0]!["id"]!.GetValue<string>());

        Assert.Equal(["3.5", "6"], Keys(book["awaySpreads"]!));
        Assert.Equal(["-3.5"], Keys(book["homeSpreads"]!));
        Assert.Empty(Keys(book["over"]!));
        Assert.Equal(["220.5"], Keys(book["under"]!));

        JsonArray away35 = book["awaySpreads"]!["3.5"]!.AsArray();
        Assert.Equal([-105, -110], away35.Select(o => o!["odds"]!.GetValue<int>()));
        Assert.Equal([105m, 55m], away35.Select(o => o!["sumUntaken"]!.GetValue<decimal>()));
        Assert.Equal([100m, 50m], away35.Select(o => o!["bet"]!.GetValue<decimal>()));
        Assert.All(away35, o =>
        {
            Assert.Equal("spread", o!["type"]!.GetValue<string>());
            Assert.Equal(3.5m, o["spread"]!.GetValue<decimal>());
            Assert.Equal(game.AwayId, o["participantID"]!.GetValue<string>());
            Assert.Equal(game.Id, o["gameID"]!.GetValue<string>());
            Assert.Equal(0m, o["takenRatio"]!.GetValue<decimal>());
            Assert.True(o["gameStartExpiry"]!.GetValue<bool>());
        });
        JsonNode away6 = book["awaySpreads"]!["6"]!.AsArray().Single()!;
        Assert.Equal(110, away6["odds"]!.GetValue<int>());
        Assert.Equal(110m, away6["bet"]!.GetValue<decimal>());
        Assert.Equal(100m, away6["sumUntaken"]!.GetValue<decimal>());
        Assert.Equal(6m, away6["spread"]!.GetValue<decimal>());
        JsonNode home35 = book["homeSpreads"]!["-3.5"]!.AsArray().Single()!;
        Assert.Equal(102, home35["odds"]!.GetValue<int>());
        Assert.Equal(100m, home35["sumUntaken"]!.GetValue<decimal>());
        Assert.Equal(-3.5m, home35["spread"]!.GetValue<decimal>());
        Assert.Equal(game.HomeId, home35["participantID"]!.GetValue<string>());
        JsonNode under = book["under"]!["220.5"]!.AsArray().Single()!;
        Assert.Equal(110, under["odds"]!.GetValue<int>());
        Assert.Equal(50m, under["sumUntaken"]!.GetValue<decimal>());
        Assert.Equal("under", under["OU"]!.GetValue<string>());
        Assert.Equal(220.5m, under["total"]!.GetValue<decimal>());
        Assert.False(under.AsObject().ContainsKey("participantID"));

        JsonArray awayMl = book["awayMoneylines"]!.AsArray();
        Assert.Equal([-140, -150], awayMl.Select(o => o!["odds"]!.GetValue<int>()));
        Assert.Equal([140m, 150m], awayMl.Select(o => o!["sumUntaken"]!.GetValue<decimal>()));
        Assert.Empty(book["homeMoneylines"]!.AsArray());

        // Line 3.5 rests 100 + 50 + 102 = 252 of stake, line 6 only 110: 3.5 is the main spread.
        Assert.Equal(-3.5m, book["mainHomeSpread"]!.GetValue<decimal>());
        Assert.Equal(3.5m, book["mainAwaySpread"]!.GetValue<decimal>());
        Assert.Equal(220.5m, book["mainTotal"]!.GetValue<decimal>());
        Assert.Equal(617m, book["openInterest"]!.GetValue<decimal>()); // 100+50+110+102+55+100+100
        Assert.Equal(0m, book["matchedVolume"]!.GetValue<decimal>());
        Assert.False(book.AsObject().ContainsKey("homeMoneylines1x2"), "1x2 books are soccer only");
        Assert.False(book.AsObject().ContainsKey("draw1x2"));
        Assert.DoesNotContain(AllEntries(book), o => o.AsObject().ContainsKey("createdBy"));
        Assert.Empty(response.Data["childGames"]!.AsArray());
        Assert.Empty(response.Data["propGames"]!.AsArray());
    }

    [Fact]
    public async Task Single_orderbook_marks_only_the_callers_own_orders_with_created_by()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(NewLeague());
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User other = await fixture.CreateUserAsync();
        await PostAsync(maker, ExchangeSetup.Moneyline(game, game.HomeId, 150, 100, "post"));
        await PostAsync(other, ExchangeSetup.Moneyline(game, game.HomeId, 200, 20, "post"));

        JsonArray makerView = (await maker.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={game.Id}")).Data["game"]!["awayMoneylines"]!.AsArray();
        JsonArray otherView = (await other.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={game.Id}")).Data["game"]!["awayMoneylines"]!.AsArray();

        // Best for the away taker first: -150 (maker's +150) before -200 (other's +200).
        Assert.Equal([-150, -200], makerView.Select(o => o!["odds"]!.GetValue<int>()));
        Assert.Equal(maker.Username, makerView[0]!["createdBy"]!.GetValue<string>());
        Assert.False(makerView[1]!.AsObject().ContainsKey("createdBy"));
        Assert.False(otherView[0]!.AsObject().ContainsKey("createdBy"));
        Assert.Equal(other.Username, otherView[1]!["createdBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Order_summary_sums_only_the_callers_resting_orders_across_the_league()
    {
        string league = NewLeague();
        ExchangeSetup.GameInfo gameA = await fixture.CreateGameAsync(league);
        ExchangeSetup.GameInfo gameB = await fixture.CreateGameAsync(league);
        ExchangeSetup.GameInfo elsewhere = await fixture.CreateGameAsync(NewLeague());
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 100_000);
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        await PostAsync(maker,
            ExchangeSetup.Moneyline(gameA, gameA.HomeId, 150, 100, "post"),     // home: risk 100, win 150 …
            ExchangeSetup.Moneyline(gameB, gameB.AwayId, -120, 60, "post"),     // away: risk 60, win 50
            Spread(gameB, gameB.HomeId, -3.5m, 105, 100),                       // home: risk 100, win 105
            Spread(gameB, gameB.AwayId, 6m, -120, 120),                         // away: risk 120, win 100
            Total(gameB, "over", 200.5m, -110, 55),                             // over: risk 55, win 50
            Total(gameB, "under", 210.5m, 100, 30),                             // under: risk 30, win 30
            ExchangeSetup.Moneyline(elsewhere, elsewhere.HomeId, 200, 10, "post")); // another league: not counted
        // The taker puts up 75 at -150 against the +150 order: 50 of its 100 is matched, 50 rests (win 75).
        await PostAsync(taker, ExchangeSetup.Moneyline(gameA, gameA.AwayId, -150, 75, "fillAndKill"));
        await PostAsync(viewer, ExchangeSetup.Moneyline(gameB, gameB.HomeId, 200, 20, "post"));

        OpenLineClient.Response mine = await maker.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={gameA.Id}");
        OpenLineClient.Response theirs = await viewer.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={gameA.Id}");
        OpenLineClient.Response takers = await taker.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={gameA.Id}");

        // One summary per game of the league where the caller rests orders (orderSummary is an array of objects).
        JsonArray summaries = mine.Data["orderSummary"]!.AsArray();
        Assert.Equal(new[] { gameA.Id, gameB.Id }.Order(StringComparer.Ordinal), summaries.Select(g => g!["gameID"]!.GetValue<string>()));
        JsonNode onA = summaries.Single(g => g!["gameID"]!.GetValue<string>() == gameA.Id)!;
        JsonNode onB = summaries.Single(g => g!["gameID"]!.GetValue<string>() == gameB.Id)!;
        AssertSides(onA["ml"]!, homeRisk: 50, awayRisk: 0, homeWin: 75, awayWin: 0);
        AssertSides(onB["ml"]!, homeRisk: 0, awayRisk: 60, homeWin: 0, awayWin: 50);
        AssertSides(onB["spread"]!, homeRisk: 100, awayRisk: 120, homeWin: 105, awayWin: 100);
        AssertTotals(onB["total"]!, overRisk: 55, underRisk: 30, overWin: 50, underWin: 30);
        JsonNode viewers = Assert.Single(theirs.Data["orderSummary"]!.AsArray())!;
        Assert.Equal(gameB.Id, viewers["gameID"]!.GetValue<string>());
        AssertSides(viewers["ml"]!, homeRisk: 20, awayRisk: 0, homeWin: 40, awayWin: 0);
        AssertSides(viewers["spread"]!, 0, 0, 0, 0);
        AssertTotals(viewers["total"]!, 0, 0, 0, 0);
        Assert.Empty(takers.Data["orderSummary"]!.AsArray()); // a taker's fill is a bet, not a resting order

        JsonNode partly = mine.Data["game"]!["awayMoneylines"]![0]!;
        Assert.Equal(0.5m, partly["takenRatio"]!.GetValue<decimal>());
        Assert.Equal(75m, partly["sumUntaken"]!.GetValue<decimal>());
        Assert.Equal(100m, partly["bet"]!.GetValue<decimal>());
        Assert.Equal(125m, mine.Data["game"]!["matchedVolume"]!.GetValue<decimal>()); // 75 taker + 50 maker
        Assert.Equal(100m, mine.Data["game"]!["openInterest"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Soccer_games_carry_yes_and_no_books_for_home_away_and_draw()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(NewLeague(), "soccer");
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        await PostAsync(maker,
            new { gameID = game.Id, type = "moneyline1x2", side = "no", market = game.HomeId, odds = -120, bet = 600, orderType = "post" },
            new { gameID = game.Id, type = "moneyline1x2", side = "yes", market = "draw", odds = 250, bet = 100, orderType = "post" });

        JsonNode book = (await viewer.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={game.Id}")).Data["game"]!;

        JsonNode homeYes = book["homeMoneylines1x2"]!["homeYes"]!.AsArray().Single()!;
        Assert.Equal("moneyline1x2", homeYes["type"]!.GetValue<string>());
        Assert.Equal("yes", homeYes["side"]!.GetValue<string>());
        Assert.Equal(game.HomeId, homeYes["market"]!.GetValue<string>());
        Assert.Equal(120, homeYes["odds"]!.GetValue<int>());
        Assert.Equal(500m, homeYes["sumUntaken"]!.GetValue<decimal>());
        Assert.Empty(book["homeMoneylines1x2"]!["homeNo"]!.AsArray());
        JsonNode drawNo = book["draw1x2"]!["drawNo"]!.AsArray().Single()!;
        Assert.Equal("no", drawNo["side"]!.GetValue<string>());
        Assert.Equal("draw", drawNo["market"]!.GetValue<string>());
        Assert.Equal(-250, drawNo["odds"]!.GetValue<int>());
        Assert.Equal(250m, drawNo["sumUntaken"]!.GetValue<decimal>());
        Assert.Empty(book["draw1x2"]!["drawYes"]!.AsArray());
        Assert.Empty(book["awayMoneylines1x2"]!["awayYes"]!.AsArray());
        Assert.Empty(book["awayMoneylines1x2"]!["awayNo"]!.AsArray());
        Assert.Null(book["mainHomeSpread"]);
        Assert.True(book.AsObject().ContainsKey("mainHomeSpread"));
        Assert.Null(book["mainTotal"]);
        Assert.Equal(700m, book["openInterest"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Single_orderbook_answers_post_and_any_path_case_and_tells_errors_apart()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(NewLeague());
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response posted = await viewer.Client.PostAsync("/exchange/getSingleOrderbook", new { gameID = game.Id });
        OpenLineClient.Response shouted = await viewer.Client.GetAsync($"/EXCHANGE/GETSINGLEORDERBOOK?gameID={game.Id}");
        OpenLineClient.Response missing = await viewer.Client.GetAsync("/exchange/getSingleOrderbook");
        OpenLineClient.Response malformed = await viewer.Client.GetAsync("/exchange/getSingleOrderbook?gameID=zzz");
        OpenLineClient.Response unknown = await viewer.Client.GetAsync("/exchange/getSingleOrderbook?gameID=688c0516fbc14da0c202d426");
        OpenLineClient.Response noToken = await anonymous.GetAsync($"/exchange/getSingleOrderbook?gameID={game.Id}");

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal(game.Id, posted.Data["game"]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, shouted.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("gameID is required.", missing.Error);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("game not found", unknown.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Equal("InvalidCredentials", noToken.Error);
    }

    // ---- v1 getOrderbook -------------------------------------------------------------------------

    [Fact]
    public async Task League_orderbook_lists_every_game_of_the_league_nested_with_a_null_market()
    {
        string league = NewLeague();
        ExchangeSetup.GameInfo later = await fixture.CreateGameAsync(league, start: DateTimeOffset.UtcNow.AddDays(2));
        ExchangeSetup.GameInfo sooner = await fixture.CreateGameAsync(league, start: DateTimeOffset.UtcNow.AddDays(1));
        await fixture.CreateGameAsync(NewLeague());
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        await PostAsync(maker, Total(sooner, "under", 210m, 120, 50)); // taker gets over 210 at -120, may stake 60

        OpenLineClient.Response posted = await maker.Client.PostAsync("/exchange/getOrderbook", new { leagueRequested = league.ToLowerInvariant() });
        OpenLineClient.Response viaGet = await maker.Client.GetAsync($"/exchange/getOrderbook?leagueRequested={league}");

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.True(posted.Data.AsObject().ContainsKey("market"));
        Assert.Null(posted.Data["market"]);
        JsonArray games = posted.Data["games"]!.AsArray();
        Assert.Equal([sooner.Id, later.Id], games.Select(g => g!["id"]!.GetValue<string>()));
        JsonNode over = games[0]!["over"]!["210"]!.AsArray().Single()!;
        Assert.Equal(-120, over["odds"]!.GetValue<int>());
        Assert.Equal(60m, over["sumUntaken"]!.GetValue<decimal>());
        Assert.Equal(maker.Username, over["createdBy"]!.GetValue<string>());
        Assert.Equal(210m, games[0]!["mainTotal"]!.GetValue<decimal>());
        Assert.IsType<JsonObject>(games[1]!["awaySpreads"]);
        Assert.Empty(Keys(games[1]!["under"]!));
        Assert.False(games[0]!.AsObject().ContainsKey("orderSummary"));
        Assert.Equal(posted.Raw, viaGet.Raw);
    }

    [Fact]
    public async Task League_orderbook_requires_a_league_and_a_token_and_is_empty_for_an_unknown_league()
    {
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response missing = await viewer.Client.PostAsync("/exchange/getOrderbook", new { });
        OpenLineClient.Response blank = await viewer.Client.PostAsync("/exchange/getOrderbook", new { leagueRequested = "  " });
        OpenLineClient.Response unknown = await viewer.Client.PostAsync("/exchange/getOrderbook", new { leagueRequested = NewLeague() });
        OpenLineClient.Response noToken = await anonymous.PostAsync("/exchange/getOrderbook", new { leagueRequested = "NBA" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("leagueRequested is required.", missing.Error);
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Empty(unknown.Data["games"]!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
    }

    // ---- getOddsForAveragePrice ------------------------------------------------------------------

    [Fact]
    public async Task Average_price_sweeps_500_dollars_in_multiplier_space_and_quotes_best_prices_and_sizes()
    {
        string league = NewLeague();
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(league, start: DateTimeOffset.UtcNow.AddDays(1));
        ExchangeSetup.GameInfo quiet = await fixture.CreateGameAsync(league, start: DateTimeOffset.UtcNow.AddDays(2));
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 100_000);
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        await PostAsync(maker,
            // Home takers: -110 for up to 330, -120 for up to 240, -130 for up to 1300.
            ExchangeSetup.Moneyline(game, game.AwayId, 110, 300, "post"),
            ExchangeSetup.Moneyline(game, game.AwayId, 120, 200, "post"),
            ExchangeSetup.Moneyline(game, game.AwayId, 130, 1000, "post"),
            // Away takers: -105 for up to 105, -115 for up to 115 (220 in all, less than $500).
            ExchangeSetup.Moneyline(game, game.HomeId, 105, 100, "post"),
            ExchangeSetup.Moneyline(game, game.HomeId, 115, 100, "post"),
            // Spread line 3.5 rests 105 (main); line 6 only 20.
            Spread(game, game.AwayId, 3.5m, -105, 105), // home taker: -3.5 at +105 for up to 100
            Spread(game, game.HomeId, -6m, 100, 20));   // away taker: +6 at +100 for up to 20

        OpenLineClient.Response response = await viewer.Client.GetAsync($"/exchange/getOddsForAveragePrice?leagueRequested={league.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Body!.AsObject().ContainsKey("data"), "this endpoint answers at the top level");
        JsonArray games = response.Body["games"]!.AsArray();
        Assert.Equal([game.Id, quiet.Id], games.Select(g => g!["id"]!.GetValue<string>()));
        JsonNode first = games[0]!;
        Assert.False(first.AsObject().ContainsKey("awayMoneylines"), "per-market arrays are stripped");
        Assert.False(first.AsObject().ContainsKey("over"));
        Assert.Equal(league, first["league"]!.GetValue<string>());
        Assert.Equal(0m, first["matchedVolume"]!.GetValue<decimal>());
        Assert.Equal(-3.5m, first["mainHomeSpread"]!.GetValue<decimal>());
        Assert.Equal(3.5m, first["mainAwaySpread"]!.GetValue<decimal>());
        Assert.Null(first["mainTotal"]);
        JsonNode odds = first["odds"]!;

        // Home: sweep 330 at -110 and 170 at -120: wins 300 + 141.67 for 500, m = 0.88333 = -113.2 → -114.
        Assert.Equal(-110, Int(odds, "bestHomeMoneyline"));
        Assert.Equal(-114, Int(odds, "averageHomeMoneyline"));
        Assert.Equal(-112, Int(odds, "bestHomeMoneylineWithCommission")); // m = 0.99 × 100/110 = 0.9 → -111.1 → -112
        Assert.Equal(330, Int(odds, "bestHomeMoneylinePriceLimit"));
        Assert.Equal(330, Int(odds, "homeMoneylineMaxBet")); // only -110 is at -114 or better
        // Away: everything (220): wins 100 + 100 for 220, m = 10/11 exactly → -110.
        Assert.Equal(-105, Int(odds, "bestAwayMoneyline"));
        Assert.Equal(-110, Int(odds, "averageAwayMoneyline"));
        Assert.Equal(-107, Int(odds, "bestAwayMoneylineWithCommission")); // m = 0.99 × 100/105 = 0.942857 → -106.06 → -107
        Assert.Equal(105, Int(odds, "bestAwayMoneylinePriceLimit"));
        Assert.Equal(105, Int(odds, "awayMoneylineMaxBet"));
        Assert.Equal(330, Int(odds, "maxMoneyLineBet"));
        // Spreads are quoted on the main line (3.5), where only home takers have an offer.
        Assert.Equal(-3.5m, odds["mainHomeSpread"]!.GetValue<decimal>());
        Assert.Equal(3.5m, odds["mainAwaySpread"]!.GetValue<decimal>());
        Assert.Equal(105, Int(odds, "bestHomeSpread"));
        Assert.Equal(105, Int(odds, "averageHomeSpread"));
        Assert.Equal(103, Int(odds, "bestHomeSpreadWithCommission")); // m = 0.99 × 1.05 = 1.0395 → +103
        Assert.Equal(100, Int(odds, "bestHomeSpreadPriceLimit"));
        Assert.Equal(100, Int(odds, "maxHomeSpreadBet"));
        Assert.Equal(100, Int(odds, "maxSpreadBet"));
        Assert.Equal(0, Int(odds, "maxAwaySpreadBet"));
        foreach (string field in new[] { "averageAwaySpread", "bestAwaySpread", "bestAwaySpreadWithCommission", "bestAwaySpreadPriceLimit",
            "averageOver", "bestOver", "bestOverWithCommission", "bestOverPriceLimit", "averageUnder", "bestUnder",
            "bestUnderWithCommission", "bestUnderPriceLimit", "mainTotal" })
        {
            Assert.True(odds.AsObject().ContainsKey(field), field);
            Assert.Null(odds[field]);
        }
        Assert.Equal(0, Int(odds, "maxTotalBet"));
        Assert.Equal(0, Int(odds, "maxOverBet"));
        Assert.Equal(0, Int(odds, "maxUnderBet"));

        JsonNode empty = games[1]!["odds"]!;
        Assert.Equal(OddsFields, Keys(empty)); // every field of API §3.1, in its order
        Assert.All(empty.AsObject().Where(f => !f.Key.Contains("max", StringComparison.OrdinalIgnoreCase)), f => Assert.Null(f.Value));
        Assert.All(empty.AsObject().Where(f => f.Key.Contains("max", StringComparison.OrdinalIgnoreCase)), f => Assert.Equal(0, f.Value!.GetValue<int>()));
    }

    [Fact]
    public async Task Average_price_answers_post_and_requires_a_league_and_a_token()
    {
        string league = NewLeague();
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(league);
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response posted = await viewer.Client.PostAsync("/exchange/getOddsForAveragePrice", new { leagueRequested = league });
        OpenLineClient.Response missing = await viewer.Client.GetAsync("/exchange/getOddsForAveragePrice");
        OpenLineClient.Response noToken = await anonymous.GetAsync($"/exchange/getOddsForAveragePrice?leagueRequested={league}");

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal(game.Id, posted.Body!["games"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("leagueRequested is required.", missing.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
    }

    // ---- getParticipants -------------------------------------------------------------------------

    [Fact]
    public async Task Participants_are_listed_once_each_and_active_keeps_only_those_of_open_games()
    {
        string league = NewLeague();
        string tag = Guid.NewGuid().ToString("n")[..6];
        await CreateGameAsync(league, $"Hawks {tag}", $"Owls {tag}", DateTimeOffset.UtcNow.AddDays(1));
        await CreateGameAsync(league, $"Owls {tag}", $"Hawks {tag}", DateTimeOffset.UtcNow.AddDays(2)); // the same two again
        await CreateGameAsync(league, $"Bears {tag}", $"Wolves {tag}", DateTimeOffset.UtcNow.AddHours(-1)); // already started
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();

        OpenLineClient.Response active = await viewer.Client.GetAsync("/exchange/getParticipants?active=true");
        OpenLineClient.Response all = await viewer.Client.GetAsync("/exchange/getParticipants?active=false");
        OpenLineClient.Response unfiltered = await viewer.Client.GetAsync("/exchange/getParticipants");
        OpenLineClient.Response posted = await viewer.Client.PostAsync("/exchange/getParticipants", new { active = true });

        Assert.Equal([$"Hawks {tag}", $"Owls {tag}"], Names(active, league));
        Assert.Equal([$"Bears {tag}", $"Hawks {tag}", $"Owls {tag}", $"Wolves {tag}"], Names(all, league));
        Assert.Equal(Names(all, league), Names(unfiltered, league));
        Assert.Equal(Names(active, league), Names(posted, league));
        JsonNode hawks = active.Data["participants"]!.AsArray().Single(p => p!["longName"]!.GetValue<string>() == $"Hawks {tag}")!;
        Assert.Equal(["participantID", "longName", "shortName", "league", "sport"], hawks.AsObject().Select(f => f.Key));
        Assert.Matches("^[0-9a-f]{24}$", hawks["participantID"]!.GetValue<string>());
        Assert.Equal("HAW", hawks["shortName"]!.GetValue<string>());
        Assert.Equal(league, hawks["league"]!.GetValue<string>());
        Assert.Equal("basketball", hawks["sport"]!.GetValue<string>());
    }

    [Fact]
    public async Task Participants_reject_an_unknown_active_value_and_a_missing_token()
    {
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response bad = await viewer.Client.GetAsync("/exchange/getParticipants?active=maybe");
        OpenLineClient.Response noToken = await anonymous.GetAsync("/exchange/getParticipants");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
    }

    // ---- getMatchedVolume ------------------------------------------------------------------------

    [Fact]
    public async Task Matched_volume_counts_both_stakes_of_todays_fills_and_clamps_a_future_end_date()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(NewLeague());
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        string today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Eastern).DateTime).ToString("yyyy-MM-dd");
        decimal before = (await taker.Client.GetAsync($"/exchange/getMatchedVolume?startDate={today}&endDate={today}")).Data["matchedVolume"]!.GetValue<decimal>();
        await PostAsync(maker, ExchangeSetup.Moneyline(game, game.HomeId, 150, 100, "post"));
        await PostAsync(taker, ExchangeSetup.Moneyline(game, game.AwayId, -150, 75, "fillAndKill")); // 75 + 50

        OpenLineClient.Response after = await taker.Client.GetAsync($"/exchange/getMatchedVolume?startDate={today}&endDate={today}");
        OpenLineClient.Response future = await taker.Client.PostAsync("/exchange/getMatchedVolume", new { startDate = today, endDate = "2999-12-31" });
        OpenLineClient.Response past = await taker.Client.GetAsync("/exchange/getMatchedVolume?startDate=2001-01-01&endDate=2001-01-31");

        Assert.Equal(before + 125m, after.Data["matchedVolume"]!.GetValue<decimal>());
        Assert.Equal(today, after.Data["startDate"]!.GetValue<string>());
        Assert.Equal(today, after.Data["endDate"]!.GetValue<string>());
        Assert.Equal(before + 125m, future.Data["matchedVolume"]!.GetValue<decimal>());
        Assert.Equal("2999-12-31", future.Data["endDate"]!.GetValue<string>()); // echoed before clamping
        Assert.Equal(0m, past.Data["matchedVolume"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?startDate=2026-01-01")]
    [InlineData("?endDate=2026-01-01")]
    [InlineData("?startDate=2026-1-01&endDate=2026-01-02")]
    [InlineData("?startDate=2026-02-30&endDate=2026-03-01")]
    [InlineData("?startDate=01/02/2026&endDate=2026-01-03")]
    [InlineData("?startDate=2026-01-02T00:00:00Z&endDate=2026-01-03")]
    [InlineData("?startDate=2026-01-05&endDate=2026-01-04")]
    public async Task Matched_volume_rejects_missing_malformed_and_misordered_dates(string query)
    {
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await viewer.Client.GetAsync("/exchange/getMatchedVolume" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(string.IsNullOrEmpty(response.Error));
    }

    [Fact]
    public async Task Matched_volume_needs_a_token()
    {
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response response = await anonymous.GetAsync("/exchange/getMatchedVolume?startDate=2026-01-01&endDate=2026-01-02");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Matched_volume_splits_days_at_midnight_us_eastern_not_utc()
    {
        // 04:30Z on 8 March 2026 is 23:30 on the 7th in New York (EST, UTC-5).
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 8, 4, 30, 0, TimeSpan.Zero));
        await using TestServer server = await TestServer.StartAsync(clock);
        ExchangeSetup.User maker = await server.CreateUserAsync();
        ExchangeSetup.User taker = await server.CreateUserAsync();
        ExchangeSetup.GameInfo game = await server.CreateGameAsync(start: new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));

        await PostAsync(maker, ExchangeSetup.Moneyline(game, game.HomeId, 150, 100, "post"));
        await PostAsync(taker, ExchangeSetup.Moneyline(game, game.AwayId, -150, 75, "fillAndKill")); // 125 on the 7th
        clock.Advance(TimeSpan.FromHours(1)); // 00:30 on the 8th in New York
        await PostAsync(maker, ExchangeSetup.Moneyline(game, game.HomeId, 100, 40, "post"));
        await PostAsync(taker, ExchangeSetup.Moneyline(game, game.AwayId, 100, 40, "fillAndKill")); // 80 on the 8th

        Assert.Equal(125m, await VolumeAsync(taker.Client, "2026-03-07", "2026-03-07"));
        Assert.Equal(80m, await VolumeAsync(taker.Client, "2026-03-08", "2026-03-08"));
        Assert.Equal(205m, await VolumeAsync(taker.Client, "2026-03-01", "2026-03-09")); // the 9th is tomorrow: clamped to today
        Assert.Equal(0m, await VolumeAsync(taker.Client, "2026-03-09", "2026-03-10")); // starts after today
        Assert.Equal(0m, await VolumeAsync(taker.Client, "2026-03-06", "2026-03-06"));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /// <summary>The <c>odds</c> fields API §3.1 lists, in its order.</summary>
    private static readonly string[] OddsFields =
    [
        "averageHomeMoneyline", "bestHomeMoneyline", "bestHomeMoneylineWithCommission", "bestHomeMoneylinePriceLimit",
        "averageAwayMoneyline", "bestAwayMoneyline", "bestAwayMoneylineWithCommission", "bestAwayMoneylinePriceLimit",
        "averageHomeSpread", "bestHomeSpread", "bestHomeSpreadWithCommission", "bestHomeSpreadPriceLimit", "mainHomeSpread",
        "averageAwaySpread", "bestAwaySpread", "bestAwaySpreadWithCommission", "bestAwaySpreadPriceLimit", "mainAwaySpread",
        "averageOver", "bestOver", "bestOverWithCommission", "bestOverPriceLimit",
        "averageUnder", "bestUnder", "bestUnderWithCommission", "bestUnderPriceLimit", "mainTotal",
        "maxMoneyLineBet", "homeMoneylineMaxBet", "awayMoneylineMaxBet", "maxTotalBet", "maxOverBet", "maxUnderBet",
        "maxSpreadBet", "maxHomeSpreadBet", "maxAwaySpreadBet",
    ];

    private static string NewLeague() => "B" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();

    private static object Spread(ExchangeSetup.GameInfo game, string side, decimal number, int odds, decimal bet) =>
        new { gameID = game.Id, type = "spread", side, number, odds, bet, orderType = "post" };

    private static object Total(ExchangeSetup.GameInfo game, string side, decimal number, int odds, decimal bet) =>
        new { gameID = game.Id, type = "total", side, number, odds, bet, orderType = "post" };

    /// <summary>Places the orders and fails the test if any of them was refused.</summary>
    private static async Task PostAsync(ExchangeSetup.User user, params object[] orders)
    {
        JsonArray sessions = await user.PlaceAsync(orders);
        Assert.All(sessions, s => Assert.False(s!.AsObject().ContainsKey("error"), s.ToJsonString()));
    }

    private static async Task<decimal> VolumeAsync(OpenLineClient client, string startDate, string endDate)
    {
        OpenLineClient.Response response = await client.GetAsync($"/exchange/getMatchedVolume?startDate={startDate}&endDate={endDate}");
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        Assert.Equal(endDate, response.Data["endDate"]!.GetValue<string>());
        return response.Data["matchedVolume"]!.GetValue<decimal>();
    }

    private async Task CreateGameAsync(string league, string away, string home, DateTimeOffset start)
    {
        OpenLineClient.Response created = await fixture.Admin.PostAsync("/admin/games", new
        {
            league,
            sport = "basketball",
            start = start.ToString("O"),
            participants = new[] { new { longName = away, shortName = away[..3].ToUpperInvariant() }, new { longName = home, shortName = home[..3].ToUpperInvariant() } },
        });
        Assert.True(created.Status == HttpStatusCode.OK, created.Raw);
    }

    private static string[] Names(OpenLineClient.Response response, string league)
    {
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        JsonNode[] mine = response.Data["participants"]!.AsArray().Select(p => p!).Where(p => p["league"]!.GetValue<string>() == league).ToArray();
        Assert.Equal(mine.Length, mine.Select(p => p["participantID"]!.GetValue<string>()).Distinct().Count());
        return mine.Select(p => p["longName"]!.GetValue<string>()).ToArray();
    }

    private static string[] Keys(JsonNode node) => node.AsObject().Select(f => f.Key).ToArray();

    private static IEnumerable<JsonNode> AllEntries(JsonNode book)
    {
        foreach (string name in new[] { "awayMoneylines", "homeMoneylines" })
        {
            foreach (JsonNode? o in book[name]!.AsArray())
            {
                yield return o!;
            }
        }
        foreach (string name in new[] { "awaySpreads", "homeSpreads", "over", "under" })
        {
            foreach (KeyValuePair<string, JsonNode?> line in book[name]!.AsObject())
            {
                foreach (JsonNode? o in line.Value!.AsArray())
                {
                    yield return o!;
                }
            }
        }
    }

    private static int Int(JsonNode odds, string field) => odds[field]!.GetValue<int>();

    private static void AssertSides(JsonNode sides, decimal homeRisk, decimal awayRisk, decimal homeWin, decimal awayWin)
    {
        Assert.Equal(homeRisk, sides["homeRisk"]!.GetValue<decimal>());
        Assert.Equal(awayRisk, sides["awayRisk"]!.GetValue<decimal>());
        Assert.Equal(homeWin, sides["homeWin"]!.GetValue<decimal>());
        Assert.Equal(awayWin, sides["awayWin"]!.GetValue<decimal>());
    }

    private static void AssertTotals(JsonNode totals, decimal overRisk, decimal underRisk, decimal overWin, decimal underWin)
    {
        Assert.Equal(overRisk, totals["overRisk"]!.GetValue<decimal>());
        Assert.Equal(underRisk, totals["underRisk"]!.GetValue<decimal>());
        Assert.Equal(overWin, totals["overWin"]!.GetValue<decimal>());
        Assert.Equal(underWin, totals["underWin"]!.GetValue<decimal>());
    }
}
