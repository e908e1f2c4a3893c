using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// The caller's own orders and bets (API §3.2 lookupOrder, §3.3, §4.7, §4.8): shapes field by field
/// with hand-computed figures, every documented error status, and cross-user attempts (rules §8).
/// </summary>
public sealed class AccountEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string UnknownId = "688c0516fbc14da0c202d426";

    private static object Post(ExchangeSetup.GameInfo game, string side, int odds, decimal bet, string? reference = null) =>
        ExchangeSetup.Moneyline(game, side, odds, bet, "post", reference);

    private static async Task<JsonNode> PlaceOneAsync(ExchangeSetup.User user, object order) => (await user.PlaceAsync(order))[0]!;

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static JsonNode Row(JsonNode data, string list, string txId) =>
        Assert.Single(data[list]!.AsArray(), r => Text(r!["txID"]) == txId)!;

    private static void AssertGameSummary(ExchangeSetup.GameInfo game, JsonNode summary)
    {
        Assert.Equal(game.Id, Text(summary["id"]));
        Assert.Equal(Text(game.Json["league"]), Text(summary["league"]));
        Assert.Equal(Text(game.Json["sport"]), Text(summary["sport"]));
        Assert.Equal(Text(game.Json["start"]), Text(summary["start"]));
        Assert.False(summary["ended"]!.GetValue<bool>());
        Assert.Equal(Text(game.Json["eventName"]), Text(summary["eventName"]));
        Assert.False(summary["isFutures"]!.GetValue<bool>());
        JsonArray participants = summary["participants"]!.AsArray();
        Assert.Equal([game.AwayId, game.HomeId], participants.Select(p => Text(p!["id"])));
        Assert.Equal(["away", "home"], participants.Select(p => Text(p!["homeAway"])));
    }

    [Fact]
    public async Task Matched_bets_show_each_fill_from_the_callers_side_with_two_decimal_risk_and_win()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        JsonNode made = await PlaceOneAsync(maker, Post(game, game.AwayId, 185, 100, "mk"));
        // A taker at −185 for 300 takes the whole +185 offer: A = 100 × 1.85 = 185, G = 100; 115 rests.
        JsonNode taken = await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -185, 300, userReference: "tk"));
        string txId = Text(taken["matched"]![0]!["txID"]);

        JsonNode takerData = (await taker.Client.GetAsync("/user/getMatchedBets")).Data;
        JsonNode makerData = (await maker.Client.GetAsync("/user/getMatchedBets")).Data;

        JsonNode takerRow = Assert.Single(takerData["matchedBets"]!.AsArray())!;
        Assert.Equal(Text(taken["unmatched"]!["orderID"]), Text(takerRow["id"])); // the order its remainder rested as
        Assert.Equal(txId, Text(takerRow["txID"]));
        Assert.Equal("moneyline", Text(takerRow["type"]));
        Assert.Equal(185m, takerRow["bet"]!.GetValue<decimal>());
        Assert.Equal(-185, takerRow["odds"]!.GetValue<int>());
        Assert.Null(takerRow["spread"]);
        Assert.True(takerRow.AsObject().ContainsKey("spread") && takerRow.AsObject().ContainsKey("total"));
        Assert.Equal(game.HomeId, Text(takerRow["participantID"]));
        Assert.False(takerRow.AsObject().ContainsKey("OU"));
        Assert.False(takerRow.AsObject().ContainsKey("market"));
        Assert.Equal("tk", Text(takerRow["userReference"]));
        Assert.Equal("wager", Text(takerRow["origin"]));
        Assert.Equal("186.00", Text(takerRow["risk"])); // 185 + 1% × min(185, 100)
        Assert.Equal("99.00", Text(takerRow["win"]));   // 100 − 1% × 100
        Assert.Equal(Text(takerRow["createdAt"]), Text(takerRow["matchedTime"]));
        Assert.False(takerRow["graded"]!.GetValue<bool>());
        Assert.False(takerRow["closed"]!.GetValue<bool>());
        Assert.False(takerRow["adminRefund"]!.GetValue<bool>());
        AssertGameSummary(game, takerRow["game"]!);

        JsonNode makerRow = Assert.Single(makerData["matchedBets"]!.AsArray())!;
        Assert.Equal(Text(made["unmatched"]!["orderID"]), Text(makerRow["id"]));
        Assert.Equal(txId, Text(makerRow["txID"]));
        Assert.Equal(100m, makerRow["bet"]!.GetValue<decimal>());
        Assert.Equal(185, makerRow["odds"]!.GetValue<int>());
        Assert.Equal(game.AwayId, Text(makerRow["participantID"]));
        Assert.Equal("mk", Text(makerRow["userReference"]));
        Assert.Equal("offer", Text(makerRow["origin"]));
        Assert.Equal("100.00", Text(makerRow["risk"]));
        Assert.Equal("185.00", Text(makerRow["win"]));
        Assert.Equal(Text(takerRow["matchedTime"]), Text(makerRow["matchedTime"]));
        Assert.False(makerRow.AsObject().ContainsKey("isPostArb"));
    }

    [Fact]
    public async Task A_taker_whose_order_left_nothing_resting_has_rows_keyed_by_its_wager_request_id()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync(commission: 0.02m);
        await PlaceOneAsync(maker, Post(game, game.AwayId, 150, 200));
        // −150 for 120: A = 120, G = 80; risk 120 + 2% × 80 = 121.60, win 80 − 1.60 = 78.40.
        JsonNode fill = (await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 120)))["matched"]![0]!;

        JsonNode row = Assert.Single((await taker.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray())!;
        OpenLineClient.Response byId = await taker.Client.GetAsync($"/user/getBetByID?id={Text(row["id"])}");

        Assert.Equal(Text(fill["wagerRequestID"]), Text(row["id"]));
        Assert.Equal("121.60", Text(row["risk"]));
        Assert.Equal("78.40", Text(row["win"]));
        Assert.Equal(row.ToJsonString(), byId.Body!["bet"]!.ToJsonString());
    }

    [Fact]
    public async Task A_takers_rows_keep_its_order_id_after_the_remainder_is_cancelled_unfilled()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await PlaceOneAsync(maker, Post(game, game.AwayId, 185, 100));
        JsonNode request = await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -185, 300));
        string orderId = Text(request["unmatched"]!["orderID"]);
        await taker.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        JsonNode row = Assert.Single((await taker.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray())!;
        OpenLineClient.Response byId = await taker.Client.GetAsync($"/user/getBetByID?id={orderId}");

        Assert.Equal(orderId, Text(row["id"]));
        Assert.Equal(row.ToJsonString(), byId.Body!["bet"]!.ToJsonString());
        Assert.Empty((await taker.Client.GetAsync("/user/getUnmatched")).Data["unmatched"]!.AsArray());
    }

    [Fact]
    public async Task A_postArb_fill_is_flagged_and_pays_no_commission()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await PlaceOneAsync(maker, Post(game, game.AwayId, 150, 200));
        // At the book's own price, so within 1% (rules §3): A = 60, G = 40, no taker commission.
        await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 60, "postArb"));

        JsonNode row = Assert.Single((await taker.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray())!;

        Assert.Equal(("60.00", "40.00", true), (Text(row["risk"]), Text(row["win"]), row["isPostArb"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Total_and_1x2_rows_carry_OU_or_market_and_side_instead_of_a_participant()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo soccer = await fixture.CreateGameAsync("EPL", "soccer", away: "Away FC", home: "Home FC");
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(
            new { gameID = game.Id, type = "total", side = "over", number = 220.5, odds = 104, bet = 100, orderType = "post" },
            new { gameID = soccer.Id, type = "moneyline1x2", side = "yes", market = "draw", odds = 250, bet = 100, orderType = "post" });
        // Under −104 for 52: G = 50; risk 52.50, win 49.50. Draw "no" −250 for 75: G = 30; risk 75.30, win 29.70.
        JsonArray taken = await taker.PlaceAsync(
            new { gameID = game.Id, type = "total", side = "under", number = 220.5, odds = -104, bet = 52 },
            new { gameID = soccer.Id, type = "moneyline1x2", side = "no", market = "draw", odds = -250, bet = 75 });
        string totalTx = Text(taken[0]!["matched"]![0]!["txID"]);
        string drawTx = Text(taken[1]!["matched"]![0]!["txID"]);

        JsonNode takerData = (await taker.Client.GetAsync("/user/getMatchedBets")).Data;
        JsonNode makerData = (await maker.Client.GetAsync("/user/getMatchedBets")).Data;

        JsonNode under = Row(takerData, "matchedBets", totalTx);
        Assert.Equal(("under", 220.5m, "52.50", "49.50"), (Text(under["OU"]), under["total"]!.GetValue<decimal>(), Text(under["risk"]), Text(under["win"])));
        Assert.False(under.AsObject().ContainsKey("participantID"));
        JsonNode over = Row(makerData, "matchedBets", totalTx);
        Assert.Equal(("over", 50m, 104, "50.00", "52.00"), (Text(over["OU"]), over["bet"]!.GetValue<decimal>(), over["odds"]!.GetValue<int>(), Text(over["risk"]), Text(over["win"])));
        JsonNode no = Row(takerData, "matchedBets", drawTx);
        Assert.Equal(("no", "draw", -250, "75.30", "29.70"), (Text(no["side"]), Text(no["market"]), no["odds"]!.GetValue<int>(), Text(no["risk"]), Text(no["win"])));
        Assert.False(no.AsObject().ContainsKey("participantID"));
        JsonNode yes = Row(makerData, "matchedBets", drawTx);
        Assert.Equal(("yes", "draw", 30m, "30.00", "75.00"), (Text(yes["side"]), Text(yes["market"]), yes["bet"]!.GetValue<decimal>(), Text(yes["risk"]), Text(yes["win"])));
    }

    [Fact]
    public async Task Lists_are_sorted_by_game_start_ascending()
    {
        ExchangeSetup.GameInfo later = await fixture.CreateGameAsync(start: DateTimeOffset.UtcNow.AddDays(3));
        ExchangeSetup.GameInfo sooner = await fixture.CreateGameAsync(start: DateTimeOffset.UtcNow.AddDays(2));
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(Post(later, later.AwayId, 120, 100), Post(sooner, sooner.AwayId, 120, 100));
        await taker.PlaceAsync(ExchangeSetup.Moneyline(later, later.HomeId, -120, 24), ExchangeSetup.Moneyline(sooner, sooner.HomeId, -120, 24));

        JsonArray unmatched = (await maker.Client.GetAsync("/user/getUnmatched")).Data["unmatched"]!.AsArray();
        JsonArray matched = (await taker.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray();

        Assert.Equal([sooner.Id, later.Id], unmatched.Select(o => Text(o!["game"]!["id"])));
        Assert.Equal([sooner.Id, later.Id], matched.Select(o => Text(o!["game"]!["id"])));
    }

    [Fact]
    public async Task Unmatched_shows_resting_orders_from_the_callers_side_with_fill_progress()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        JsonNode rest = (await PlaceOneAsync(maker, Post(game, game.AwayId, 150, 200, "mine")))["unmatched"]!;
        JsonNode spread = (await PlaceOneAsync(maker, new { gameID = game.Id, type = "spread", side = game.HomeId, number = -3.5, odds = -110, bet = 110, orderType = "post", expirationMinutes = 30 }))["unmatched"]!;
        await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 60)); // G = 40 of the maker's 200

        JsonArray unmatched = (await maker.Client.GetAsync("/user/getUnmatched")).Data["unmatched"]!.AsArray();

        JsonNode ml = Assert.Single(unmatched, o => Text(o!["id"]) == Text(rest["orderID"]))!;
        Assert.Equal(Text(rest["wagerRequestID"]), Text(ml["wagerRequestID"]));
        Assert.Equal(Text(rest["wagerRequestID"]), Text(ml["txID"]));
        Assert.Equal("moneyline", Text(ml["type"]));
        Assert.Equal(200m, ml["bet"]!.GetValue<decimal>());
        Assert.Equal(150, ml["odds"]!.GetValue<int>());
        Assert.Equal(game.AwayId, Text(ml["participantID"]));
        Assert.Equal(game.HomeId, Text(ml["otherParticipantID"]));
        Assert.Equal((40m, 160m, 160m, 0.2m), (ml["filled"]!.GetValue<decimal>(), ml["offered"]!.GetValue<decimal>(),
            ml["remaining"]!.GetValue<decimal>(), ml["takenRatio"]!.GetValue<decimal>()));
        Assert.Equal(Text(game.Json["start"]), Text(ml["expiry"])); // pre-game: cancelled at the start
        Assert.Equal("offer", Text(ml["origin"]));
        Assert.Equal("mine", Text(ml["userReference"]));
        Assert.Null(ml["spread"]);
        Assert.False(ml["graded"]!.GetValue<bool>() || ml["closed"]!.GetValue<bool>() || ml["adminRefund"]!.GetValue<bool>());
        AssertGameSummary(game, ml["game"]!);

        JsonNode sp = Assert.Single(unmatched, o => Text(o!["id"]) == Text(spread["orderID"]))!;
        Assert.Equal((-3.5m, -110, game.HomeId, game.AwayId), (sp["spread"]!.GetValue<decimal>(), sp["odds"]!.GetValue<int>(),
            Text(sp["participantID"]), Text(sp["otherParticipantID"])));
        Assert.Equal(DateTimeOffset.Parse(Text(sp["createdAt"])).AddMinutes(30), DateTimeOffset.Parse(Text(sp["expiry"])));
        Assert.False(sp.AsObject().ContainsKey("userReference"));
        Assert.Equal(2, unmatched.Count);
    }

    [Fact]
    public async Task Lookup_order_shows_the_order_taker_facing_with_matched_and_unmatched_risk()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User rival = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        string total = Text((await PlaceOneAsync(maker, new { gameID = game.Id, type = "total", side = "over", number = 220.5, odds = 104, bet = 100, orderType = "post" }))["unmatched"]!["orderID"]);
        string spread = Text((await PlaceOneAsync(maker, new { gameID = game.Id, type = "spread", side = game.HomeId, number = -3.5, odds = 110, bet = 50, orderType = "post" }))["unmatched"]!["orderID"]);
        await taker.PlaceAsync(new { gameID = game.Id, type = "total", side = "under", number = 220.5, odds = -104, bet = 52 }); // G = 50

        JsonNode best = (await maker.Client.GetAsync($"/session/lookupOrder?orderID={total}")).Data["order"]!;
        await rival.PlaceAsync(new { gameID = game.Id, type = "total", side = "over", number = 220.5, odds = 102, bet = 100, orderType = "post" });
        JsonNode outbid = (await maker.Client.GetAsync($"/session/lookupOrder?orderID={total}")).Data["order"]!;
        JsonNode sp = (await maker.Client.GetAsync($"/session/lookupOrder?orderID={spread}")).Data["order"]!;
        await maker.Client.PostAsync("/session/cancel", new { sessionID = spread });
        JsonNode cancelled = (await maker.Client.GetAsync($"/session/lookupOrder?orderID={spread}")).Data["order"]!;

        Assert.Equal(total, Text(best["id"]));
        Assert.False(best["cancelled"]!.GetValue<bool>());
        Assert.True(best["isTheBestOffer"]!.GetValue<bool>());
        Assert.Equal(-104, best["odds"]!.GetValue<int>());
        Assert.Equal("total", Text(best["type"]));
        Assert.Equal("under", Text(best["OU"]));
        Assert.Null(best["participant"]);
        Assert.Null(best["participantLongName"]);
        Assert.Null(best["spread"]);
        Assert.Equal(220.5m, best["total"]!.GetValue<decimal>());
        Assert.Equal("50.00", Text(best["matchedRisk"]));
        Assert.Equal("50.00", Text(best["unmatchedRisk"]));
        AssertGameSummary(game, best["game"]!);
        Assert.False(outbid["isTheBestOffer"]!.GetValue<bool>()); // +102 gives a taker −102, better than −104

        Assert.Equal((-110, game.AwayId, 3.5m), (sp["odds"]!.GetValue<int>(), Text(sp["participant"]), sp["spread"]!.GetValue<decimal>()));
        Assert.Equal(Text(game.Json["participants"]![0]!["longName"]), Text(sp["participantLongName"]));
        Assert.Null(sp["OU"]);
        Assert.Null(sp["total"]);
        Assert.Equal(("0.00", "50.00"), (Text(sp["matchedRisk"]), Text(sp["unmatchedRisk"])));
        Assert.True(cancelled["cancelled"]!.GetValue<bool>());
        Assert.False(cancelled["isTheBestOffer"]!.GetValue<bool>());
        Assert.Equal("0.00", Text(cancelled["unmatchedRisk"]));
    }

    [Fact]
    public async Task Lookup_order_answers_403_for_another_users_order_and_404_for_unknown_malformed_or_missing_ids()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string orderId = Text((await PlaceOneAsync(owner, Post(game, game.AwayId, 150, 20)))["unmatched"]!["orderID"]);

        OpenLineClient.Response theirs = await stranger.Client.GetAsync($"/session/lookupOrder?orderID={orderId}");
        OpenLineClient.Response unknown = await owner.Client.GetAsync($"/session/lookupOrder?orderID={UnknownId}");
        OpenLineClient.Response malformed = await owner.Client.GetAsync("/session/lookupOrder?orderID=nope");
        OpenLineClient.Response missing = await owner.Client.GetAsync("/session/lookupOrder");

        Assert.Equal((HttpStatusCode.Forbidden, "Not your order"), (theirs.Status, theirs.Error));
        Assert.Null(theirs.Body!["data"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, malformed.Status);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task Orders_for_game_returns_only_that_games_orders_and_bets_and_404_for_a_bad_game()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo other = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        string resting = Text((await PlaceOneAsync(maker, Post(game, game.AwayId, 150, 200)))["unmatched"]!["orderID"]);
        await PlaceOneAsync(maker, Post(other, other.AwayId, 150, 200));
        string txId = Text((await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 30)))["matched"]![0]!["txID"]);
        await taker.PlaceAsync(ExchangeSetup.Moneyline(other, other.HomeId, -150, 30));

        JsonNode data = (await maker.Client.GetAsync($"/user/getOrdersForGame?gameID={game.Id}")).Data;
        JsonNode stranger = (await (await fixture.CreateUserAsync()).Client.GetAsync($"/user/getOrdersForGame?gameID={game.Id}")).Data;

        Assert.Equal([resting], data["unmatched"]!.AsArray().Select(o => Text(o!["id"])));
        JsonNode row = Assert.Single(data["matched"]!.AsArray())!;
        Assert.Equal((txId, "offer", "20.00", "30.00"), (Text(row["txID"]), Text(row["origin"]), Text(row["risk"]), Text(row["win"])));
        Assert.Empty(stranger["unmatched"]!.AsArray());
        Assert.Empty(stranger["matched"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await maker.Client.GetAsync($"/user/getOrdersForGame?gameID={UnknownId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await maker.Client.GetAsync("/user/getOrdersForGame?gameID=nope")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await maker.Client.GetAsync("/user/getOrdersForGame")).Status);
    }

    [Fact]
    public async Task Bet_by_id_answers_an_open_order_as_itself_and_a_filled_one_as_its_first_fill()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        JsonNode rest = (await PlaceOneAsync(maker, Post(game, game.AwayId, 150, 20)))["unmatched"]!;
        string orderId = Text(rest["orderID"]);

        OpenLineClient.Response open = await maker.Client.GetAsync($"/user/getBetByID?id={orderId}");
        OpenLineClient.Response openByWagerRequest = await maker.Client.GetAsync($"/user/getBetByID?txID={Text(rest["wagerRequestID"])}");
        string txId = Text((await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 100)))["matched"]![0]!["txID"]);
        OpenLineClient.Response filled = await maker.Client.GetAsync($"/user/getBetByID?id={orderId}");
        OpenLineClient.Response byTx = await maker.Client.PostAsync("/USER/GETBETBYID", new { txID = txId });

        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Null(open.Body!["data"]); // top-level `bet` (API §1)
        Assert.Equal((orderId, 20m, "offer"), (Text(open.Body["bet"]!["id"]), open.Body["bet"]!["remaining"]!.GetValue<decimal>(), Text(open.Body["bet"]!["origin"])));
        Assert.Equal(open.Raw, openByWagerRequest.Raw);
        JsonNode bet = filled.Body!["bet"]!;
        Assert.Equal((orderId, txId, 20m, "20.00", "30.00"), (Text(bet["id"]), Text(bet["txID"]), bet["bet"]!.GetValue<decimal>(), Text(bet["risk"]), Text(bet["win"])));
        Assert.Equal(filled.Raw, byTx.Raw);
    }

    [Fact]
    public async Task Bet_by_id_answers_400_for_bad_input_and_403_for_another_users_order_fill_or_wager_request()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        JsonNode rest = (await PlaceOneAsync(maker, Post(game, game.AwayId, 150, 200)))["unmatched"]!;
        JsonNode fill = (await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 30)))["matched"]![0]!;

        OpenLineClient.Response[] forbidden =
        [
            await stranger.Client.GetAsync($"/user/getBetByID?id={Text(rest["orderID"])}"),
            await stranger.Client.GetAsync($"/user/getBetByID?txID={Text(rest["wagerRequestID"])}"),
            await stranger.Client.GetAsync($"/user/getBetByID?txID={Text(fill["txID"])}"),
            await stranger.Client.GetAsync($"/user/getBetByID?id={Text(fill["wagerRequestID"])}"),
            await stranger.Client.GetAsync($"/user/getBetByID?txID={Text(fill["wagerRequestID"])}"),
            await maker.Client.GetAsync($"/user/getBetByID?txID={Text(fill["wagerRequestID"])}"), // the taker's request, not the maker's
        ];
        OpenLineClient.Response[] badRequests =
        [
            await maker.Client.GetAsync("/user/getBetByID"),
            await maker.Client.GetAsync($"/user/getBetByID?id={Text(rest["orderID"])}&txID={Text(fill["txID"])}"),
            await maker.Client.GetAsync("/user/getBetByID?id=nope"),
            await maker.Client.GetAsync($"/user/getBetByID?id={UnknownId}"),
            await maker.Client.GetAsync($"/user/getBetByID?txID={UnknownId}"),
        ];

        Assert.All(forbidden, r => Assert.Equal((HttpStatusCode.Forbidden, "Not your order"), (r.Status, r.Error)));
        Assert.All(forbidden, r => Assert.Null(r.Body!["bet"]));
        Assert.All(badRequests, r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
        Assert.All(badRequests, r => Assert.NotNull(r.Error));
    }

    [Fact]
    public async Task Bet_by_wager_request_id_returns_the_requests_fills_as_taker_and_as_maker_of_its_remainder()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User first = await fixture.CreateUserAsync();
        ExchangeSetup.User second = await fixture.CreateUserAsync();
        ExchangeSetup.User third = await fixture.CreateUserAsync();
        await PlaceOneAsync(first, Post(game, game.AwayId, 185, 100));
        // 185 of 300 fills at −185; 115 rests at −185 and is then hit by a +185 taker for 50 (G = 92.50).
        JsonNode request = await PlaceOneAsync(second, ExchangeSetup.Moneyline(game, game.HomeId, -185, 300));
        string wagerRequestId = Text(request["unmatched"]!["wagerRequestID"]);
        string takenTx = Text(request["matched"]![0]!["txID"]);
        string hitTx = Text((await PlaceOneAsync(third, ExchangeSetup.Moneyline(game, game.AwayId, 185, 50)))["matched"]![0]!["txID"]);

        OpenLineClient.Response response = await second.Client.GetAsync($"/user/getBetByWagerRequestID?wagerRequestID={wagerRequestId}");

        Assert.Empty(response.Data["unmatched"]!.AsArray());
        Assert.Empty(response.Data["graded"]!.AsArray());
        Assert.Equal([takenTx, hitTx], response.Data["matched"]!.AsArray().Select(r => Text(r!["txID"])));
        JsonNode hit = Row(response.Data, "matched", hitTx);
        Assert.Equal(("offer", 92.5m, -185, "92.50", "50.00"), (Text(hit["origin"]), hit["bet"]!.GetValue<decimal>(),
            hit["odds"]!.GetValue<int>(), Text(hit["risk"]), Text(hit["win"])));
        Assert.Equal(Text(request["unmatched"]!["orderID"]), Text(hit["id"]));
        Assert.Equal(Text(hit["id"]), Text(Row(response.Data, "matched", takenTx)["id"]));
    }

    [Fact]
    public async Task Bet_by_wager_request_id_answers_400_for_missing_unknown_or_another_users_id()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string wagerRequestId = Text((await PlaceOneAsync(owner, Post(game, game.AwayId, 150, 20)))["unmatched"]!["wagerRequestID"]);

        OpenLineClient.Response mine = await owner.Client.GetAsync($"/user/getBetByWagerRequestID?wagerRequestID={wagerRequestId}");
        OpenLineClient.Response theirs = await stranger.Client.GetAsync($"/user/getBetByWagerRequestID?wagerRequestID={wagerRequestId}");

        Assert.Equal(HttpStatusCode.OK, mine.Status); // rested, not filled: nothing matched yet
        Assert.Empty(mine.Data["matched"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, theirs.Status);
        Assert.Null(theirs.Body!["data"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync($"/user/getBetByWagerRequestID?wagerRequestID={UnknownId}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync("/user/getBetByWagerRequestID?wagerRequestID=nope")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync("/user/getBetByWagerRequestID")).Status);
    }

    [Fact]
    public async Task Bet_by_user_reference_is_scoped_to_the_caller_and_the_game_and_answers_408_for_bad_parameters()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo other = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        string resting = Text((await PlaceOneAsync(maker, Post(game, game.AwayId, 150, 200, "ref-1")))["unmatched"]!["orderID"]);
        string elsewhere = Text((await PlaceOneAsync(maker, Post(other, other.AwayId, 150, 200, "ref-1")))["unmatched"]!["orderID"]);
        await PlaceOneAsync(maker, Post(game, game.AwayId, 160, 200, "ref-2")); // −160 to a taker: outside its −150 limit
        // The taker uses the same string: its fill is its own, never shown to the maker under "ref-1".
        string txId = Text((await PlaceOneAsync(taker, ExchangeSetup.Moneyline(game, game.HomeId, -150, 30, userReference: "ref-1")))["matched"]![0]!["txID"]);

        JsonNode inGame = (await maker.Client.GetAsync($"/user/getBetByUserReference?userReference=ref-1&gameID={game.Id}")).Data;
        JsonNode everywhere = (await maker.Client.PostAsync("/user/getBetByUserReference", new { userReference = "ref-1" })).Data;
        JsonNode takerView = (await taker.Client.GetAsync($"/user/getBetByUserReference?userReference=ref-1&gameID={game.Id}")).Data;

        Assert.Equal([resting], inGame["unmatched"]!.AsArray().Select(o => Text(o!["id"])));
        JsonNode makerRow = Assert.Single(inGame["matched"]!.AsArray())!;
        Assert.Equal((txId, "offer", "ref-1"), (Text(makerRow["txID"]), Text(makerRow["origin"]), Text(makerRow["userReference"])));
        Assert.Empty(inGame["graded"]!.AsArray());
        Assert.Equal(new HashSet<string> { resting, elsewhere }, everywhere["unmatched"]!.AsArray().Select(o => Text(o!["id"])).ToHashSet());
        Assert.Empty(takerView["unmatched"]!.AsArray());
        Assert.Equal((txId, "wager"), (Text(Assert.Single(takerView["matched"]!.AsArray())!["txID"]), Text(takerView["matched"]![0]!["origin"])));
        Assert.Equal((HttpStatusCode)408, (await maker.Client.GetAsync($"/user/getBetByUserReference?gameID={game.Id}")).Status);
        Assert.Equal((HttpStatusCode)408, (await maker.Client.GetAsync("/user/getBetByUserReference?userReference=ref-1&gameID=nope")).Status);
        Assert.Equal((HttpStatusCode)408, (await maker.Client.GetAsync($"/user/getBetByUserReference?userReference=ref-1&gameID={UnknownId}")).Status);
        Assert.Equal("Invalid User Reference or Game ID", (await maker.Client.GetAsync("/user/getBetByUserReference")).Error);
    }

    [Fact]
    public async Task Every_account_endpoint_answers_401_without_a_token()
    {
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        string[] paths =
        [
            $"/session/lookupOrder?orderID={UnknownId}", "/user/getMatchedBets", "/user/getUnmatched", $"/user/getOrdersForGame?gameID={UnknownId}",
            $"/user/getBetByID?id={UnknownId}", $"/user/getBetByWagerRequestID?wagerRequestID={UnknownId}", "/user/getBetByUserReference?userReference=x",
        ];

        foreach (string path in paths)
        {
            OpenLineClient.Response response = await anonymous.GetAsync(path);
            Assert.Equal((HttpStatusCode.Unauthorized, "InvalidCredentials"), (response.Status, response.Error));
        }
    }
}
