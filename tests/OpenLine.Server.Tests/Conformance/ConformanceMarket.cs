using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// A busy market, so that responses carry their optional fields: an NBA game and a soccer game in a
/// league of their own, resting orders on every market type (with user references, an explicit
/// expiry and a <c>postArb</c>), and partial fills on moneyline, spread, total and 1x2 (one of them by a <c>postArb</c>).
/// </summary>
internal sealed record ConformanceMarket(
    string League,
    string SoccerLeague,
    ExchangeSetup.GameInfo Game,
    ExchangeSetup.GameInfo Soccer,
    ExchangeSetup.User Maker,
    ExchangeSetup.User Taker,
    JsonArray MakerResults,
    JsonArray TakerResults,
    JsonArray SoccerTakerResults)
{
    /// <summary>The maker's resting moneyline order on the away side (partly filled by the taker).</summary>
    public string MakerMoneylineOrder => MakerResults[0]!["unmatched"]!["orderID"]!.GetValue<string>();

    /// <summary>The maker's resting spread order (home −3.5, partly filled).</summary>
    public string MakerSpreadOrder => MakerResults[1]!["unmatched"]!["orderID"]!.GetValue<string>();

    /// <summary>The taker's moneyline fill.</summary>
    public JsonNode TakerMoneylineFill => TakerResults[0]!["matched"]![0]!;

    public static async Task<ConformanceMarket> CreateAsync(ServerFixture fixture)
    {
        string suffix = Guid.NewGuid().ToString("n")[..6].ToUpperInvariant();
        string league = $"CONF-{suffix}";
        string soccerLeague = $"CONFSOC-{suffix}";
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(league, "basketball");
        ExchangeSetup.GameInfo soccer = await fixture.CreateGameAsync(soccerLeague, "soccer", away: "Away FC", home: "Home FC");
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 100_000, creditLimit: -500);
        ExchangeSetup.User taker = await fixture.CreateUserAsync(balance: 100_000);

        JsonArray makerResults = await maker.PlaceAsync(
            new { gameID = game.Id, type = "moneyline", side = game.AwayId, odds = 150, bet = 200, orderType = "post", userReference = "conf-ml" },
            new { gameID = game.Id, type = "spread", side = game.HomeId, number = -3.5, odds = 110, bet = 300, orderType = "post", userReference = "conf-spread" },
            new { gameID = game.Id, type = "total", side = "under", number = 220.5, odds = 104, bet = 250.5, orderType = "post", expirationMinutes = 600 },
            new { gameID = game.Id, type = "moneyline", side = game.HomeId, odds = 120, bet = 100, orderType = "postArb", userReference = "conf-arb" });
        JsonArray soccerMaker = await maker.PlaceAsync(
            new { gameID = soccer.Id, type = "moneyline1x2", side = "yes", market = "draw", odds = 250, bet = 100, orderType = "post", userReference = "conf-draw" },
            new { gameID = soccer.Id, type = "moneyline1x2", side = "no", market = soccer.HomeId, odds = -130, bet = 130, orderType = "post" },
            new { gameID = soccer.Id, type = "spread", side = soccer.HomeId, number = -0.75, odds = 105, bet = 100, orderType = "post" });
        foreach (JsonNode? result in makerResults.Concat(soccerMaker))
        {
            Assert.True(result!["unmatched"]?["orderID"] is not null, $"setup: the maker's order should rest: {result.ToJsonString()}");
        }

        JsonArray takerResults = await taker.PlaceAsync(
            new { gameID = game.Id, type = "moneyline", side = game.HomeId, odds = -150, bet = 120, userReference = "conf-take-ml" },
            new { gameID = game.Id, type = "spread", side = game.AwayId, number = 3.5, odds = -110, bet = 110 },
            new { gameID = game.Id, type = "total", side = "over", number = 220.5, odds = -104, bet = 52, userReference = "conf-take-total" });
        JsonArray soccerTaker = await taker.PlaceAsync(
            new { gameID = soccer.Id, type = "moneyline1x2", side = "no", market = "draw", odds = -250, bet = 75.25, userReference = "conf-take-draw" },
            new { gameID = soccer.Id, type = "moneyline1x2", side = "yes", market = soccer.HomeId, odds = 130, bet = 50 },
            // A postArb that fills (at the book's own price, so within 1%): history rows carry isPostArb (rules §3).
            new { gameID = soccer.Id, type = "spread", side = soccer.AwayId, number = 0.75, odds = -105, bet = 30, orderType = "postArb", userReference = "conf-take-arb" });
        foreach (JsonNode? result in takerResults.Concat(soccerTaker))
        {
            Assert.True(result!["matched"]?.AsArray().Count > 0, $"setup: the taker's order should fill: {result.ToJsonString()}");
        }
        return new ConformanceMarket(league, soccerLeague, game, soccer, maker, taker, makerResults, takerResults, soccerTaker);
    }
}
