using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// The order and bet lookups (API §3.2 lookupOrder, §3.3) against the REST document. These
/// endpoints are being added; until the server maps them, these tests fail with "not mapped".
/// </summary>
public sealed class BetLookupConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Lookup_order_matches_the_LookupOrderDetail_schema_for_every_market_type()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        foreach (JsonNode? result in market.MakerResults)
        {
            string orderId = result!["unmatched"]!["orderID"]!.GetValue<string>();
            OpenLineClient.Response response = await market.Maker.Client.GetAsync($"/session/lookupOrder?orderID={orderId}");
            await ConformanceAssert.ConformsAsync(response, "GET", "/session/lookupOrder");
        }
    }

    [Fact]
    public async Task Matched_bets_of_taker_and_maker_match_the_MatchedBet_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response taker = await market.Taker.Client.GetAsync("/user/getMatchedBets");
        OpenLineClient.Response maker = await market.Maker.Client.GetAsync("/user/getMatchedBets");

        await ConformanceAssert.ConformsAsync(taker, "GET", "/user/getMatchedBets");
        await ConformanceAssert.ConformsAsync(maker, "GET", "/user/getMatchedBets");
        Assert.NotEmpty(taker.Data["matchedBets"]!.AsArray());
    }

    [Fact]
    public async Task Unmatched_orders_match_the_UnmatchedOrder_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response response = await market.Maker.Client.GetAsync("/user/getUnmatched");

        await ConformanceAssert.ConformsAsync(response, "GET", "/user/getUnmatched");
        Assert.NotEmpty(response.Data["unmatched"]!.AsArray());
    }

    [Fact]
    public async Task Orders_for_game_match_the_UnmatchedOrder_and_MatchedBet_schemas()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response game = await market.Maker.Client.GetAsync($"/user/getOrdersForGame?gameID={market.Game.Id}");
        OpenLineClient.Response soccer = await market.Maker.Client.GetAsync($"/user/getOrdersForGame?gameID={market.Soccer.Id}");

        await ConformanceAssert.ConformsAsync(game, "GET", "/user/getOrdersForGame");
        await ConformanceAssert.ConformsAsync(soccer, "GET", "/user/getOrdersForGame");
    }

    [Fact]
    public async Task Bet_by_id_matches_one_of_the_bet_schemas_for_fills_and_resting_orders()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);
        JsonNode fill = market.TakerMoneylineFill;

        OpenLineClient.Response byTxId = await market.Taker.Client.GetAsync($"/user/getBetByID?txID={fill["txID"]!.GetValue<string>()}");
        OpenLineClient.Response byWagerRequest = await market.Taker.Client.GetAsync($"/user/getBetByID?txID={fill["wagerRequestID"]!.GetValue<string>()}");
        OpenLineClient.Response resting = await market.Maker.Client.GetAsync($"/user/getBetByID?txID={market.MakerResults[2]!["unmatched"]!["wagerRequestID"]!.GetValue<string>()}");

        await ConformanceAssert.ConformsAsync(byTxId, "GET", "/user/getBetByID");
        await ConformanceAssert.ConformsAsync(byWagerRequest, "GET", "/user/getBetByID");
        await ConformanceAssert.ConformsAsync(resting, "GET", "/user/getBetByID");
        string id = byTxId.Body!["bet"]!["id"]!.GetValue<string>();
        OpenLineClient.Response byId = await market.Taker.Client.GetAsync($"/user/getBetByID?id={id}");
        await ConformanceAssert.ConformsAsync(byId, "GET", "/user/getBetByID");
    }

    [Fact]
    public async Task Bet_by_wager_request_id_matches_the_CombinedWagers_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);
        string wagerRequestId = market.TakerMoneylineFill["wagerRequestID"]!.GetValue<string>();

        OpenLineClient.Response response = await market.Taker.Client.GetAsync($"/user/getBetByWagerRequestID?wagerRequestID={wagerRequestId}");

        await ConformanceAssert.ConformsAsync(response, "GET", "/user/getBetByWagerRequestID");
    }

    [Fact]
    public async Task Bet_by_user_reference_matches_the_CombinedWagers_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response taker = await market.Taker.Client.GetAsync($"/user/getBetByUserReference?userReference=conf-take-ml&gameID={market.Game.Id}");
        OpenLineClient.Response maker = await market.Maker.Client.GetAsync($"/user/getBetByUserReference?userReference=conf-ml&gameID={market.Game.Id}");
        OpenLineClient.Response draw = await market.Maker.Client.GetAsync($"/user/getBetByUserReference?userReference=conf-draw&gameID={market.Soccer.Id}");

        await ConformanceAssert.ConformsAsync(taker, "GET", "/user/getBetByUserReference");
        await ConformanceAssert.ConformsAsync(maker, "GET", "/user/getBetByUserReference");
        await ConformanceAssert.ConformsAsync(draw, "GET", "/user/getBetByUserReference");
    }
}
