using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>POST /session/v3/place over HTTP: the seed page's scenarios and the error shapes (API §3.2, rules §1–§5).</summary>
public sealed class PlaceEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static decimal Num(JsonNode? node) => node!.GetValue<decimal>();

    [Fact]
    public async Task Scenario_2_limit_of_300_at_minus_185_against_an_offer_of_100_at_plus_185_matches_185_and_rests_115()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        JsonArray posted = await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 185, 100, "post"));
        string makerOrder = posted[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        JsonNode result = (await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -185, 300)))[0]!;

        JsonNode fill = result["matched"]![0]!;
        Assert.Equal(185m, Num(fill["amount"]));
        Assert.Equal(-185, fill["odds"]!.GetValue<int>());
        Assert.Equal(186m, Num(fill["risk"]));
        Assert.Equal(99m, Num(fill["win"]));
        Assert.Equal(100m, Num(fill["winWithoutCommission"]));
        Assert.Equal(makerOrder, fill["orderID"]!.GetValue<string>());
        Assert.Equal("moneyline", fill["type"]!.GetValue<string>());
        Assert.Equal(game.HomeId, fill["side"]!.GetValue<string>());
        Assert.Null(fill["number"]);
        Assert.True(fill.AsObject().ContainsKey("number"), "number is always present (null for moneyline)");
        Assert.False(fill.AsObject().ContainsKey("userReference"), "an absent userReference is omitted, never null");
        JsonNode rest = result["unmatched"]!;
        Assert.Equal(115m, Num(rest["offered"]));
        Assert.Equal(-185, rest["odds"]!.GetValue<int>());
        Assert.Equal(fill["wagerRequestID"]!.GetValue<string>(), rest["wagerRequestID"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{24}$", rest["orderID"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{24}$", fill["txID"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scenario_1_three_limit_orders_on_moneyline_spread_and_total_all_match_instantly()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 100_000);
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.HomeId, 175, 1_000, "post"),
            new { gameID = game.Id, type = "spread", side = game.HomeId, number = -3.5, odds = 110, bet = 1_000, orderType = "post" },
            new { gameID = game.Id, type = "total", side = "under", number = 50, odds = 104, bet = 1_000, orderType = "post" });

        // Rules §3: the page labels these "post", but orders that match instantly are limit orders.
        JsonArray results = await taker.PlaceAsync(
            new { gameID = game.Id, type = "moneyline", side = game.AwayId, odds = -175, bet = 100 },
            new { gameID = game.Id, type = "spread", side = game.AwayId, odds = -110, bet = 100, number = 3.5 },
            new { gameID = game.Id, type = "total", side = "over", odds = -104, bet = 100, number = 50 });

        // A = 100; G = floor(A × m(odds)); risk = A + round(1% × min(A, G)); win = G − round(1% × G); shown to 3 decimals.
        (decimal Risk, decimal Win, decimal Gross, decimal? Number)[] expected =
        [
            (100.571m, 56.571m, 57.143m, null),   // G 57.142857, commission 0.571429
            (100.909m, 90m, 90.909m, 3.5m),       // G 90.909090, commission 0.909091
            (100.962m, 95.192m, 96.154m, 50m),    // G 96.153846, commission 0.961538
        ];
        for (int i = 0; i < 3; i++)
        {
            JsonNode fill = results[i]!["matched"]![0]!;
            Assert.Equal(100m, Num(fill["amount"]));
            Assert.Equal(expected[i].Risk, Num(fill["risk"]));
            Assert.Equal(expected[i].Win, Num(fill["win"]));
            Assert.Equal(expected[i].Gross, Num(fill["winWithoutCommission"]));
            Assert.Equal(expected[i].Number, fill["number"]?.GetValue<decimal>());
            Assert.Empty(results[i]!["unmatched"]!.AsObject());
        }
    }

    [Fact]
    public async Task Numbers_are_written_without_trailing_zeros_or_exponents()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 185, 100, "post"));

        OpenLineClient.Response response = await taker.Client.PostAsync("/session/v3/place",
            new { orders = new[] { ExchangeSetup.Moneyline(game, game.HomeId, -185, 300) } });

        Assert.Contains("\"risk\":186,", response.Raw, StringComparison.Ordinal);
        Assert.Contains("\"offered\":115,", response.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("E+", response.Raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Scenario_3_fill_and_kill_at_minus_186_reports_risk_win_and_win_without_commission_to_three_decimals()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 186, 500, "post"));

        JsonNode result = (await taker.PlaceAsync(new
        {
            gameID = game.Id, type = "moneyline", side = game.HomeId, odds = -186, bet = 100, orderType = "fillAndKill",
            userReference = "docs-fillandkill-match",
        }))[0]!;

        JsonNode fill = result["matched"]![0]!;
        Assert.Equal(100m, Num(fill["amount"]));
        Assert.Equal(100.538m, Num(fill["risk"]));
        Assert.Equal(53.226m, Num(fill["win"]));
        Assert.Equal(53.763m, Num(fill["winWithoutCommission"]));
        Assert.Equal("docs-fillandkill-match", fill["userReference"]!.GetValue<string>());
        Assert.Empty(result["unmatched"]!.AsObject());
    }

    [Fact]
    public async Task Scenario_4_fill_and_kill_with_nothing_to_take_is_a_per_order_error()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();

        JsonNode result = (await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -186, 100, "fillAndKill")))[0]!;

        Assert.Equal("fill and kill has no matches", result["error"]!.GetValue<string>());
        Assert.Equal("rejected_order_type_rules", result["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scenario_5_post_at_the_offer_is_rejected_but_post_arb_within_one_percent_fills_without_commission()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User trader = await fixture.CreateUserAsync();
        // The maker backs home at -100: a taker of the away side is offered +100.
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -100, 200, "post"));

        JsonNode post = (await trader.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 100, 50, "post")))[0]!;
        JsonNode postArb = (await trader.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 100, 50, "postArb")))[0]!;

        Assert.Equal("post order cannot have matches", post["error"]!.GetValue<string>());
        Assert.Equal("rejected_order_type_rules", post["errorType"]!.GetValue<string>());
        JsonNode fill = postArb["matched"]![0]!;
        Assert.Equal(50m, Num(fill["risk"]));
        Assert.Equal(50m, Num(fill["win"]));
        Assert.False(fill.AsObject().ContainsKey("isPostArb"), "the place response never carries isPostArb");
    }

    [Fact]
    public async Task Post_arb_more_than_one_percent_from_the_book_is_rejected()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User trader = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -200, 500, "post")); // away offered at +200

        JsonNode far = (await trader.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 190, 50, "postArb")))[0]!;
        JsonNode edge = (await trader.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 198, 50, "postArb")))[0]!;

        Assert.Equal("postArb order is more than 1% from the book", far["error"]!.GetValue<string>());
        Assert.Equal(200, edge["matched"]![0]!["odds"]!.GetValue<int>());
    }

    [Fact]
    public async Task Scenario_6_moneyline1x2_yes_on_the_draw_rests_on_a_soccer_game_and_is_refused_elsewhere()
    {
        ExchangeSetup.GameInfo soccer = await fixture.CreateGameAsync("EPL", "soccer");
        ExchangeSetup.GameInfo basketball = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        JsonArray results = await user.PlaceAsync(
            new { gameID = soccer.Id, type = "moneyline1x2", side = "yes", market = "draw", odds = 250, bet = 50, orderType = "post", userReference = "docs-ml1x2-yes-draw" },
            new { gameID = basketball.Id, type = "moneyline1x2", side = "yes", market = "draw", odds = 250, bet = 50, orderType = "post" },
            new { gameID = soccer.Id, type = "moneyline1x2", side = "no", odds = 250, bet = 50, orderType = "post" });

        JsonNode rest = results[0]!["unmatched"]!;
        Assert.Equal("draw", rest["market"]!.GetValue<string>());
        Assert.Equal("yes", rest["side"]!.GetValue<string>());
        Assert.Equal(50m, Num(rest["offered"]));
        Assert.Equal("validation_error", results[1]!["errorType"]!.GetValue<string>());
        Assert.Contains("soccer", results[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("market is required", results[2]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spread_taker_on_home_minus_3_5_fills_against_away_plus_3_5()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(new { gameID = game.Id, type = "spread", side = game.AwayId, number = 3.5, odds = 110, bet = 100, orderType = "post" });

        JsonNode result = (await taker.PlaceAsync(new { gameID = game.Id, type = "spread", side = game.HomeId, number = -3.5, odds = -110, bet = 50 }))[0]!;

        JsonNode fill = result["matched"]![0]!;
        Assert.Equal(-3.5m, Num(fill["number"]));
        Assert.Equal(-110, fill["odds"]!.GetValue<int>());
        Assert.Equal(50.455m, Num(fill["risk"]));
        Assert.Equal(45m, Num(fill["win"]));
    }

    [Fact]
    public async Task Totals_match_over_against_under_at_the_same_number_only()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(new { gameID = game.Id, type = "total", side = "over", number = 50, odds = 104, bet = 100, orderType = "post" });

        JsonArray results = await taker.PlaceAsync(
            new { gameID = game.Id, type = "total", side = "under", number = 50.5, odds = -104, bet = 50, orderType = "fillAndKill" },
            new { gameID = game.Id, type = "total", side = "under", number = 50, odds = -104, bet = 50, orderType = "fillAndKill" });

        Assert.Equal("fill and kill has no matches", results[0]!["error"]!.GetValue<string>());
        Assert.Equal(50.481m, Num(results[1]!["matched"]![0]!["risk"]));
        Assert.Equal(47.596m, Num(results[1]!["matched"]![0]!["win"]));
    }

    [Fact]
    public async Task A_batch_is_positional_and_a_bad_order_fails_alone()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync(balance: 100);

        JsonArray results = await user.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.AwayId, 120, 20, "post"),
            new { gameID = "688c0516fbc14da0c202d426", type = "moneyline", side = game.AwayId, odds = 120, bet = 20 },
            ExchangeSetup.Moneyline(game, game.AwayId, 120, 500, "post"),
            ExchangeSetup.Moneyline(game, game.HomeId, -110, 20, "fillOrKill"),
            ExchangeSetup.Moneyline(game, game.AwayId, 130, 30, "post"));

        Assert.Equal(5, results.Count);
        Assert.Equal(20m, Num(results[0]!["unmatched"]!["offered"]));
        Assert.Equal("game not found: invalid gameID", results[1]!["error"]!.GetValue<string>());
        Assert.Equal("validation_error", results[1]!["errorType"]!.GetValue<string>());
        Assert.Equal("rejected_liability", results[2]!["errorType"]!.GetValue<string>());
        Assert.Equal("Insufficient balance. You have $80.00 available for betting. Balance is $100.00, credit limit is $0.00, current liability is $-20.00.",
            results[2]!["error"]!.GetValue<string>());
        Assert.Equal("fill or kill has no matches", results[3]!["error"]!.GetValue<string>());
        Assert.Equal(30m, Num(results[4]!["unmatched"]!["offered"]));
    }

    [Fact]
    public async Task Credit_limit_extends_what_an_account_may_stake()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync(balance: 0, creditLimit: -500);

        JsonArray results = await user.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.AwayId, 120, 400, "post"),
            ExchangeSetup.Moneyline(game, game.AwayId, 120, 101, "post"));

        Assert.Equal(400m, Num(results[0]!["unmatched"]!["offered"]));
        Assert.Equal("Insufficient balance. You have $100.00 available for betting. Balance is $0.00, credit limit is $-500.00, current liability is $-400.00.",
            results[1]!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":20}", "gameID is required")]
    [InlineData("{\"gameID\":\"G\",\"side\":\"S\",\"odds\":-110,\"bet\":20}", "type is required")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"parlay\",\"side\":\"S\",\"odds\":-110,\"bet\":20}", "invalid type")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"odds\":-110,\"bet\":20}", "side is required")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"bet\":20}", "odds is required")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":\"150\",\"bet\":20}", "odds must be a number")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":150.5,\"bet\":20}", "odds must be a whole number")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":99,\"bet\":20}", "odds must be American odds")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":100001,\"bet\":20}", "odds must be American odds")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":1e400,\"bet\":20}", "odds is out of range")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110}", "bet is required")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":0}", "bet must be greater than 0")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":-5}", "bet must be greater than 0")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":1000000000001}", "bet must be at most")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":99999999999999999999999999999999999}", "bet is out of range")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":20.0000001}", "at most 6 decimals")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":true}", "bet must be a number")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"spread\",\"side\":\"S\",\"odds\":-110,\"bet\":20}", "number is required")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"spread\",\"side\":\"S\",\"number\":3.3,\"odds\":-110,\"bet\":20}", "multiples of 0.25")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"total\",\"side\":\"sideways\",\"number\":3.5,\"odds\":-110,\"bet\":20}", "\\\"over\\\" or \\\"under\\\"")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"688c0516fbc14da0c202d426\",\"odds\":-110,\"bet\":20}", "invalid side")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":20,\"orderType\":\"market\"}", "invalid orderType")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":20,\"expirationMinutes\":0}", "expirationMinutes must be")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":20,\"expirationMinutes\":1.5}", "expirationMinutes must be")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":5,\"orderType\":\"post\"}", "minimum offer of $10.00")]
    [InlineData("[1,2]", "order must be a JSON object")]
    [InlineData("{\"gameID\":\"G\",\"type\":\"moneyline\",\"side\":\"S\",\"odds\":-110,\"bet\":20,\"userReference\":\"x\\ud800y\"}", "userReference is not valid Unicode text")]
    public async Task Each_bad_order_gets_a_clear_validation_error(string orderJson, string expected)
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        string order = orderJson.Replace("\"G\"", $"\"{game.Id}\"", StringComparison.Ordinal).Replace("\"S\"", $"\"{game.AwayId}\"", StringComparison.Ordinal);

        OpenLineClient.Response response = await user.Client.PostRawAsync("/session/v3/place", $"{{\"orders\":[{order}]}}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        JsonNode entry = response.Data["createdSessions"]![0]!;
        Assert.Equal("validation_error", entry["errorType"]!.GetValue<string>());
        Assert.Contains(expected.Replace("\\\"", "\"", StringComparison.Ordinal), entry["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{bad json", "Malformed JSON body")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "\"orders\" is required")]
    [InlineData("{\"orders\":{}}", "\"orders\" is required")]
    [InlineData("{\"orders\":[]}", "at least one order")]
    [InlineData("\"just a string\"", "must be a JSON object")]
    public async Task A_request_that_is_not_a_batch_is_a_400(string body, string expected)
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await user.Client.PostRawAsync("/session/v3/place", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_10000_orders_is_refused_whole_with_400()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        object[] orders = Enumerable.Range(0, 10_000).Select(_ => ExchangeSetup.Moneyline(game, game.AwayId, 150, 10, "post")).ToArray();

        OpenLineClient.Response response = await user.Client.PostAsync("/session/v3/place", new { orders });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("A place request may carry at most 200 orders; this one has 10000.", response.Error);
        JsonNode me = (await user.Client.GetAsync("/user/getMe")).Data["user"]!;
        Assert.Equal(0m, Num(me["liability"]));
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400_not_a_crash()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        string body = "{\"orders\":" + new string('[', 5000) + new string(']', 5000) + "}";

        OpenLineClient.Response response = await user.Client.PostRawAsync("/session/v3/place", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/user/getMe")).Status);
    }

    [Fact]
    public async Task The_v2_alias_places_the_same_way_and_accepts_risk_for_bet()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await user.Client.PostAsync("/session/v2/place",
            new { orders = new[] { new { gameID = game.Id, type = "moneyline", side = game.AwayId, odds = 150, risk = 25 } } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(25m, Num(response.Data["createdSessions"]![0]!["unmatched"]!["offered"]));
    }

    [Fact]
    public async Task A_started_game_that_is_not_live_takes_no_orders()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(start: DateTimeOffset.UtcNow.AddMinutes(-5));
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        JsonNode result = (await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20)))[0]!;

        Assert.Equal("game is not open for betting", result["error"]!.GetValue<string>());
        Assert.Equal("validation_error", result["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Placing_changes_liability_not_the_balance()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 1000);
        ExchangeSetup.User taker = await fixture.CreateUserAsync(balance: 1000);
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 185, 100, "post"));
        await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -185, 300));

        JsonNode makerMe = (await maker.Client.GetAsync("/user/getMe")).Data["user"]!;
        JsonNode takerMe = (await taker.Client.GetAsync("/user/getMe")).Data["user"]!;

        Assert.Equal(1000m, Num(makerMe["displayBalance"]));
        Assert.Equal(-100m, Num(makerMe["liability"]));
        Assert.Equal(1000m, Num(takerMe["displayBalance"]));
        Assert.Equal(-301m, Num(takerMe["liability"])); // 186 matched risk (commission included) + 115 resting
        Assert.Equal(699m, Num(takerMe["available"]));
    }
}
