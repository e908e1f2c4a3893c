using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>The orders WebSocket <c>/orders/ws</c> (API §5) with real ClientWebSocket clients.</summary>
public sealed class OrdersSocketTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<SocketClient> ConnectAsync(ExchangeSetup.User user) => SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/orders/ws", user.Client.Token);

    private static JsonObject Order(ExchangeSetup.GameInfo game, string side, int odds, decimal bet, string orderType, string? reference = null) => new()
    {
        ["gameId"] = game.Id, ["type"] = "moneyline", ["side"] = side, ["odds"] = odds, ["bet"] = bet, ["orderType"] = orderType,
        ["userReference"] = reference,
    };

    [Fact]
    public async Task The_upgrade_needs_a_valid_token()
    {
        Assert.Equal(401, await SocketClient.RefusedStatusAsync(fixture.Server.BaseAddress, "/orders/ws", null));
        Assert.Equal(401, await SocketClient.RefusedStatusAsync(fixture.Server.BaseAddress, "/orders/ws", "deadbeef"));
    }

    [Fact]
    public async Task An_order_placed_over_a_socket_the_web_page_opened_with_its_cookie_is_platform_web()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 186, 500, "post"));
        OpenLineClient.Response login = await new OpenLineClient(fixture.Server.CreateHttpClient())
            .PostAsync("/user/login", new { username = taker.Username, password = taker.Password });
        string cookie = login.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth=", StringComparison.Ordinal)).Split(';')[0];
        await using SocketClient socket = await SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/orders/ws", token: null, cookie,
            origin: fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority)); // the page's own origin

        JsonNode reply = await socket.RequestAsync("placeV3", new JsonObject
        {
            ["requestID"] = "web-1",
            ["orders"] = new JsonArray(Order(game, game.HomeId, -186, 100, "fillAndKill")),
        });
        Assert.Null(reply["error"]);
        await fixture.GradeAsync(game.Id, 1, 2);

        JsonNode row = Assert.Single((await taker.Client.GetAsync("/user/v2/getGradedSince?since=2020-01-01T00:00:00Z")).Data["graded"]!.AsArray(), r => r!["game"]!["id"]!.GetValue<string>() == game.Id)!;
        Assert.Equal("web", row["platform"]!.GetValue<string>());
    }

    [Fact]
    public async Task Place_v3_answers_positionally_at_full_precision_with_snake_case_error_types()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 186, 500, "post"));
        await using SocketClient socket = await ConnectAsync(taker);

        JsonNode reply = await socket.RequestAsync("placeV3", new JsonObject
        {
            ["requestID"] = "p1",
            ["orders"] = new JsonArray(
                Order(game, game.HomeId, -186, 100, "fillAndKill", "ws-fak"),
                new JsonObject { ["gameID"] = "688c0516fbc14da0c202d426", ["type"] = "moneyline", ["side"] = game.HomeId, ["odds"] = -110, ["bet"] = 10, ["orderType"] = "limit" },
                Order(game, game.HomeId, -186, 50, "post")),
        });

        Assert.Equal("p1", reply["requestID"]!.GetValue<string>());
        JsonArray data = reply["data"]!.AsArray();
        JsonNode fill = data[0]!["matched"]![0]!;
        Assert.Equal(100.537634m, fill["risk"]!.GetValue<decimal>()); // REST shows 100.538
        Assert.Equal(53.225806m, fill["win"]!.GetValue<decimal>());
        Assert.Equal(53.76344m, fill["winWithoutCommission"]!.GetValue<decimal>());
        Assert.Equal("ws-fak", fill["userReference"]!.GetValue<string>());
        Assert.Empty(data[0]!["unmatched"]!.AsObject());
        Assert.Equal("game not found: invalid gameID", data[1]!["error"]!.GetValue<string>());
        Assert.Equal("validation_error", data[1]!["error_type"]!.GetValue<string>());
        Assert.Equal("rejected_order_type_rules", data[2]!["error_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Heartbeat_acknowledges_with_server_time_and_refuses_a_missing_timeout()
    {
        ExchangeSetup.User bot = await fixture.CreateUserAsync();
        await using SocketClient socket = await ConnectAsync(bot);

        JsonNode ack = await socket.RequestAsync("heartbeat", new JsonObject { ["requestID"] = "r1", ["requestTimeout"] = 10 });
        JsonNode bad = await socket.RequestAsync("heartbeat", new JsonObject { ["requestID"] = "r2" });
        await socket.SendAsync("heartbeat", new { requestTimeout = 10 });
        JsonNode generated = (await socket.ReceiveAsync())!;

        Assert.Equal("heartbeatAck", ack["data"]!["type"]!.GetValue<string>());
        Assert.Equal(10, ack["data"]!["timeoutSec"]!.GetValue<int>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", ack["data"]!["serverTime"]!.GetValue<string>());
        Assert.Equal("Invalid heartbeat timeout", bad["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(generated["requestID"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_dead_man_switch_cancels_every_open_order_after_the_timeout_and_not_before()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User bot = await fixture.CreateUserAsync();
        await bot.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 40, "post"));
        await using SocketClient socket = await ConnectAsync(bot);

        var clock = Stopwatch.StartNew();
        await socket.RequestAsync("heartbeat", new JsonObject { ["requestTimeout"] = 1 });
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        decimal before = (await bot.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>();
        bool beforeInTime = clock.Elapsed < TimeSpan.FromMilliseconds(950);
        await Task.Delay(TimeSpan.FromMilliseconds(1_000), TestContext.Current.CancellationToken);
        decimal after = (await bot.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>();

        Assert.True(beforeInTime, "the first check ran before the deadline");
        Assert.Equal(-40m, before);
        Assert.Equal(0m, after);
    }

    [Fact]
    public async Task Cancels_by_id_accept_both_casings_and_report_the_documented_errors()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string a = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        string b = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 151, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        await using SocketClient mine = await ConnectAsync(owner);
        await using SocketClient theirs = await ConnectAsync(stranger);

        JsonNode notYours = await theirs.RequestAsync("cancelById", new JsonObject { ["orderId"] = a });
        JsonNode first = await mine.RequestAsync("cancelById", new JsonObject { ["orderId"] = a });
        JsonNode second = await mine.RequestAsync("cancelById", new JsonObject { ["orderID"] = b });
        JsonNode again = await mine.RequestAsync("cancelById", new JsonObject { ["orderId"] = a });
        JsonNode malformed = await mine.RequestAsync("cancelById", new JsonObject { ["orderId"] = "xyz" });
        JsonNode unknown = await mine.RequestAsync("cancelById", new JsonObject { ["orderId"] = "688c0516fbc14da0c202d426" });

        Assert.Equal("unauthorized: order does not belong to user", notYours["error"]!.GetValue<string>());
        JsonNode cancelled = first["data"]![0]!;
        Assert.True(cancelled["success"]!.GetValue<bool>());
        Assert.Equal(a, cancelled["orderID"]!.GetValue<string>());
        Assert.Equal(150, cancelled["odds"]!.GetValue<int>());
        Assert.Equal(0m, cancelled["offered"]!.GetValue<decimal>());
        Assert.Equal(20m, cancelled["remaining"]!.GetValue<decimal>());
        Assert.Equal(game.AwayId, cancelled["side"]!.GetValue<string>());
        Assert.Null(cancelled["number"]);
        Assert.Equal(game.Id, cancelled["gameID"]!.GetValue<string>());
        Assert.Equal(b, second["data"]![0]!["orderID"]!.GetValue<string>());
        Assert.Equal("order already cancelled", again["error"]!.GetValue<string>());
        Assert.Equal("invalid order ID format", malformed["error"]!.GetValue<string>());
        Assert.Equal("order not found", unknown["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_multiple_by_game_and_all_cancel_only_what_they_select()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo other = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        string ml = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        await owner.PlaceAsync(new { gameID = game.Id, type = "total", side = "under", number = 200.5, odds = 105, bet = 30, orderType = "post" });
        await owner.PlaceAsync(ExchangeSetup.Moneyline(other, other.HomeId, 150, 25, "post"));
        await using SocketClient socket = await ConnectAsync(owner);

        JsonNode multiple = await socket.RequestAsync("cancelMultiple", new JsonObject { ["orderIDs"] = new JsonArray(ml, ml) });
        JsonNode byGame = await socket.RequestAsync("cancelAllByGame", new JsonObject { ["gameId"] = game.Id, ["type"] = "total" });
        JsonNode unknownGame = await socket.RequestAsync("cancelAllByGame", new JsonObject { ["gameID"] = "688c0516fbc14da0c202d426" });
        JsonNode all = await socket.RequestAsync("cancelAll", new JsonObject());

        Assert.True(multiple["data"]![0]!["success"]!.GetValue<bool>());
        Assert.False(multiple["data"]![1]!["success"]!.GetValue<bool>());
        Assert.Equal(ml, multiple["data"]![1]!["orderID"]!.GetValue<string>());
        Assert.Equal("order already cancelled", multiple["data"]![1]!["description"]!.GetValue<string>());
        Assert.Equal(30m, Assert.Single(byGame["data"]!.AsArray())!["remaining"]!.GetValue<decimal>());
        Assert.Equal("game not found", unknownGame["error"]!.GetValue<string>());
        Assert.Equal(25m, Assert.Single(all["data"]!.AsArray())!["remaining"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Malformed_and_unknown_messages_get_an_error_and_the_connection_stays_up()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        await using SocketClient socket = await ConnectAsync(user);

        await socket.SendAsync("{not json");
        JsonNode notJson = (await socket.ReceiveAsync())!;
        await socket.SendAsync("{\"type\":\"heartbeat\"}");
        JsonNode notTuple = (await socket.ReceiveAsync())!;
        JsonNode unknown = await socket.RequestAsync("launchRockets", new JsonObject());
        JsonNode stillFine = await socket.RequestAsync("heartbeat", new JsonObject { ["requestTimeout"] = 30 });

        Assert.StartsWith("invalid message", notJson["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("invalid message", notTuple["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("unknown message type: launchRockets", unknown["error"]!.GetValue<string>());
        Assert.Equal("heartbeatAck", stillFine["data"]!["type"]!.GetValue<string>());
    }
}
