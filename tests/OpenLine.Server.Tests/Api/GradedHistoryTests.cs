using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Api;
using OpenLine.Server.Sequencing;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// Settled bets (API §3.3 getGraded, getGradedWagers, getGradedSince; §4.9; §8.9; §8.12; rules §7):
/// row figures worked by hand from the ledger, the game-start window in both date formats, the
/// settlement-order walk with its cursor and <c>settledThrough</c>, the per-user limits, and the
/// lookups that show a bet in its graded state. Games are graded before their start (the engine allows
/// it), so every window here is explicit.
/// </summary>
public sealed class GradedHistoryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateTimeOffset StartOf(ExchangeSetup.GameInfo game) => Time(game.Json["start"]);

    private static object Post(ExchangeSetup.GameInfo game, string side, int odds, decimal bet, string? reference = null) =>
        ExchangeSetup.Moneyline(game, side, odds, bet, "post", reference);

    private static async Task<string> TakeAsync(ExchangeSetup.User taker, object order) =>
        Text((await taker.PlaceAsync(order))[0]!["matched"]![0]!["txID"]);

    /// <summary>getGraded over the two days around the game's start.</summary>
    private static async Task<JsonNode> GradedAroundAsync(ExchangeSetup.User user, ExchangeSetup.GameInfo game)
    {
        DateTimeOffset start = StartOf(game);
        OpenLineClient.Response response = await user.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(start.AddDays(-1))}&endDate={Iso(start.AddDays(1))}");
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        return response.Data;
    }

    private static JsonNode OnlyRow(JsonNode data) => Assert.Single(data["graded"]!.AsArray())!;

    private static (string Outcome, string Risk, string Win, string Fee, string Result) Figures(JsonNode row) =>
        (Text(row["outcome"]), Text(row["risk"]), Text(row["win"]), Text(row["fee"]), Text(row["result"]));

    private static async Task<OpenLineClient.Response> SinceAsync(ExchangeSetup.User user, DateTimeOffset since)
    {
        OpenLineClient.Response response = await user.Client.GetAsync($"/user/v2/getGradedSince?since={Iso(since)}");
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        return response;
    }

    private static async Task<OpenLineClient.Response> NextAsync(ExchangeSetup.User user, string cursor)
    {
        OpenLineClient.Response response = await user.Client.GetAsync($"/user/v2/getGradedSince?cursor={Uri.EscapeDataString(cursor)}");
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        return response;
    }

    // ---- Row figures ------------------------------------------------------------------------

    [Fact]
    public async Task A_losing_taker_row_has_the_figures_of_the_spec_example_and_the_maker_row_mirrors_it()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        JsonNode made = (await maker.PlaceAsync(Post(game, game.HomeId, -101, 10.10m, "mk")))[0]!;
        // API §8.9 "Graded": bet 1 at +101 with c = 1%: A = 1, G = 1.01; it loses: fee = 1% × min(1, 1.01) = 0.01,
        // risk = 1.01, win = 1.01 − 0.01 = 1.00, result = −1.01.
        JsonNode taken = (await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 101, 1)))[0]!;
        string txId = Text(taken["matched"]![0]!["txID"]);
        await fixture.GradeAsync(game.Id, 90, 100);

        JsonNode takerData = await GradedAroundAsync(taker, game);
        JsonNode makerData = await GradedAroundAsync(maker, game);

        JsonNode row = OnlyRow(takerData);
        Assert.Equal(("loser", "1.01", "1.00", "0.01", "-1.01"), Figures(row));
        Assert.Equal(txId, Text(row["txID"]));
        Assert.Equal(Text(taken["matched"]![0]!["wagerRequestID"]), Text(row["id"])); // nothing rested: the row id is the wager request
        Assert.Equal(Text(row["id"]), Text(row["wagerRequestID"]));
        Assert.Equal(("wager", "moneyline", 1m, 101, game.AwayId), (Text(row["origin"]), Text(row["type"]), row["bet"]!.GetValue<decimal>(), row["odds"]!.GetValue<int>(), Text(row["participantID"])));
        Assert.Equal((true, false, false, false, "api"), (row["graded"]!.GetValue<bool>(), row["closed"]!.GetValue<bool>(), row["cancelled"]!.GetValue<bool>(), row["adminRefund"]!.GetValue<bool>(), Text(row["platform"])));
        Assert.Matches("^[0-9a-f]{32}$", Text(row["ticketNumber"]));
        Assert.True(Time(row["settledAt"]) >= Time(row["matchedTime"]));
        foreach (string absent in new[] { "spread", "total", "OU", "market", "side", "takenRatio", "userReference", "isPostArb" })
        {
            Assert.False(row.AsObject().ContainsKey(absent), absent);
        }
        JsonNode gameRow = row["game"]!;
        Assert.Equal((game.Id, true, false, false, "Full Time"), (Text(gameRow["id"]), gameRow["ended"]!.GetValue<bool>(), gameRow["live"]!.GetValue<bool>(), gameRow["isSpecials"]!.GetValue<bool>(), Text(gameRow["periodName"])));
        Assert.True(gameRow.AsObject().ContainsKey("tournamentName") && gameRow["tournamentName"] is null);
        Assert.False(gameRow.AsObject().ContainsKey("isFutures"));
        Assert.Equal([(game.AwayId, "away", 90), (game.HomeId, "home", 100)],
            gameRow["participants"]!.AsArray().Select(p => (Text(p!["id"]), Text(p["homeAway"]), p["score"]!.GetValue<int>())));
        Assert.Equal((-1, 1), (takerData["summary"]!["pnl"]!.GetValue<int>(), takerData["summary"]!["volume"]!.GetValue<int>()));

        JsonNode makerRow = OnlyRow(makerData);
        // The maker staked G = 1.01 at −101 to win A = 1; it pays no commission.
        Assert.Equal(("winner", "1.01", "1.00", "0.00", "1.00"), Figures(makerRow));
        Assert.Equal(("offer", 1.01m, -101, game.HomeId, "mk"), (Text(makerRow["origin"]), makerRow["bet"]!.GetValue<decimal>(), makerRow["odds"]!.GetValue<int>(), Text(makerRow["participantID"]), Text(makerRow["userReference"])));
        Assert.Equal(Text(made["unmatched"]!["orderID"]), Text(makerRow["id"]));
        Assert.Equal(0.1m, makerRow["takenRatio"]!.GetValue<decimal>());
        Assert.True(makerRow["cancelled"]!.GetValue<bool>()); // the other 90% was cancelled as the market closed at grading
        Assert.True(makerRow.AsObject().ContainsKey("spread") && makerRow["spread"] is null && makerRow["total"] is null);
        Assert.Equal(txId, Text(makerRow["txID"]));
        Assert.NotEqual(Text(row["ticketNumber"]), Text(makerRow["ticketNumber"]));
        Assert.Equal((1, 1), (makerData["summary"]!["pnl"]!.GetValue<int>(), makerData["summary"]!["volume"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_winning_taker_pays_commission_out_of_the_win_and_the_maker_loses_its_stake()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 200));
        // −150 for 120: A = 120, G = 80. The home side wins: fee = 1% × 80 = 0.80; risk 120.80, win 79.20, result +79.20.
        await TakeAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 120));
        await fixture.GradeAsync(game.Id, 100, 110);

        JsonNode row = OnlyRow(await GradedAroundAsync(taker, game));
        JsonNode makerRow = OnlyRow(await GradedAroundAsync(maker, game));

        Assert.Equal(("winner", "120.80", "79.20", "0.80", "79.20"), Figures(row));
        Assert.Equal(("loser", "80.00", "120.00", "0.00", "-80.00"), Figures(makerRow));
        Assert.Equal((80m, 150, 0.4m), (makerRow["bet"]!.GetValue<decimal>(), makerRow["odds"]!.GetValue<int>(), makerRow["takenRatio"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_maker_row_says_cancelled_only_when_the_rest_of_its_order_was_cancelled()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 80)); // G = 80 against A = 120: taken whole
        await TakeAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 120));
        await fixture.GradeAsync(game.Id, 100, 110);

        JsonNode makerRow = OnlyRow(await GradedAroundAsync(maker, game));

        Assert.Equal((1m, false), (makerRow["takenRatio"]!.GetValue<decimal>(), makerRow["cancelled"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task An_order_placed_from_the_web_page_shows_platform_web_in_its_graded_row_and_feed_and_the_api_ones_api()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 200)); // with the Authorization header: a bot
        // The web page logs in with the auth cookie and places with it.
        var browser = new OpenLineClient(fixture.Server.CreateHttpClient());
        OpenLineClient.Response login = await browser.PostAsync("/user/login", new { username = taker.Username, password = taker.Password });
        string cookie = login.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth=", StringComparison.Ordinal)).Split(';')[0];
        OpenLineClient.Response placed = await browser.SendAsync(HttpMethod.Post, "/session/v3/place",
            new { orders = new[] { ExchangeSetup.Moneyline(game, game.HomeId, -150, 120, "fillAndKill") } }, r => r.Headers.Add("Cookie", cookie));
        Assert.True(placed.Status == HttpStatusCode.OK, placed.Raw);
        await fixture.GradeAsync(game.Id, 100, 110);

        JsonNode takerRow = OnlyRow(await GradedAroundAsync(taker, game));
        JsonNode makerRow = OnlyRow(await GradedAroundAsync(maker, game));
        string FeedPlatforms(JsonNode messages) => string.Join(",", messages.AsArray().Select(m => Text(m!["platform"])));

        Assert.Equal(("web", "api"), (Text(takerRow["platform"]), Text(makerRow["platform"])));
        Assert.Equal("web,web", FeedPlatforms((await taker.Client.GetAsync("/v2/user/messages?afterID=0")).Body!["messages"]!)); // fill, graded
        Assert.Equal("api,api,api,api", FeedPlatforms((await maker.Client.GetAsync("/v2/user/messages?afterID=0")).Body!["messages"]!)); // rest, fill, the rest cancelled as the market closed, graded
    }

    [Fact]
    public async Task A_push_on_a_whole_spread_refunds_both_sides_without_commission()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(new { gameID = game.Id, type = "spread", side = game.HomeId, number = -3, odds = -110, bet = 55, orderType = "post" });
        // Away +3 at +110 for 50: A = 50, G = 55. Home wins by exactly 3: a push (rules §7), no fee.
        await TakeAsync(taker, new { gameID = game.Id, type = "spread", side = game.AwayId, number = 3, odds = 110, bet = 50 });
        await fixture.GradeAsync(game.Id, 97, 100);

        JsonNode takerData = await GradedAroundAsync(taker, game);
        JsonNode row = OnlyRow(takerData);
        JsonNode makerRow = OnlyRow(await GradedAroundAsync(maker, game));

        Assert.Equal(("refunded", "50.00", "55.00", "0.00", "0.00"), Figures(row));
        Assert.Equal((3m, game.AwayId), (row["spread"]!.GetValue<decimal>(), Text(row["participantID"])));
        Assert.False(row.AsObject().ContainsKey("total"));
        Assert.Equal(("refunded", "55.00", "50.00", "0.00", "0.00"), Figures(makerRow));
        Assert.Equal(-3m, makerRow["spread"]!.GetValue<decimal>());
        Assert.True(makerRow.AsObject().ContainsKey("total") && makerRow["total"] is null);
        Assert.Equal((0, 50), (takerData["summary"]!["pnl"]!.GetValue<int>(), takerData["summary"]!["volume"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_quarter_total_lands_half_won_for_the_taker_and_half_lost_for_the_maker()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(new { gameID = game.Id, type = "total", side = "over", number = 200.25, odds = -120, bet = 120, orderType = "post" });
        // Under 200.25 at +120 for 100: A = 100, G = 120. A total of 200 pushes under 200 and wins under 200.5:
        // half-win, the taker wins G/2 = 60 less fee 1% × 60 = 0.60 (rules §7); risk 100.60, win 120 − 0.60 = 119.40.
        await TakeAsync(taker, new { gameID = game.Id, type = "total", side = "under", number = 200.25, odds = 120, bet = 100 });
        await fixture.GradeAsync(game.Id, 100, 100);

        JsonNode row = OnlyRow(await GradedAroundAsync(taker, game));
        JsonNode makerRow = OnlyRow(await GradedAroundAsync(maker, game));

        Assert.Equal(("half-win", "100.60", "119.40", "0.60", "59.40"), Figures(row));
        Assert.Equal(("under", 200.25m), (Text(row["OU"]), row["total"]!.GetValue<decimal>()));
        Assert.False(row.AsObject().ContainsKey("participantID"));
        Assert.Equal(("half-loss", "120.00", "100.00", "0.00", "-60.00"), Figures(makerRow));
        Assert.Equal(("over", 200.25m, -120), (Text(makerRow["OU"]), makerRow["total"]!.GetValue<decimal>(), makerRow["odds"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_voided_game_refunds_every_row_as_an_admin_refund_with_no_score()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 200));
        await TakeAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 120));
        await fixture.VoidAsync(game.Id);

        JsonNode row = OnlyRow(await GradedAroundAsync(taker, game));
        JsonNode makerRow = OnlyRow(await GradedAroundAsync(maker, game));

        Assert.Equal(("refunded", "120.00", "80.00", "0.00", "0.00"), Figures(row));
        Assert.Equal(("refunded", "80.00", "120.00", "0.00", "0.00"), Figures(makerRow));
        Assert.True(row["adminRefund"]!.GetValue<bool>() && makerRow["adminRefund"]!.GetValue<bool>());
        Assert.True(row["game"]!["ended"]!.GetValue<bool>());
        Assert.All(row["game"]!["participants"]!.AsArray(), p => Assert.False(p!.AsObject().ContainsKey("score")));
    }

    [Fact]
    public async Task The_summary_rounds_exact_sums_of_result_and_of_min_risk_win_and_rows_come_latest_game_first()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        ExchangeSetup.GameInfo first = await fixture.CreateGameAsync(start: now.AddDays(1));
        ExchangeSetup.GameInfo second = await fixture.CreateGameAsync(start: now.AddDays(2));
        ExchangeSetup.GameInfo third = await fixture.CreateGameAsync(start: now.AddDays(3));
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(
            Post(first, first.HomeId, -101, 10.10m),
            Post(second, second.AwayId, 150, 200),
            new { gameID = third.Id, type = "spread", side = third.HomeId, number = -3, odds = -110, bet = 55, orderType = "post" });
        await taker.PlaceAsync(
            ExchangeSetup.Moneyline(first, first.AwayId, 101, 1),
            ExchangeSetup.Moneyline(second, second.HomeId, -150, 120),
            new { gameID = third.Id, type = "spread", side = third.AwayId, number = 3, odds = 110, bet = 50 });
        await fixture.GradeAsync(first.Id, 90, 100);   // loses: result −1.01, min(risk, win) = min(1.01, 1.00)
        await fixture.GradeAsync(second.Id, 100, 110); // wins: result +79.20, min(120.80, 79.20)
        await fixture.GradeAsync(third.Id, 97, 100);   // push: result 0, min(50, 55)

        OpenLineClient.Response response = await taker.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(now)}&endDate={Iso(now.AddDays(4))}");

        JsonNode data = response.Data;
        Assert.Equal([third.Id, second.Id, first.Id], data["graded"]!.AsArray().Select(r => Text(r!["game"]!["id"])));
        // pnl = round(−1.01 + 79.20 + 0) = round(78.19) = 78; volume = round(1.00 + 79.20 + 50.00) = round(130.20) = 130.
        Assert.Equal((78, 130), (data["summary"]!["pnl"]!.GetValue<int>(), data["summary"]!["volume"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Get_graded_holds_the_engine_thread_only_to_copy_a_few_values_per_row()
    {
        // The single sequencer thread serves every command, so a long history must not be turned into
        // response rows there: the query copies each row's values, and the rows are built, sorted and
        // summed on the request thread. Measured as bytes allocated on the engine thread (a count, not a time).
        const int Fills = 300;
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(start: DateTimeOffset.UtcNow.AddDays(1));
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 100, 2000));
        for (int placed = 0; placed < Fills; placed += 150)
        {
            await taker.PlaceAsync([.. Enumerable.Range(0, 150).Select(_ => ExchangeSetup.Moneyline(game, game.HomeId, 100, 1, "fillAndKill"))]);
        }
        await fixture.GradeAsync(game.Id, 100, 110);
        Sequencer sequencer = fixture.Server.Services.GetRequiredService<Sequencer>();
        string path = $"/user/v2/getGraded?endDate={Iso(StartOf(game).AddDays(1))}"; // the full history
        Assert.Equal(Fills, (await taker.Client.GetAsync(path)).Data["graded"]!.AsArray().Count); // warm up

        long before = await sequencer.QueryAsync(_ => GC.GetAllocatedBytesForCurrentThread());
        OpenLineClient.Response response = await taker.Client.GetAsync(path);
        long after = await sequencer.QueryAsync(_ => GC.GetAllocatedBytesForCurrentThread());

        Assert.Equal(Fills, response.Data["graded"]!.AsArray().Count);
        Assert.Equal(Fills * 99 / 100, response.Data["summary"]!["pnl"]!.GetValue<int>()); // each wins 1 less 1% commission
        long perRow = (after - before) / Fills;
        Assert.True(perRow <= 512, $"{perRow} bytes per row allocated on the engine thread");
    }

    // ---- Windows -----------------------------------------------------------------------------

    [Fact]
    public async Task The_window_matches_game_start_from_start_date_inclusive_to_end_date_exclusive()
    {
        DateTimeOffset start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeSeconds());
        ExchangeSetup.GameInfo early = await fixture.CreateGameAsync(start: start);
        ExchangeSetup.GameInfo late = await fixture.CreateGameAsync(start: start.AddDays(3));
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(early, early.AwayId, 150, 200), Post(late, late.AwayId, 150, 200));
        await taker.PlaceAsync(ExchangeSetup.Moneyline(early, early.HomeId, -150, 30), ExchangeSetup.Moneyline(late, late.HomeId, -150, 30));
        await fixture.GradeAsync(early.Id, 100, 110);
        await fixture.GradeAsync(late.Id, 100, 110);

        async Task<IEnumerable<string>> GamesAsync(DateTimeOffset from, DateTimeOffset to) =>
            (await taker.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(from)}&endDate={Iso(to)}")).Data["graded"]!.AsArray().Select(r => Text(r!["game"]!["id"]));

        Assert.Equal([early.Id], await GamesAsync(start, start.AddDays(3)));
        Assert.Equal([late.Id], await GamesAsync(start.AddMilliseconds(1), start.AddDays(3).AddMilliseconds(1)));
        Assert.Equal([late.Id, early.Id], await GamesAsync(start, start.AddDays(3).AddMilliseconds(1)));
        Assert.Empty(await GamesAsync(start.AddDays(1), start.AddDays(2)));
        // Settlement time does not matter: both were settled just now, long before either start.
    }

    [Fact]
    public async Task Without_an_end_date_the_window_ends_now_and_without_a_start_date_it_covers_the_whole_history()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(start: DateTimeOffset.UtcNow.AddDays(1));
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 200));
        await TakeAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 30));
        await fixture.GradeAsync(game.Id, 100, 110);

        OpenLineClient.Response none = await taker.Client.GetAsync("/user/v2/getGraded");
        OpenLineClient.Response startOnly = await taker.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(DateTimeOffset.UtcNow.AddDays(-1))}");
        OpenLineClient.Response endOnly = await taker.Client.GetAsync($"/user/v2/getGraded?endDate={Iso(StartOf(game).AddDays(1))}");
        OpenLineClient.Response posted = await taker.Client.PostAsync("/user/v2/getGraded", new { endDate = Iso(StartOf(game).AddDays(1)) });

        Assert.Empty(none.Data["graded"]!.AsArray()); // the game starts tomorrow, after "now"
        Assert.Empty(startOnly.Data["graded"]!.AsArray());
        Assert.Equal(game.Id, Text(OnlyRow(endOnly.Data)["game"]!["id"]));
        Assert.Equal(endOnly.Raw, posted.Raw);
    }

    [Fact]
    public async Task A_window_wider_than_35_days_is_refused_with_400_rather_than_truncated()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        OpenLineClient.Response wide = await user.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(from)}&endDate={Iso(from.AddDays(35).AddMilliseconds(1))}");
        OpenLineClient.Response exact = await user.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(from)}&endDate={Iso(from.AddDays(35))}");
        OpenLineClient.Response legacyUrl = await user.Client.GetAsync($"/user/getGradedWagers?startDate={Iso(from)}&endDate={Iso(from.AddDays(36))}");
        OpenLineClient.Response toNow = await user.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(DateTimeOffset.UtcNow.AddDays(-36))}");
        OpenLineClient.Response fullHistory = await user.Client.GetAsync($"/user/v2/getGraded?endDate={Iso(from.AddYears(5))}");
        OpenLineClient.Response garbage = await user.Client.GetAsync("/user/v2/getGraded?startDate=yesterday");
        OpenLineClient.Response backwards = await user.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(from)}&endDate={Iso(from.AddDays(-1))}");

        Assert.Equal(HttpStatusCode.BadRequest, wide.Status);
        Assert.Contains("35 days", wide.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, exact.Status);
        Assert.Equal(HttpStatusCode.BadRequest, legacyUrl.Status);
        Assert.Equal(HttpStatusCode.BadRequest, toNow.Status);
        Assert.Equal(HttpStatusCode.OK, fullHistory.Status);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Contains("startDate", garbage.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.Status);
    }

    [Fact]
    public async Task Get_graded_wagers_also_reads_MM_DD_YYYY_days_from_the_previous_midnight_to_the_end_day_whole_with_no_35_day_cap()
    {
        DateTimeOffset day = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(5).UtcDateTime.Date, TimeSpan.Zero);
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(start: day.AddHours(23).AddMinutes(30));
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 200));
        await TakeAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 30));
        await fixture.GradeAsync(game.Id, 100, 110);
        static string Day(DateTimeOffset d) => d.ToString("MM-dd-yyyy", CultureInfo.InvariantCulture);

        OpenLineClient.Response sameDay = await taker.Client.GetAsync($"/user/getGradedWagers?startDate={Day(day)}&endDate={Day(day)}");
        // API §3.3: "startDate=06-22-2022 ⇒ games after 06-21-2022 00:00 GMT": a start day opens the window at
        // the previous midnight, so the game (day 23:30) is in from the next day's start date, out from the day after.
        OpenLineClient.Response nextDay = await taker.Client.GetAsync($"/user/getGradedWagers?startDate={Day(day.AddDays(1))}&endDate={Day(day.AddDays(2))}");
        OpenLineClient.Response dayAfter = await taker.Client.GetAsync($"/user/getGradedWagers?startDate={Day(day.AddDays(2))}&endDate={Day(day.AddDays(2))}");
        OpenLineClient.Response dayBefore = await taker.Client.GetAsync($"/user/getGradedWagers?startDate={Day(day.AddDays(-1))}&endDate={Day(day.AddDays(-1))}");
        OpenLineClient.Response isoFromPreviousMidnight = await taker.Client.GetAsync($"/user/getGradedWagers?startDate={Iso(day.AddDays(-1))}&endDate={Iso(day.AddDays(1))}");
        OpenLineClient.Response sixtyDays = await taker.Client.PostAsync("/user/getGradedWagers", new { startDate = Day(day.AddDays(-60)), endDate = Day(day) });
        OpenLineClient.Response iso = await taker.Client.GetAsync($"/user/getGradedWagers?startDate={Iso(day)}&endDate={Iso(day.AddDays(1))}");
        OpenLineClient.Response v2 = await taker.Client.GetAsync($"/user/v2/getGraded?startDate={Iso(day)}&endDate={Iso(day.AddDays(1))}");
        OpenLineClient.Response legacyOnV2 = await taker.Client.GetAsync($"/user/v2/getGraded?startDate={Day(day)}&endDate={Day(day)}");

        Assert.Equal(game.Id, Text(OnlyRow(sameDay.Data)["game"]!["id"])); // the end day counts whole: 23:30 is in
        Assert.Equal(game.Id, Text(OnlyRow(nextDay.Data)["game"]!["id"]));
        Assert.Empty(dayAfter.Data["graded"]!.AsArray());
        Assert.Empty(dayBefore.Data["graded"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, sixtyDays.Status);
        Assert.Single(sixtyDays.Data["graded"]!.AsArray());
        Assert.Equal(v2.Raw, iso.Raw); // the same response as v2/getGraded for the same window
        Assert.Equal(sameDay.Raw, iso.Raw);
        Assert.Equal(sameDay.Raw, isoFromPreviousMidnight.Raw);
        Assert.Equal(HttpStatusCode.BadRequest, legacyOnV2.Status);
    }

    [Fact]
    public async Task A_legacy_day_whose_window_falls_outside_the_representable_dates_is_a_400_not_a_500()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        // An end day counts whole, so 12-31-9999 would end at 10000-01-01 00:00 UTC.
        OpenLineClient.Response lastDay = await user.Client.GetAsync("/user/getGradedWagers?endDate=12-31-9999");
        OpenLineClient.Response lastDayPosted = await user.Client.PostAsync("/user/getGradedWagers", new { startDate = "01-01-2026", endDate = "12-31-9999" });
        OpenLineClient.Response dayBefore = await user.Client.GetAsync("/user/getGradedWagers?endDate=12-30-9999");
        // A start day opens at the previous midnight (API §3.3), so 01-01-0001 would start on 12-31-0000.
        OpenLineClient.Response firstDay = await user.Client.GetAsync("/user/getGradedWagers?startDate=01-01-0001&endDate=01-01-0001");
        OpenLineClient.Response dayAfterFirst = await user.Client.GetAsync("/user/getGradedWagers?startDate=01-02-0001&endDate=01-02-0001");

        Assert.Equal(HttpStatusCode.BadRequest, lastDay.Status);
        Assert.Equal("endDate '12-31-9999' is out of range: the window it gives must lie within 0001-01-01 and 9999-12-31 UTC.", lastDay.Error);
        Assert.Equal(HttpStatusCode.BadRequest, lastDayPosted.Status);
        Assert.True(dayBefore.Status == HttpStatusCode.OK, dayBefore.Raw);
        Assert.Equal(HttpStatusCode.BadRequest, firstDay.Status);
        Assert.Equal("startDate '01-01-0001' is out of range: the window it gives must lie within 0001-01-01 and 9999-12-31 UTC.", firstDay.Error);
        Assert.True(dayAfterFirst.Status == HttpStatusCode.OK, dayAfterFirst.Raw);
    }

    // ---- getGradedSince ----------------------------------------------------------------------

    [Fact]
    public async Task Graded_since_walks_120_settlements_oldest_first_in_pages_of_100_and_the_cursor_resumes_exactly()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.HomeId, 100, 2000));
        JsonArray taken = await taker.PlaceAsync(Enumerable.Range(0, 120).Select(_ => ExchangeSetup.Moneyline(game, game.AwayId, 100, 10)).ToArray());
        List<string> fills = taken.Select(r => Text(r!["matched"]![0]!["txID"])).ToList();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await fixture.GradeAsync(game.Id, 110, 100);

        OpenLineClient.Response first = await SinceAsync(taker, before);
        OpenLineClient.Response second = await taker.Client.PostAsync("/user/v2/getGradedSince", new { cursor = Text(first.Data["cursor"]) });
        long engineNow = await fixture.EngineNowAsync();
        OpenLineClient.Response third = await NextAsync(taker, Text(second.Data["cursor"]));

        JsonArray page1 = first.Data["graded"]!.AsArray();
        JsonArray page2 = second.Data["graded"]!.AsArray();
        Assert.Equal((100, true), (page1.Count, first.Data["hasMore"]!.GetValue<bool>()));
        Assert.Equal((20, false), (page2.Count, second.Data["hasMore"]!.GetValue<bool>()));
        Assert.Equal(fills, page1.Concat(page2).Select(r => Text(r!["txID"])));
        Assert.All(page1.Concat(page2), r => Assert.Equal(("winner", "wager"), (Text(r!["outcome"]), Text(r["origin"]))));
        // All 120 settled in one command, so in one millisecond: the first page ends inside that group,
        // and only the instant before it is complete.
        DateTimeOffset settled = Time(page1[0]!["settledAt"]);
        Assert.All(page1.Concat(page2), r => Assert.Equal(settled, Time(r!["settledAt"])));
        Assert.Equal(Iso(settled.AddMilliseconds(-1)), Text(first.Data["settledThrough"]));
        // Nothing more pending: the engine's current millisecond may still settle more, so the instant before it.
        Assert.Equal(Iso(DateTimeOffset.FromUnixTimeMilliseconds(engineNow - 1)), Text(second.Data["settledThrough"]));
        Assert.Empty(third.Data["graded"]!.AsArray());
        Assert.False(third.Data["hasMore"]!.GetValue<bool>());
        Assert.Equal(Text(second.Data["cursor"]), Text(third.Data["cursor"])); // an empty page hands the cursor back unchanged
    }

    [Fact]
    public async Task Settled_through_is_the_last_rows_instant_when_a_page_ends_between_two_settlement_instants()
    {
        ExchangeSetup.GameInfo first = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo second = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(first, first.HomeId, 100, 2000), Post(second, second.HomeId, 100, 2000));
        await taker.PlaceAsync(Enumerable.Range(0, 100).Select(_ => ExchangeSetup.Moneyline(first, first.AwayId, 100, 10)).ToArray());
        await taker.PlaceAsync(Enumerable.Range(0, 3).Select(_ => ExchangeSetup.Moneyline(second, second.AwayId, 100, 10)).ToArray());
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await fixture.GradeAsync(first.Id, 110, 100);
        await Task.Delay(20, TestContext.Current.CancellationToken); // the second grading in a later millisecond
        await fixture.GradeAsync(second.Id, 100, 110);

        OpenLineClient.Response page1 = await SinceAsync(taker, before);
        OpenLineClient.Response page2 = await NextAsync(taker, Text(page1.Data["cursor"]));

        JsonArray rows1 = page1.Data["graded"]!.AsArray();
        DateTimeOffset firstSettled = Time(rows1[0]!["settledAt"]);
        Assert.Equal(100, rows1.Count);
        Assert.All(rows1, r => Assert.Equal(first.Id, Text(r!["game"]!["id"])));
        Assert.True(page1.Data["hasMore"]!.GetValue<bool>());
        Assert.Equal(Iso(firstSettled), Text(page1.Data["settledThrough"])); // the first group is complete
        JsonArray rows2 = page2.Data["graded"]!.AsArray();
        Assert.Equal(3, rows2.Count);
        Assert.All(rows2, r => Assert.Equal(("loser", second.Id), (Text(r!["outcome"]), Text(r["game"]!["id"]))));
        Assert.True(Time(rows2[0]!["settledAt"]) > firstSettled);

        // since is strictly after: resuming from settledThrough repeats nothing here, and from the instant before repeats the group.
        OpenLineClient.Response fromThrough = await SinceAsync(taker, Time(page1.Data["settledThrough"]));
        OpenLineClient.Response fromBefore = await SinceAsync(taker, firstSettled.AddMilliseconds(-1));
        Assert.Equal(rows2.Select(r => Text(r!["txID"])), fromThrough.Data["graded"]!.AsArray().Select(r => Text(r!["txID"])));
        Assert.Equal(100, fromBefore.Data["graded"]!.AsArray().Count);
        Assert.True(fromBefore.Data["hasMore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_regraded_or_voided_bet_appears_again_later_in_the_walk_with_its_new_result()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 200));
        string txId = await TakeAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 120));
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await fixture.GradeAsync(game.Id, 100, 110);
        OpenLineClient.Response graded = await SinceAsync(taker, before);
        string cursor = Text(graded.Data["cursor"]);

        await fixture.GradeAsync(game.Id, 110, 100); // a score correction: the taker now loses
        OpenLineClient.Response regraded = await NextAsync(taker, cursor);
        await fixture.VoidAsync(game.Id);
        OpenLineClient.Response voided = await NextAsync(taker, Text(regraded.Data["cursor"]));
        OpenLineClient.Response replay = await SinceAsync(taker, before);

        JsonNode winner = OnlyRow(graded.Data);
        JsonNode loser = OnlyRow(regraded.Data);
        JsonNode refunded = OnlyRow(voided.Data);
        Assert.Equal(("winner", "79.20"), (Text(winner["outcome"]), Text(winner["result"])));
        // Lost: fee = 1% × min(120, 80) = 0.80; risk 120.80, result −120.80.
        Assert.Equal((txId, "loser", "120.80", "0.80", "-120.80"), (Text(loser["txID"]), Text(loser["outcome"]), Text(loser["risk"]), Text(loser["fee"]), Text(loser["result"])));
        Assert.True(Time(loser["settledAt"]) >= Time(winner["settledAt"]));
        Assert.Equal(Text(winner["ticketNumber"]), Text(loser["ticketNumber"])); // the same fill and side: the same ticket
        Assert.Equal((txId, "refunded", true, "0.00"), (Text(refunded["txID"]), Text(refunded["outcome"]), refunded["adminRefund"]!.GetValue<bool>(), Text(refunded["result"])));
        // Walked again from the start, the bet is there once, in its latest state.
        Assert.Equal(refunded.ToJsonString(), OnlyRow(replay.Data).ToJsonString());
        Assert.Equal(refunded.ToJsonString(), OnlyRow(await GradedAroundAsync(taker, game)).ToJsonString());
    }

    [Fact]
    public async Task Since_between_a_settlement_and_its_regrade_skips_the_superseded_entry_and_delivers_the_regrade_once()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(game, game.AwayId, 150, 200));
        string txId = await TakeAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 120));
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await fixture.GradeAsync(game.Id, 100, 110);
        DateTimeOffset graded = Time(OnlyRow((await SinceAsync(taker, before)).Data)["settledAt"]);
        await Task.Delay(20, TestContext.Current.CancellationToken); // the regrade in a later millisecond
        await fixture.GradeAsync(game.Id, 110, 100);

        OpenLineClient.Response fromBefore = await SinceAsync(taker, graded.AddMilliseconds(-1));
        OpenLineClient.Response fromGrading = await SinceAsync(taker, graded);
        DateTimeOffset regraded = Time(OnlyRow(fromGrading.Data)["settledAt"]);
        OpenLineClient.Response fromRegrade = await SinceAsync(taker, regraded);

        Assert.True(regraded > graded);
        Assert.Equal((txId, "loser"), (Text(OnlyRow(fromBefore.Data)["txID"]), Text(OnlyRow(fromBefore.Data)["outcome"])));
        Assert.Equal(OnlyRow(fromBefore.Data).ToJsonString(), OnlyRow(fromGrading.Data).ToJsonString());
        Assert.Empty(fromRegrade.Data["graded"]!.AsArray());
        Assert.False(fromRegrade.Data["hasMore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Graded_since_takes_exactly_one_of_since_and_cursor_and_only_the_callers_own_unchanged_cursor()
    {
        ExchangeSetup.User alice = await fixture.CreateUserAsync();
        ExchangeSetup.User bob = await fixture.CreateUserAsync();
        OpenLineClient.Response first = await SinceAsync(alice, DateTimeOffset.UtcNow.AddDays(-1));
        string cursor = Text(first.Data["cursor"]);
        string edited = (cursor[^1] == 'A' ? cursor[..^1] + "B" : cursor[..^1] + "A");

        OpenLineClient.Response own = await NextAsync(alice, cursor);
        OpenLineClient.Response foreign = await bob.Client.GetAsync($"/user/v2/getGradedSince?cursor={Uri.EscapeDataString(cursor)}");
        OpenLineClient.Response garbage = await alice.Client.GetAsync("/user/v2/getGradedSince?cursor=not-a-cursor");
        OpenLineClient.Response tampered = await alice.Client.GetAsync($"/user/v2/getGradedSince?cursor={Uri.EscapeDataString(edited)}");
        OpenLineClient.Response both = await alice.Client.GetAsync($"/user/v2/getGradedSince?since={Iso(DateTimeOffset.UtcNow)}&cursor={Uri.EscapeDataString(cursor)}");
        OpenLineClient.Response neither = await alice.Client.GetAsync("/user/v2/getGradedSince");
        OpenLineClient.Response badSince = await alice.Client.PostAsync("/user/v2/getGradedSince", new { since = "last tuesday" });

        Assert.Empty(first.Data["graded"]!.AsArray());
        Assert.False(first.Data["hasMore"]!.GetValue<bool>());
        Assert.Equal((0, cursor), (own.Data["graded"]!.AsArray().Count, Text(own.Data["cursor"])));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.Contains("cursor", foreign.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.Equal(HttpStatusCode.BadRequest, both.Status);
        Assert.Equal(HttpStatusCode.BadRequest, neither.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badSince.Status);
    }

    [Fact]
    public async Task A_cursor_keeps_its_place_across_a_restart_and_a_regrade_after_it_still_reappears()
    {
        string dataDir = TestServer.NewDataDir();
        try
        {
            string cursor;
            string token;
            string gameId;
            DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
            await using (TestServer server = await TestServer.LaunchAsync(dataDir: dataDir))
            {
                var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
                var anonymous = new OpenLineClient(server.CreateHttpClient());
                foreach (string name in new[] { "rhea", "saul" })
                {
                    Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/users", new { username = name, password = name + "-password", balance = 5000 })).Status);
                }
                OpenLineClient rhea = anonymous.WithToken(Text((await anonymous.PostAsync("/user/login", new { username = "rhea", password = "rhea-password" })).Data["user"]!["auth"]));
                token = Text((await anonymous.PostAsync("/user/login", new { username = "saul", password = "saul-password" })).Data["user"]!["auth"]);
                OpenLineClient saul = anonymous.WithToken(token);
                JsonNode game = (await admin.PostAsync("/admin/games", new
                {
                    league = "NBA", sport = "basketball", start = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
                    participants = new[] { new { longName = "Boston Celtics", shortName = "BOS" }, new { longName = "Los Angeles Lakers", shortName = "LAL" } },
                })).Data["game"]!;
                gameId = Text(game["id"]);
                string away = Text(game["participants"]![0]!["id"]);
                string home = Text(game["participants"]![1]!["id"]);
                await rhea.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = gameId, type = "moneyline", side = away, odds = 150, bet = 200, orderType = "post" } } });
                await saul.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = gameId, type = "moneyline", side = home, odds = -150, bet = 120 } } });
                Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 100, homeScore = 110 })).Status);
                OpenLineClient.Response first = await saul.GetAsync($"/user/v2/getGradedSince?since={Iso(before)}");
                Assert.Equal("winner", Text(OnlyRow(first.Data)["outcome"]));
                cursor = Text(first.Data["cursor"]);
            }

            await using (TestServer restarted = await TestServer.LaunchAsync(dataDir: dataDir))
            {
                var admin = new OpenLineClient(restarted.CreateHttpClient(), TestServer.AdminToken);
                var saul = new OpenLineClient(restarted.CreateHttpClient(), token);
                OpenLineClient.Response caughtUp = await saul.GetAsync($"/user/v2/getGradedSince?cursor={Uri.EscapeDataString(cursor)}");
                Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 110, homeScore = 100 })).Status);
                OpenLineClient.Response regraded = await saul.GetAsync($"/user/v2/getGradedSince?cursor={Uri.EscapeDataString(cursor)}");

                Assert.True(caughtUp.Status == HttpStatusCode.OK, caughtUp.Raw);
                Assert.Empty(caughtUp.Data["graded"]!.AsArray());
                Assert.Equal(cursor, Text(caughtUp.Data["cursor"]));
                Assert.Equal(("loser", "-120.80"), (Text(OnlyRow(regraded.Data)["outcome"]), Text(OnlyRow(regraded.Data)["result"])));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a leftover temp folder is harmless
            }
        }
    }

    [Fact]
    public void A_cursor_with_any_one_character_changed_is_not_read_as_a_cursor()
    {
        string cursor = new GradedCursor(new Core.ObjectId(0x6b05e1a6, 42), 1234).ToString();
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .";

        Assert.True(GradedCursor.TryParse(cursor, out GradedCursor read));
        Assert.Equal(new GradedCursor(new Core.ObjectId(0x6b05e1a6, 42), 1234), read);
        for (int i = 0; i < cursor.Length; i++)
        {
            foreach (char c in Alphabet.Where(c => c != cursor[i]))
            {
                string edited = cursor[..i] + c + cursor[(i + 1)..];
                Assert.False(GradedCursor.TryParse(edited, out _), edited);
            }
        }
        Assert.False(GradedCursor.TryParse(cursor[..^1], out _));
        Assert.False(GradedCursor.TryParse(cursor + "A", out _));
        Assert.False(GradedCursor.TryParse("", out _));
    }

    // ---- Rate limits (API §8.12) -------------------------------------------------------------

    [Fact]
    public async Task Graded_since_allows_10_requests_per_5_seconds_per_user_then_answers_429_with_retry_after()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        ExchangeSetup.User other = await fixture.CreateUserAsync();
        string since = Iso(DateTimeOffset.UtcNow.AddDays(-1));
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/user/v2/getGradedSince?since={since}")).Status);
        }

        OpenLineClient.Response limited = await user.Client.GetAsync($"/user/v2/getGradedSince?since={since}");
        OpenLineClient.Response someoneElse = await other.Client.GetAsync($"/user/v2/getGradedSince?since={since}");
        OpenLineClient.Response otherEndpoint = await user.Client.GetAsync("/user/v2/getGraded");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("Too many requests. Please try again later.", limited.Error);
        Assert.InRange(limited.Message.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 5);
        Assert.Equal(HttpStatusCode.OK, someoneElse.Status);
        Assert.Equal(HttpStatusCode.OK, otherEndpoint.Status);
    }

    [Fact]
    public async Task Get_graded_and_its_legacy_url_share_60_requests_a_minute_per_user()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/user/v2/getGraded")).Status);
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/user/getGradedWagers")).Status);
        }

        OpenLineClient.Response limited = await user.Client.PostAsync("/user/getGradedWagers", new { });
        OpenLineClient.Response since = await user.Client.GetAsync($"/user/v2/getGradedSince?since={Iso(DateTimeOffset.UtcNow)}");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("Too many requests. Please try again later.", limited.Error);
        Assert.InRange(limited.Message.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, since.Status);
    }

    [Fact]
    public async Task The_per_user_limits_are_configurable_and_slide_with_the_servers_clock()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using TestServer server = await TestServer.StartAsync(clock,
            "--OpenLine:GradedSinceRateLimitPer5Seconds=2", "--OpenLine:GradedRateLimitPerMinute=1");
        var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/users", new { username = "gina", password = "gina-password" })).Status);
        var anonymous = new OpenLineClient(server.CreateHttpClient());
        OpenLineClient user = anonymous.WithToken(Text((await anonymous.PostAsync("/user/login", new { username = "gina", password = "gina-password" })).Data["user"]!["auth"]));
        string sincePath = $"/user/v2/getGradedSince?since={Iso(clock.GetUtcNow().AddDays(-1))}";

        HttpStatusCode[] sinceStatuses = [(await user.GetAsync(sincePath)).Status, (await user.GetAsync(sincePath)).Status];
        OpenLineClient.Response sinceLimited = await user.GetAsync(sincePath);
        clock.Advance(TimeSpan.FromSeconds(4));
        OpenLineClient.Response stillLimited = await user.GetAsync(sincePath);
        clock.Advance(TimeSpan.FromSeconds(1));
        OpenLineClient.Response sinceAgain = await user.GetAsync(sincePath);
        OpenLineClient.Response graded = await user.GetAsync("/user/v2/getGraded");
        clock.Advance(TimeSpan.FromSeconds(30));
        OpenLineClient.Response gradedLimited = await user.GetAsync("/user/getGradedWagers");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], sinceStatuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, sinceLimited.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), sinceLimited.Message.Headers.RetryAfter!.Delta);
        Assert.Equal(TimeSpan.FromSeconds(1), stillLimited.Message.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, sinceAgain.Status);
        Assert.Equal(HttpStatusCode.OK, graded.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, gradedLimited.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), gradedLimited.Message.Headers.RetryAfter!.Delta);
    }

    // ---- Lookups in the graded state (API §3.3) ---------------------------------------------

    [Fact]
    public async Task Once_graded_a_bet_leaves_the_matched_lists_and_every_lookup_shows_its_graded_row()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo open = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        JsonNode made = (await maker.PlaceAsync(Post(game, game.AwayId, 150, 200, "mk-ref")))[0]!;
        await maker.PlaceAsync(Post(open, open.AwayId, 150, 200));
        JsonNode fill = (await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 120, userReference: "tk-ref")))[0]!["matched"]![0]!;
        string openTx = await TakeAsync(taker, ExchangeSetup.Moneyline(open, open.HomeId, -150, 30));
        string txId = Text(fill["txID"]);
        string wagerRequestId = Text(fill["wagerRequestID"]);
        string makerOrder = Text(made["unmatched"]!["orderID"]);
        Assert.Equal(2, (await taker.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray().Count);
        await fixture.GradeAsync(game.Id, 100, 110);

        JsonNode takerRow = OnlyRow(await GradedAroundAsync(taker, game));
        JsonNode makerRow = OnlyRow(await GradedAroundAsync(maker, game));
        JsonArray matched = (await taker.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray();
        JsonNode forGame = (await taker.Client.GetAsync($"/user/getOrdersForGame?gameID={game.Id}")).Data;
        JsonNode makerForGame = (await maker.Client.GetAsync($"/user/getOrdersForGame?gameID={game.Id}")).Data;
        OpenLineClient.Response byTxId = await taker.Client.GetAsync($"/user/getBetByID?txID={txId}");
        OpenLineClient.Response byRowId = await taker.Client.GetAsync($"/user/getBetByID?id={Text(takerRow["id"])}");
        OpenLineClient.Response makerById = await maker.Client.GetAsync($"/user/getBetByID?id={makerOrder}");
        JsonNode byRequest = (await taker.Client.GetAsync($"/user/getBetByWagerRequestID?wagerRequestID={wagerRequestId}")).Data;
        JsonNode byReference = (await taker.Client.GetAsync($"/user/getBetByUserReference?userReference=tk-ref&gameID={game.Id}")).Data;
        JsonNode makerByReference = (await maker.Client.GetAsync($"/user/getBetByUserReference?userReference=mk-ref")).Data;

        Assert.Equal([openTx], matched.Select(r => Text(r!["txID"]))); // the ungraded game's bet stays
        Assert.Empty(forGame["matched"]!.AsArray());
        Assert.Empty(makerForGame["matched"]!.AsArray());
        Assert.Empty(makerForGame["unmatched"]!.AsArray()); // grading closed the rest of the maker's order
        Assert.Equal(takerRow.ToJsonString(), byTxId.Body!["bet"]!.ToJsonString());
        Assert.Equal(takerRow.ToJsonString(), byRowId.Body!["bet"]!.ToJsonString());
        Assert.Equal(makerRow.ToJsonString(), makerById.Body!["bet"]!.ToJsonString());
        Assert.Equal((0, 0), (byRequest["unmatched"]!.AsArray().Count, byRequest["matched"]!.AsArray().Count));
        Assert.Equal(takerRow.ToJsonString(), Assert.Single(byRequest["graded"]!.AsArray())!.ToJsonString());
        Assert.Equal(takerRow.ToJsonString(), Assert.Single(byReference["graded"]!.AsArray())!.ToJsonString());
        Assert.Empty(byReference["matched"]!.AsArray());
        Assert.Equal(makerRow.ToJsonString(), Assert.Single(makerByReference["graded"]!.AsArray())!.ToJsonString());
        Assert.Empty(makerByReference["unmatched"]!.AsArray());
    }
}
