using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>POST /session/cancel (API §3.2): results, and who may cancel what.</summary>
public sealed class CancelEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Cancelling_an_open_order_releases_its_stake_and_reports_filled_and_remaining()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(away: "Los Angeles Lakers");
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 1000);
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        JsonNode posted = (await maker.PlaceAsync(new
        {
            gameID = game.Id, type = "moneyline", side = game.AwayId, odds = 125, bet = 100, orderType = "post", userReference = "my-order-1",
        }))[0]!;
        string orderId = posted["unmatched"]!["orderID"]!.GetValue<string>();
        await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -125, 50)); // takes 40 of the maker's 100

        OpenLineClient.Response response = await maker.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        JsonNode data = response.Data;
        Assert.True(data["success"]!.GetValue<bool>());
        Assert.Equal(orderId, data["sessionID"]!.GetValue<string>());
        Assert.Equal(125, data["odds"]!.GetValue<int>());
        Assert.Equal(40m, data["filled"]!.GetValue<decimal>());
        Assert.Equal(0m, data["offered"]!.GetValue<decimal>());
        Assert.Equal(60m, data["remaining"]!.GetValue<decimal>());
        Assert.Equal(game.Id, data["gameID"]!.GetValue<string>());
        Assert.Equal("my-order-1", data["userReference"]!.GetValue<string>());
        Assert.StartsWith("Los Angeles Lakers", data["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("ML +125", data["description"]!.GetValue<string>(), StringComparison.Ordinal);
        JsonNode me = (await maker.Client.GetAsync("/user/getMe")).Data["user"]!;
        Assert.Equal(-40m, me["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Another_users_order_cannot_be_cancelled()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string orderId = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 125, 100, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        OpenLineClient.Response response = await stranger.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("Not your order", response.Error);
        JsonNode book = (await owner.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!;
        Assert.Single(book["homeMoneylines"]!.AsArray());
    }

    [Fact]
    public async Task Cancelling_twice_is_a_conflict_and_bad_ids_are_told_apart()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        string orderId = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 125, 100, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        await owner.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        OpenLineClient.Response again = await owner.Client.PostAsync("/session/cancel", new { sessionID = orderId });
        OpenLineClient.Response malformed = await owner.Client.PostAsync("/session/cancel", new { sessionID = "xyz" });
        OpenLineClient.Response unknown = await owner.Client.PostAsync("/session/cancel", new { sessionID = "688c0516fbc14da0c202d426" });
        OpenLineClient.Response missing = await owner.Client.PostAsync("/session/cancel", new { });

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("order already cancelled", again.Error);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("invalid order ID format", malformed.Error);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }
}
