using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>Bulk cancels, edit, pause/resume, the REST heartbeat and game liability over HTTP (API §3.2, §3.3).</summary>
public sealed class OrderManagementEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static async Task<string> RestAsync(ExchangeSetup.User user, object order) =>
        (await user.PlaceAsync(order))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

    private static object Post(ExchangeSetup.GameInfo game, string side, int odds, decimal bet, string? reference = null) =>
        new { gameID = game.Id, type = "moneyline", side, odds, bet, orderType = "post", userReference = reference };

    [Fact]
    public async Task Cancel_multiple_answers_each_id_in_place_and_never_cancels_another_users_order()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string mine = await RestAsync(owner, Post(game, game.AwayId, 150, 20));
        string theirs = await RestAsync(stranger, Post(game, game.AwayId, 160, 20));

        OpenLineClient.Response response = await owner.Client.PostAsync("/session/cancelMultiple",
            new { sessionIDs = new[] { mine, theirs, "688c0516fbc14da0c202d426" } });
        OpenLineClient.Response malformed = await owner.Client.PostAsync("/session/cancelMultiple", new { sessionIDs = new[] { mine, "nope" } });
        OpenLineClient.Response missing = await owner.Client.PostAsync("/session/cancelMultiple", new { });

        JsonArray data = response.Data.AsArray();
        Assert.True(data[0]!["success"]!.GetValue<bool>());
        Assert.Equal(mine, data[0]!["sessionID"]!.GetValue<string>());
        Assert.Equal("Not your order", data[1]!["reason"]!.GetValue<string>());
        Assert.False(data[1]!.AsObject().ContainsKey("sessionID"));
        Assert.False(data[2]!["success"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal(-20m, (await stranger.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Cancel_by_reference_for_game_and_for_league_take_only_what_they_name()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync("NHL", "hockey");
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        string a = await RestAsync(owner, Post(game, game.AwayId, 150, 20, "a"));
        await RestAsync(owner, Post(game, game.AwayId, 151, 20, "b"));
        await RestAsync(owner, new { gameID = game.Id, type = "total", side = "over", number = 5.5, odds = 105, bet = 30, orderType = "post" });

        JsonArray byReference = (await owner.Client.PostAsync("/session/cancelByReference", new { gameID = game.Id, userReferences = new[] { "a", "zzz" } })).Data.AsArray();
        JsonArray byType = (await owner.Client.PostAsync("/session/cancelAllOrdersForGame", new { gameID = game.Id, type = "total" })).Data.AsArray();
        OpenLineClient.Response league = await owner.Client.PostAsync("/session/cancelAllForLeague", new { league = "nhl" });

        Assert.Equal([a], byReference.Select(r => r!["sessionID"]!.GetValue<string>()));
        Assert.Equal(30m, Assert.Single(byType)!["remaining"]!.GetValue<decimal>());
        Assert.True(league.Data["ordersReceived"]!.GetValue<bool>());
        Assert.Equal(0m, (await owner.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PostAsync("/session/cancelByReference", new { gameID = game.Id })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PostAsync("/session/cancelAllOrdersForGame", new { gameID = game.Id, type = "parlay" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PostAsync("/session/cancelAllOrdersForGame", new { })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PostAsync("/session/cancelAllForLeague", new { league = "NO-SUCH-LEAGUE" })).Status);
    }

    [Fact]
    public async Task Cancel_all_orders_is_a_kill_switch_for_the_caller_only()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User other = await fixture.CreateUserAsync();
        await RestAsync(owner, Post(game, game.AwayId, 150, 20));
        await RestAsync(owner, Post(game, game.HomeId, 150, 25));
        await RestAsync(other, Post(game, game.HomeId, 150, 25));

        JsonArray cancelled = (await owner.Client.PostAsync("/session/cancelAllOrders", new { })).Data.AsArray();

        Assert.Equal(2, cancelled.Count);
        Assert.Equal(-25m, (await other.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Edit_replaces_the_order_with_a_new_id_and_reports_the_cancel()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        string id = await RestAsync(owner, Post(game, game.AwayId, 150, 100, "edit-me"));

        OpenLineClient.Response edit = await owner.Client.PostAsync("/session/editOrder", new { sessionID = id, orderOdds = 170, orderVolume = 60 });

        Assert.Equal(HttpStatusCode.OK, edit.Status);
        JsonNode cancelled = edit.Data["cancelled"]!;
        Assert.True(cancelled["success"]!.GetValue<bool>());
        Assert.Equal(id, cancelled["orderID"]!.GetValue<string>());
        Assert.Equal(100m, cancelled["remaining"]!.GetValue<decimal>());
        JsonNode replacement = edit.Data["unmatched"]!;
        Assert.NotEqual(id, replacement["orderID"]!.GetValue<string>());
        Assert.Equal(170, replacement["odds"]!.GetValue<int>());
        Assert.Equal(60m, replacement["offered"]!.GetValue<decimal>());
        Assert.Equal("edit-me", replacement["userReference"]!.GetValue<string>());
        Assert.Empty(edit.Data["matched"]!.AsArray());
    }

    [Fact]
    public async Task The_v4_guards_stop_a_stale_edit_after_its_cancel_and_block_one_with_nothing_to_trade_against()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        string filled = await RestAsync(owner, Post(game, game.AwayId, 100, 100));
        await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, 100, 40, "fillAndKill"));
        string lonely = await RestAsync(owner, new { gameID = game.Id, type = "total", side = "over", number = 200.5, odds = 105, bet = 30, orderType = "post" });

        OpenLineClient.Response stale = await owner.Client.PostAsync("/session/v4/editOrder",
            new { sessionID = filled, orderOdds = 110, orderVolume = 100, intendedOrderVolume = 100 });
        OpenLineClient.Response blocked = await owner.Client.PostAsync("/session/v4/editOrder",
            new { sessionID = lonely, orderOdds = 110, orderVolume = 30, blockIfNoOtherSideOrders = true });
        OpenLineClient.Response badOdds = await owner.Client.PostAsync("/session/v4/editOrder", new { sessionID = lonely, orderOdds = 99.5, orderVolume = 30 });

        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.False(stale.Data.AsObject().ContainsKey("unmatched"));
        Assert.Equal(60m, stale.Data["cancelled"]!["remaining"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.BadRequest, blocked.Status);
        Assert.Equal("no orders on the other side", blocked.Error);
        Assert.Equal("validation_error", blocked.Body!["errorType"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badOdds.Status);
        // 40 matched on the first order (its 60 remaining went with the stale edit) + the blocked order's 30 still resting.
        Assert.Equal(-70m, (await owner.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Editing_another_users_order_is_forbidden_and_changes_nothing()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string id = await RestAsync(owner, Post(game, game.AwayId, 150, 100));

        OpenLineClient.Response edit = await stranger.Client.PostAsync("/session/editOrder", new { sessionID = id, orderOdds = 170, orderVolume = 60 });

        Assert.Equal(HttpStatusCode.Forbidden, edit.Status);
        Assert.Equal("Not your order", edit.Error);
        Assert.Equal(-100m, (await owner.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Pause_takes_orders_off_and_resume_puts_their_remaining_stakes_back()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        await RestAsync(owner, Post(game, game.AwayId, 150, 20));
        await RestAsync(owner, Post(game, game.HomeId, 150, 30));

        JsonArray paused = (await owner.Client.PostAsync("/session/pauseOrders", new { })).Data.AsArray();
        decimal whilePaused = (await owner.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>();
        JsonArray resumed = (await owner.Client.PostAsync("/session/resumeOrders", new { })).Data["createdSessions"]!.AsArray();

        Assert.Equal(2, paused.Count);
        Assert.Equal(0m, whilePaused);
        Assert.Equal([20m, 30m], resumed.Select(r => r!["unmatched"]!["offered"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task The_rest_heartbeat_acknowledges_and_refuses_timeouts_of_five_seconds_or_less()
    {
        ExchangeSetup.User bot = await fixture.CreateUserAsync();

        OpenLineClient.Response ack = await bot.Client.PostAsync("/user/ordersHeartbeat", new { timeout = 10 });
        OpenLineClient.Response tooShort = await bot.Client.PostAsync("/user/ordersHeartbeat", new { timeout = 5 });
        OpenLineClient.Response notNumber = await bot.Client.PostAsync("/user/ordersHeartbeat", new { timeout = "10" });

        Assert.Equal("heartbeatAck", ack.Data["type"]!.GetValue<string>());
        Assert.Equal(10, ack.Data["timeoutSec"]!.GetValue<int>());
        Assert.EndsWith("Z", ack.Data["serverTime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.Status);
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.Status);
    }

    [Fact]
    public async Task Game_liability_nets_a_hedge_and_counts_resting_stakes()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User trader = await fixture.CreateUserAsync(commission: 0);
        await maker.PlaceAsync(Post(game, game.HomeId, 105, 100), Post(game, game.AwayId, 105, 100));
        await trader.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, -105, 105, "fillAndKill"));
        await trader.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -105, 105, "fillAndKill"));
        await RestAsync(trader, new { gameID = game.Id, type = "total", side = "over", number = 200.5, odds = 105, bet = 20, orderType = "post" });

        OpenLineClient.Response liability = await trader.Client.GetAsync($"/user/getGameLiability?gameID={game.Id}");
        OpenLineClient.Response unknown = await trader.Client.GetAsync("/user/getGameLiability?gameID=688c0516fbc14da0c202d426");
        OpenLineClient.Response missing = await trader.Client.GetAsync("/user/getGameLiability");

        Assert.Equal(-25m, liability.Data["liability"]!.GetValue<decimal>()); // −5 worst case of the hedge, −20 resting
        Assert.Equal(-25m, (await trader.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }
}
