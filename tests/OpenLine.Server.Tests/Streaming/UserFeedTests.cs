using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>The user feed <c>/v2/user</c> and its replay (API §6.2, §6.3).</summary>
public sealed class UserFeedTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<SocketClient> FeedAsync(ExchangeSetup.User user) => SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/v2/user", user.Client.Token);

    private static async Task<List<JsonNode>> ReceiveAsync(SocketClient socket, int count)
    {
        var messages = new List<JsonNode>();
        while (messages.Count < count)
        {
            messages.Add(await socket.ReceiveAsync() ?? throw new InvalidOperationException("feed closed"));
        }
        return messages;
    }

    private static (long, long) Id(JsonNode message)
    {
        string[] parts = message["messageID"]!.GetValue<string>().Split('-');
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Placement_fill_and_cancel_each_reach_the_right_users_in_order()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await using SocketClient makerFeed = await FeedAsync(maker);
        await using SocketClient takerFeed = await FeedAsync(taker);

        string orderId = (await maker.PlaceAsync(new { gameID = game.Id, type = "spread", side = game.AwayId, number = 6.5, odds = 110, bet = 500, orderType = "post", userReference = "mm-1" }))[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        await taker.PlaceAsync(new { gameID = game.Id, type = "spread", side = game.HomeId, number = -6.5, odds = -110, bet = 110, orderType = "fillAndKill" });
        await maker.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        List<JsonNode> makers = await ReceiveAsync(makerFeed, 3);
        JsonNode takers = (await ReceiveAsync(takerFeed, 1))[0];

        JsonNode placed = makers[0]["unmatched"]!;
        Assert.Null(makers[0]["matched"]);
        Assert.Equal("offer", makers[0]["origin"]!.GetValue<string>());
        Assert.Equal((0m, 500m, 500m), (placed["filled"]!.GetValue<decimal>(), placed["offered"]!.GetValue<decimal>(), placed["remaining"]!.GetValue<decimal>()));
        Assert.Equal(6.5m, placed["number"]!.GetValue<decimal>());
        Assert.Equal("mm-1", placed["userReference"]!.GetValue<string>());

        // The maker's view of the fill (the seed's partial spread example): filled 100 of 500, 400 left.
        JsonNode hit = makers[1];
        Assert.Equal((100m, 500m, 400m), (hit["unmatched"]!["filled"]!.GetValue<decimal>(), hit["unmatched"]!["offered"]!.GetValue<decimal>(), hit["unmatched"]!["remaining"]!.GetValue<decimal>()));
        Assert.Equal((100m, 100m, 110m, 110), (hit["matched"]!["amount"]!.GetValue<decimal>(), hit["matched"]!["risk"]!.GetValue<decimal>(),
            hit["matched"]!["win"]!.GetValue<decimal>(), hit["matched"]!["odds"]!.GetValue<int>()));
        Assert.Equal(orderId, hit["matched"]!["orderID"]!.GetValue<string>());

        // The taker's view: origin wager, commission in risk and win, rounded to 2 decimals.
        Assert.Null(takers["unmatched"]);
        Assert.Equal("wager", takers["origin"]!.GetValue<string>());
        Assert.Equal((110m, 111m, 99m, -110), (takers["matched"]!["amount"]!.GetValue<decimal>(), takers["matched"]!["risk"]!.GetValue<decimal>(),
            takers["matched"]!["win"]!.GetValue<decimal>(), takers["matched"]!["odds"]!.GetValue<int>()));
        Assert.Equal(hit["matched"]!["txID"]!.GetValue<string>(), takers["matched"]!["txID"]!.GetValue<string>());
        Assert.Equal(-6.5m, takers["matched"]!["number"]!.GetValue<decimal>());

        // Cancelled: offered 0, filled = what matched before.
        Assert.Equal((100m, 0m), (makers[2]["unmatched"]!["filled"]!.GetValue<decimal>(), makers[2]["unmatched"]!["offered"]!.GetValue<decimal>()));
        Assert.True(Id(makers[0]).CompareTo(Id(makers[1])) < 0 && Id(makers[1]).CompareTo(Id(makers[2])) < 0, "messageIDs strictly increase");
        Assert.Equal(game.Id, makers[0]["gameID"]!.GetValue<string>());
        Assert.Equal("api", makers[0]["platform"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_system_cancel_after_a_lapsed_heartbeat_reaches_the_feed_like_any_cancel()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User bot = await fixture.CreateUserAsync();
        await using SocketClient feed = await FeedAsync(bot);
        await using SocketClient orders = await SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/orders/ws", bot.Client.Token);

        await bot.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 40, "post"));
        await orders.RequestAsync("heartbeat", new JsonObject { ["requestTimeout"] = 0.5 });
        List<JsonNode> messages = await ReceiveAsync(feed, 2); // placed, then cancelled by the dead-man switch

        Assert.Equal(40m, messages[0]["unmatched"]!["offered"]!.GetValue<decimal>());
        Assert.Equal(0m, messages[1]["unmatched"]!["offered"]!.GetValue<decimal>());
        Assert.Equal(messages[0]["unmatched"]!["orderID"]!.GetValue<string>(), messages[1]["unmatched"]!["orderID"]!.GetValue<string>());
    }

    [Fact]
    public async Task Moneyline_messages_omit_number_rather_than_null_it()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        await using SocketClient feed = await FeedAsync(maker);

        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post"));
        JsonNode message = (await ReceiveAsync(feed, 1))[0];

        Assert.False(message["unmatched"]!.AsObject().ContainsKey("number"));
        Assert.False(message["unmatched"]!.AsObject().ContainsKey("userReference"));
    }

    [Fact]
    public async Task Replay_after_a_disconnect_returns_exactly_the_missed_messages()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        await using SocketClient witness = await FeedAsync(user); // stays connected throughout
        string lastSeen;
        await using (SocketClient first = await FeedAsync(user))
        {
            await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post"), ExchangeSetup.Moneyline(game, game.AwayId, 151, 20, "post"));
            lastSeen = (await ReceiveAsync(first, 2))[1]["messageID"]!.GetValue<string>();
        }
        for (int i = 0; i < 5; i++)
        {
            await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 160 + i, 20, "post"));
        }
        List<JsonNode> all = await ReceiveAsync(witness, 7);

        OpenLineClient.Response replay = await user.Client.GetAsync($"/v2/user/messages?afterID={lastSeen}");
        OpenLineClient.Response window = await user.Client.GetAsync($"/v2/user/messages?afterID={lastSeen}&beforeID={all[4]["messageID"]}");
        OpenLineClient.Response missing = await user.Client.GetAsync("/v2/user/messages");

        Assert.Equal("success", replay.Body!["status"]!.GetValue<string>());
        Assert.Equal(all.Skip(2).Select(m => m["messageID"]!.GetValue<string>()), replay.Body!["messages"]!.AsArray().Select(m => m!["messageID"]!.GetValue<string>()));
        Assert.Equal(2, window.Body!["messages"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }

    [Fact]
    public async Task Replay_takes_the_token_from_an_auth_header_or_the_query_and_shows_only_the_callers_messages()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        ExchangeSetup.User other = await fixture.CreateUserAsync();
        await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post"));
        using HttpClient http = fixture.Server.CreateHttpClient();

        var request = new HttpRequestMessage(HttpMethod.Get, "/v2/user/messages?afterID=0");
        request.Headers.Add("Auth", user.Client.Token);
        string viaHeader = await (await http.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        string viaQuery = await http.GetStringAsync($"/v2/user/messages?afterID=0&token={other.Client.Token}", TestContext.Current.CancellationToken);
        HttpResponseMessage none = await http.GetAsync("/v2/user/messages?afterID=0", TestContext.Current.CancellationToken);

        Assert.Single(JsonNode.Parse(viaHeader)!["messages"]!.AsArray());
        Assert.Empty(JsonNode.Parse(viaQuery)!["messages"]!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }
}
