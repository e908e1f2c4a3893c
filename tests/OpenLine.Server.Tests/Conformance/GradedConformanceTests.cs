using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using NJsonSchema;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// The graded-bet endpoints (API §3.3) against the core document, which the live service generates
/// and whose row schemas are closed (taker and maker variants, the game object), and, where the REST
/// document has them too (getGradedWagers and the lookups' graded rows), against that one with its
/// sanctions. Rows cover every market type, both sides, a postArb fill, half results and a void.
/// </summary>
public sealed class GradedConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The busy market, graded: NBA 110–100 (taker's home ML and over lose, away +3.5 wins), soccer 1–2 (the 1x2 bets win, away +0.75 half-loses); plus a voided game.</summary>
    private async Task<(ConformanceMarket Market, string Window)> GradedMarketAsync()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);
        ExchangeSetup.GameInfo voided = await fixture.CreateGameAsync(market.League, "basketball");
        await market.Maker.PlaceAsync(ExchangeSetup.Moneyline(voided, voided.AwayId, 120, 100, "post", "conf-void"));
        await market.Taker.PlaceAsync(ExchangeSetup.Moneyline(voided, voided.HomeId, -120, 60));
        await fixture.GradeAsync(market.Game.Id, 110, 100);
        await fixture.GradeAsync(market.Soccer.Id, 1, 2);
        await fixture.VoidAsync(voided.Id);
        DateTimeOffset start = DateTimeOffset.Parse(market.Game.Json["start"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return (market, $"startDate={Iso(start.AddDays(-2))}&endDate={Iso(start.AddDays(2))}");
    }

    [Fact]
    public async Task Get_graded_rows_of_taker_and_maker_match_the_core_schema()
    {
        (ConformanceMarket market, string window) = await GradedMarketAsync();

        OpenLineClient.Response taker = await market.Taker.Client.GetAsync($"/user/v2/getGraded?{window}");
        OpenLineClient.Response maker = await market.Maker.Client.GetAsync($"/user/v2/getGraded?{window}");

        await ConformanceAssert.ConformsAsync(taker, "GET", "/user/v2/getGraded", source: OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(maker, "GET", "/user/v2/getGraded", source: OpenApiDocument.Core);
        JsonArray rows = taker.Data["graded"]!.AsArray();
        Assert.Equal(7, rows.Count); // three NBA fills, three soccer fills, one voided
        Assert.Contains(rows, r => r!["isPostArb"] is not null);
        Assert.Contains(rows, r => r!["outcome"]!.GetValue<string>() == "half-loss");
        Assert.Contains(rows, r => r!["adminRefund"]!.GetValue<bool>());
        Assert.All(maker.Data["graded"]!.AsArray(), r => Assert.Equal("offer", r!["origin"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Get_graded_wagers_matches_the_core_schema_and_the_rest_documents_graded_wager()
    {
        (ConformanceMarket market, string window) = await GradedMarketAsync();

        OpenLineClient.Response iso = await market.Taker.Client.GetAsync($"/user/getGradedWagers?{window}");
        OpenLineClient.Response legacy = await market.Maker.Client.PostAsync("/user/getGradedWagers", new { startDate = "01-01-2020" });

        await ConformanceAssert.ConformsAsync(iso, "GET", "/user/getGradedWagers", source: OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(iso, "GET", "/user/getGradedWagers");
        await ConformanceAssert.ConformsAsync(legacy, "GET", "/user/getGradedWagers", source: OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(legacy, "GET", "/user/getGradedWagers");
    }

    [Fact]
    public async Task Get_graded_since_pages_match_the_core_schema()
    {
        (ConformanceMarket market, _) = await GradedMarketAsync();
        string since = Iso(DateTimeOffset.UtcNow.AddHours(-1));

        OpenLineClient.Response taker = await market.Taker.Client.GetAsync($"/user/v2/getGradedSince?since={since}");
        OpenLineClient.Response maker = await market.Maker.Client.PostAsync("/user/v2/getGradedSince", new { since });
        OpenLineClient.Response empty = await market.Taker.Client.GetAsync($"/user/v2/getGradedSince?cursor={Uri.EscapeDataString(taker.Data["cursor"]!.GetValue<string>())}");

        await ConformanceAssert.ConformsAsync(taker, "GET", "/user/v2/getGradedSince", source: OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(maker, "GET", "/user/v2/getGradedSince", source: OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(empty, "GET", "/user/v2/getGradedSince", source: OpenApiDocument.Core);
        Assert.Equal(7, taker.Data["graded"]!.AsArray().Count);
    }

    [Fact]
    public async Task Lookups_of_graded_bets_match_the_rest_documents_graded_wager()
    {
        (ConformanceMarket market, _) = await GradedMarketAsync();
        JsonNode fill = market.TakerMoneylineFill;

        OpenLineClient.Response byTxId = await market.Taker.Client.GetAsync($"/user/getBetByID?txID={fill["txID"]!.GetValue<string>()}");
        OpenLineClient.Response makerById = await market.Maker.Client.GetAsync($"/user/getBetByID?id={market.MakerSpreadOrder}");
        OpenLineClient.Response byRequest = await market.Taker.Client.GetAsync($"/user/getBetByWagerRequestID?wagerRequestID={fill["wagerRequestID"]!.GetValue<string>()}");
        OpenLineClient.Response takerByReference = await market.Taker.Client.GetAsync($"/user/getBetByUserReference?userReference=conf-take-arb&gameID={market.Soccer.Id}");
        OpenLineClient.Response makerByReference = await market.Maker.Client.GetAsync($"/user/getBetByUserReference?userReference=conf-draw&gameID={market.Soccer.Id}");

        Assert.True(byTxId.Body!["bet"]!["graded"]!.GetValue<bool>());
        await ConformanceAssert.ConformsAsync(byTxId, "GET", "/user/getBetByID");
        await ConformanceAssert.ConformsAsync(makerById, "GET", "/user/getBetByID");
        await ConformanceAssert.ConformsAsync(byRequest, "GET", "/user/getBetByWagerRequestID");
        await ConformanceAssert.ConformsAsync(takerByReference, "GET", "/user/getBetByUserReference");
        await ConformanceAssert.ConformsAsync(makerByReference, "GET", "/user/getBetByUserReference");
        Assert.Single(byRequest.Data["graded"]!.AsArray());
        Assert.Single(makerByReference.Data["graded"]!.AsArray());
    }

    [Fact]
    public async Task The_core_row_schemas_are_closed_so_a_matched_bet_or_a_mixed_row_does_not_pass_as_graded()
    {
        JsonSchema schema = (await ResponseSchemas.ForResponseAsync("GET", "/user/v2/getGraded", "200", OpenApiDocument.Core))!;
        JsonObject takerRow = JsonNode.Parse("""
            {"id":"6b05e1a60000000000000001","type":"moneyline","bet":1,"txID":"6b05e1a60000000000000002","closed":false,
             "ticketNumber":"5a5494406ef9e2c5988b30bf666ce55e","odds":101,"fee":"0.01","risk":"1.01","win":"1.00","cancelled":false,
             "origin":"wager","game":{"isSpecials":false,"tournamentName":null,"periodName":"Full Time","id":"6b05e1a60000000000000006",
             "live":false,"league":"NBA","sport":"basketball","participants":[
               {"id":"6b05e1a60000000000000004","longName":"Away","shortName":"AWY","homeAway":"away","futuresSide":"","score":90},
               {"id":"6b05e1a60000000000000005","longName":"Home","shortName":"HOM","homeAway":"home","futuresSide":""}]}}
            """)!.AsObject();
        IReadOnlyList<SchemaMismatch> Check(Action<JsonObject> change)
        {
            JsonObject row = takerRow.DeepClone().AsObject();
            change(row);
            var body = new JsonObject { ["data"] = new JsonObject { ["graded"] = new JsonArray(row), ["summary"] = JsonNode.Parse("""{"pnl":-1,"volume":1}""") } };
            return SchemaValidation.Validate(schema, body.ToJsonString());
        }

        Assert.Empty(Check(_ => { }));
        Assert.NotEmpty(Check(r => r["takenRatio"] = 0.5));               // a maker-only field on a taker row
        Assert.NotEmpty(Check(r => r["spread"] = null));                  // the taker row's numbers are not nullable
        Assert.NotEmpty(Check(r => r["game"]!["isFutures"] = false));     // the GameSummary of MatchedBet rows is not this game
        Assert.NotEmpty(Check(r => (r["origin"], r["spread"], r["total"]) = ("offer", null, null))); // a maker row needs takenRatio
    }

    [Fact]
    public async Task Errors_of_the_graded_endpoints_are_documented_statuses_with_the_error_envelope()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string wide = $"startDate={Iso(from)}&endDate={Iso(from.AddDays(40))}";

        await ConformanceAssert.ConformsAsync(await user.Client.GetAsync($"/user/v2/getGraded?{wide}"), "GET", "/user/v2/getGraded",
            HttpStatusCode.BadRequest, OpenApiDocument.Core);
        OpenLineClient.Response legacyWide = await user.Client.GetAsync($"/user/getGradedWagers?{wide}");
        await ConformanceAssert.ConformsAsync(legacyWide, "GET", "/user/getGradedWagers", HttpStatusCode.BadRequest, OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(legacyWide, "GET", "/user/getGradedWagers", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(await user.Client.GetAsync("/user/v2/getGradedSince?cursor=nope"), "GET", "/user/v2/getGradedSince",
            HttpStatusCode.BadRequest, OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(await anonymous.GetAsync("/user/v2/getGraded"), "GET", "/user/v2/getGraded",
            HttpStatusCode.Unauthorized, OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(await anonymous.GetAsync("/user/v2/getGradedSince"), "GET", "/user/v2/getGradedSince",
            HttpStatusCode.Unauthorized, OpenApiDocument.Core);

        // Past the per-user limits (API §8.12): the two wide requests above count towards getGraded's 60 a minute.
        for (int i = 0; i < 58; i++)
        {
            await user.Client.GetAsync("/user/v2/getGraded");
        }
        OpenLineClient.Response limited = await user.Client.GetAsync("/user/getGradedWagers");
        await ConformanceAssert.ConformsAsync(limited, "GET", "/user/getGradedWagers", HttpStatusCode.TooManyRequests, OpenApiDocument.Core);
        await ConformanceAssert.ConformsAsync(limited, "GET", "/user/getGradedWagers", HttpStatusCode.TooManyRequests);
        for (int i = 0; i < 9; i++)
        {
            await user.Client.GetAsync("/user/v2/getGradedSince?cursor=nope");
        }
        await ConformanceAssert.ConformsAsync(await user.Client.GetAsync("/user/v2/getGradedSince?cursor=nope"), "GET", "/user/v2/getGradedSince",
            HttpStatusCode.TooManyRequests, OpenApiDocument.Core);
    }
}
