using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>The market endpoints (API §3.1) against 4casters' REST document, on a busy market.</summary>
public sealed class MarketConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Get_leagues_matches_the_documented_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response all = await market.Taker.Client.GetAsync("/exchange/getLeagues");
        OpenLineClient.Response soccer = await market.Taker.Client.GetAsync("/exchange/getLeagues?sport=soccer");

        await ConformanceAssert.ConformsAsync(all, "GET", "/exchange/getLeagues");
        await ConformanceAssert.ConformsAsync(soccer, "GET", "/exchange/getLeagues");
    }

    [Fact]
    public async Task Get_participants_matches_the_ParticipantSummary_schema()
    {
        await ConformanceMarket.CreateAsync(fixture);
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();

        OpenLineClient.Response active = await viewer.Client.GetAsync("/exchange/getParticipants?active=true");
        OpenLineClient.Response every = await viewer.Client.GetAsync("/exchange/getParticipants");

        await ConformanceAssert.ConformsAsync(active, "GET", "/exchange/getParticipants");
        await ConformanceAssert.ConformsAsync(every, "GET", "/exchange/getParticipants");
    }

    [Fact]
    public async Task Get_games_v2_matches_the_Game_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response league = await market.Taker.Client.GetAsync($"/exchange/v2/getGames?league={market.League}");
        OpenLineClient.Response upcoming = await market.Taker.Client.GetAsync("/exchange/v2/getGames?league=upcoming");

        Assert.NotEmpty(league.Data["games"]!.AsArray());
        await ConformanceAssert.ConformsAsync(league, "GET", "/exchange/v2/getGames");
        await ConformanceAssert.ConformsAsync(upcoming, "GET", "/exchange/v2/getGames");
    }

    [Fact]
    public async Task Flat_orderbook_v2_matches_the_GameOrderbookFlat_schema_for_the_owner_and_for_others()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();

        // The maker sees `createdBy` on their own orders; the soccer game adds the 1x2 arrays.
        OpenLineClient.Response owner = await market.Maker.Client.GetAsync($"/exchange/v2/getOrderbook?league={market.League}");
        OpenLineClient.Response stranger = await viewer.Client.GetAsync($"/exchange/v2/getOrderbook?league={market.League}");
        OpenLineClient.Response soccer = await market.Maker.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={market.Soccer.Id}");

        Assert.NotEmpty(owner.Data["games"]![0]!["awayMoneylines"]!.AsArray());
        await ConformanceAssert.ConformsAsync(owner, "GET", "/exchange/v2/getOrderbook");
        await ConformanceAssert.ConformsAsync(stranger, "GET", "/exchange/v2/getOrderbook");
        await ConformanceAssert.ConformsAsync(soccer, "GET", "/exchange/v2/getOrderbook");
    }

    [Fact]
    public async Task Single_orderbook_matches_the_GameOrderbookNested_schema_with_the_callers_order_summary()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response game = await market.Maker.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={market.Game.Id}");
        OpenLineClient.Response soccer = await market.Maker.Client.GetAsync($"/exchange/getSingleOrderbook?gameID={market.Soccer.Id}");

        await ConformanceAssert.ConformsAsync(game, "GET", "/exchange/getSingleOrderbook");
        await ConformanceAssert.ConformsAsync(soccer, "GET", "/exchange/getSingleOrderbook");
    }

    [Fact]
    public async Task League_orderbook_v1_matches_the_GameOrderbookNested_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response league = await market.Maker.Client.PostAsync("/exchange/getOrderbook", new { leagueRequested = market.League });
        OpenLineClient.Response soccer = await market.Taker.Client.PostAsync("/exchange/getOrderbook", new { leagueRequested = market.SoccerLeague });

        Assert.NotEmpty(league.Data["games"]!.AsArray());
        await ConformanceAssert.ConformsAsync(league, "POST", "/exchange/getOrderbook");
        await ConformanceAssert.ConformsAsync(soccer, "POST", "/exchange/getOrderbook");
    }

    [Fact]
    public async Task Odds_for_average_price_matches_the_GameAveragePrice_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response league = await market.Taker.Client.GetAsync($"/exchange/getOddsForAveragePrice?leagueRequested={market.League}");
        OpenLineClient.Response soccer = await market.Taker.Client.GetAsync($"/exchange/getOddsForAveragePrice?leagueRequested={market.SoccerLeague}");

        Assert.NotEmpty(league.Body!["games"]!.AsArray());
        await ConformanceAssert.ConformsAsync(league, "GET", "/exchange/getOddsForAveragePrice");
        await ConformanceAssert.ConformsAsync(soccer, "GET", "/exchange/getOddsForAveragePrice");
    }

    [Fact]
    public async Task Matched_volume_matches_the_documented_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string lastWeek = DateTime.UtcNow.AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        OpenLineClient.Response response = await market.Taker.Client.GetAsync($"/exchange/getMatchedVolume?startDate={lastWeek}&endDate={today}");

        await ConformanceAssert.ConformsAsync(response, "GET", "/exchange/getMatchedVolume");
    }
}
