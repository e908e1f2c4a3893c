using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>Cancels and edits (API §3.2) against the <c>CancelResult</c> and <c>EditOrderResult</c> schemas.</summary>
public sealed class OrderConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Cancel_of_a_partly_filled_order_matches_the_CancelResult_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response response = await market.Maker.Client.PostAsync("/session/cancel", new { sessionID = market.MakerMoneylineOrder });

        Assert.True(response.Data["filled"]!.GetValue<decimal>() > 0);
        await ConformanceAssert.ConformsAsync(response, "POST", "/session/cancel");
    }

    [Fact]
    public async Task Cancel_multiple_with_successes_and_failures_matches_the_CancelResult_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);
        string theirs = (await market.Taker.PlaceAsync(ExchangeSetup.Moneyline(market.Game, market.Game.AwayId, 300, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        OpenLineClient.Response response = await market.Maker.Client.PostAsync("/session/cancelMultiple", new
        {
            sessionIDs = new[] { market.MakerMoneylineOrder, market.MakerSpreadOrder, theirs, "688c0516fbc14da0c202d426" },
        });

        JsonArray data = response.Data.AsArray();
        Assert.True(data[0]!["success"]!.GetValue<bool>());
        Assert.False(data[2]!["success"]!.GetValue<bool>());
        await ConformanceAssert.ConformsAsync(response, "POST", "/session/cancelMultiple");
    }

    [Fact]
    public async Task Cancel_by_reference_matches_the_CancelResult_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response response = await market.Maker.Client.PostAsync("/session/cancelByReference",
            new { gameID = market.Game.Id, userReferences = new[] { "conf-ml", "conf-spread", "no-such-reference" } });

        Assert.Equal(2, response.Data.AsArray().Count);
        await ConformanceAssert.ConformsAsync(response, "POST", "/session/cancelByReference");
    }

    [Fact]
    public async Task Cancel_all_orders_for_game_matches_the_CancelResult_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response totals = await market.Maker.Client.PostAsync("/session/cancelAllOrdersForGame", new { gameID = market.Game.Id, type = "total" });
        OpenLineClient.Response rest = await market.Maker.Client.PostAsync("/session/cancelAllOrdersForGame", new { gameID = market.Game.Id });
        OpenLineClient.Response soccer = await market.Maker.Client.PostAsync("/session/cancelAllOrdersForGame", new { gameID = market.Soccer.Id });

        Assert.NotEmpty(rest.Data.AsArray());
        await ConformanceAssert.ConformsAsync(totals, "POST", "/session/cancelAllOrdersForGame");
        await ConformanceAssert.ConformsAsync(rest, "POST", "/session/cancelAllOrdersForGame");
        await ConformanceAssert.ConformsAsync(soccer, "POST", "/session/cancelAllOrdersForGame");
    }

    [Fact]
    public async Task Cancel_all_for_league_matches_the_documented_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response response = await market.Maker.Client.PostAsync("/session/cancelAllForLeague", new { league = market.League.ToLowerInvariant() });

        await ConformanceAssert.ConformsAsync(response, "POST", "/session/cancelAllForLeague");
    }

    [Fact]
    public async Task Cancel_all_orders_matches_the_CancelResult_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response response = await market.Maker.Client.PostAsync("/session/cancelAllOrders", new { });

        Assert.True(response.Data.AsArray().Count >= 5);
        await ConformanceAssert.ConformsAsync(response, "POST", "/session/cancelAllOrders");
    }

    [Fact]
    public async Task Edit_order_that_fills_and_rests_matches_the_EditOrderResult_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);
        ExchangeSetup.User other = await fixture.CreateUserAsync();
        // Another maker offers the spread's other side, so the edited order (home −3.5 at +110 → −105) takes it.
        await other.PlaceAsync(new { gameID = market.Game.Id, type = "spread", side = market.Game.AwayId, number = 3.5, odds = 105, bet = 50, orderType = "post" });

        OpenLineClient.Response response = await market.Maker.Client.PostAsync("/session/editOrder", new
        {
            sessionID = market.MakerSpreadOrder,
            orderOdds = -105,
            orderVolume = 200,
            userReference = "conf-edited",
            expiryChange = "90",
        });

        Assert.NotEmpty(response.Data["matched"]!.AsArray());
        Assert.NotEmpty(response.Data["unmatched"]!.AsObject());
        await ConformanceAssert.ConformsAsync(response, "POST", "/session/editOrder");
    }

    [Fact]
    public async Task Edit_order_that_only_rests_matches_the_EditOrderResult_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response response = await market.Maker.Client.PostAsync("/session/editOrder", new
        {
            sessionID = market.MakerMoneylineOrder,
            orderOdds = 155,
            orderVolume = 150.5,
        });

        await ConformanceAssert.ConformsAsync(response, "POST", "/session/editOrder");
    }
}
