using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>POST /session/v3/place (API §3.2) against the <c>PlaceOrderResult</c> schema: fills, rests and per-order errors.</summary>
public sealed class PlaceConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Place = "/session/v3/place";

    [Fact]
    public async Task Place_that_fills_and_rests_the_remainder_matches_the_schema()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.AwayId, 185, 100, "post"),
            new { gameID = game.Id, type = "spread", side = game.HomeId, number = -2.25, odds = 110, bet = 50, orderType = "post" },
            new { gameID = game.Id, type = "total", side = "under", number = 210, odds = 104, bet = 60.5, orderType = "post" });

        // Moneyline (number null), spread (quarter line) and total, each part filled and part resting, with references.
        OpenLineClient.Response response = await taker.Client.PostAsync(Place, new
        {
            orders = new object[]
            {
                new { gameID = game.Id, type = "moneyline", side = game.HomeId, odds = -185, bet = 300, userReference = "conf-place-ml" },
                new { gameID = game.Id, type = "spread", side = game.AwayId, number = 2.25, odds = -110, bet = 80.123456, userReference = "conf-place-spread" },
                new { gameID = game.Id, type = "total", side = "over", number = 210, odds = -104, bet = 100, expirationMinutes = 30 },
            },
        });

        JsonArray sessions = response.Data["createdSessions"]!.AsArray();
        Assert.All(sessions, s => Assert.NotEmpty(s!["matched"]!.AsArray()));
        Assert.All(sessions, s => Assert.NotEmpty(s!["unmatched"]!.AsObject()));
        await ConformanceAssert.ConformsAsync(response, "POST", Place);
    }

    [Fact]
    public async Task Place_that_fills_fully_answers_an_empty_unmatched_object_that_matches_the_schema()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo soccer = await fixture.CreateGameAsync("EPL", "soccer", away: "Away FC", home: "Home FC");
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 100_000);
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"),
            ExchangeSetup.Moneyline(game, game.AwayId, 160, 100, "post"),
            new { gameID = soccer.Id, type = "moneyline1x2", side = "yes", market = "draw", odds = 250, bet = 100, orderType = "post" });

        // The first sweeps two price levels; the second is a fill-and-kill on the 1x2 draw market.
        OpenLineClient.Response response = await taker.Client.PostAsync(Place, new
        {
            orders = new object[]
            {
                new { gameID = game.Id, type = "moneyline", side = game.HomeId, odds = -160, bet = 250, userReference = "conf-sweep" },
                new { gameID = soccer.Id, type = "moneyline1x2", side = "no", market = "draw", odds = -250, bet = 40, orderType = "fillAndKill", userReference = "conf-fak" },
            },
        });

        JsonArray sessions = response.Data["createdSessions"]!.AsArray();
        Assert.All(sessions, s => Assert.Empty(s!["unmatched"]!.AsObject()));
        Assert.Equal(2, sessions[0]!["matched"]!.AsArray().Count);
        await ConformanceAssert.ConformsAsync(response, "POST", Place);
    }

    [Fact]
    public async Task Place_batch_with_per_order_errors_matches_the_OrderError_schema()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User poor = await fixture.CreateUserAsync(balance: 50);
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"));

        OpenLineClient.Response response = await poor.Client.PostAsync(Place, new
        {
            orders = new object[]
            {
                new { gameID = game.Id, type = "moneyline", side = game.AwayId, odds = 140, bet = 20, orderType = "post", userReference = "conf-ok" },
                new { gameID = "688c0516fbc14da0c202d426", type = "moneyline", side = game.AwayId, odds = 150, bet = 20 },
                new { gameID = game.Id, type = "moneyline", side = game.HomeId, odds = -150, bet = 20, orderType = "post" },
                new { gameID = game.Id, type = "moneyline", side = game.AwayId, odds = 150, bet = 20, orderType = "fillAndKill" },
                new { gameID = game.Id, type = "moneyline", side = game.AwayId, odds = 150, bet = 5_000 },
                new { gameID = game.Id, type = "moneyline", side = game.AwayId, odds = 150.5, bet = 20 },
                "not an order",
            },
        });

        JsonArray sessions = response.Data["createdSessions"]!.AsArray();
        Assert.NotNull(sessions[0]!["unmatched"]);
        Assert.All(sessions.Skip(1), s => Assert.NotNull(s!["errorType"]));
        await ConformanceAssert.ConformsAsync(response, "POST", Place);
    }
}
