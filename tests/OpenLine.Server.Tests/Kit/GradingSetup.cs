using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Tests.Kit;

/// <summary>Matched bets to grade, and the operator's grading calls.</summary>
public static class GradingSetup
{
    /// <summary>
    /// The seed's Scenario 2 fill: the maker backs home at +185 for $100; the taker takes away at
    /// −185 for $185 (A = 185, G = 100, taker commission 1%).
    /// </summary>
    public sealed record Scenario(ExchangeSetup.GameInfo Game, ExchangeSetup.User Maker, ExchangeSetup.User Taker, string TxId, string MakerOrderId,
        string TakerWagerRequestId, string MakerWagerRequestId);

    public static async Task<Scenario> MatchScenarioAsync(this IExchange exchange, ExchangeSetup.GameInfo? game = null,
        ExchangeSetup.User? maker = null, ExchangeSetup.User? taker = null)
    {
        game ??= await exchange.CreateGameAsync();
        maker ??= await exchange.CreateUserAsync();
        taker ??= await exchange.CreateUserAsync();
        JsonNode offer = (await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, 185, 100, "post")))[0]!["unmatched"]!;
        JsonNode fill = (await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, -185, 185, "fillAndKill")))[0]!["matched"]![0]!;
        return new Scenario(game, maker, taker, fill["txID"]!.GetValue<string>(), offer["orderID"]!.GetValue<string>(),
            fill["wagerRequestID"]!.GetValue<string>(), offer["wagerRequestID"]!.GetValue<string>());
    }

    /// <summary>Grades a game and returns the <c>data</c> of the answer (asserting 200).</summary>
    public static async Task<JsonNode> GradeAsync(this IExchange exchange, string gameId, int away, int home)
    {
        OpenLineClient.Response response = await exchange.Admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = away, homeScore = home });
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        return response.Data;
    }

    public static async Task<JsonNode> VoidAsync(this IExchange exchange, string gameId)
    {
        OpenLineClient.Response response = await exchange.Admin.PostAsync($"/admin/games/{gameId}/void");
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        return response.Data;
    }

    /// <summary>The engine's current time (Unix ms): the time of the last command it applied.</summary>
    public static Task<long> EngineNowAsync(this ServerFixture fixture) =>
        fixture.Server.Services.GetRequiredService<Sequencer>().QueryAsync(engine => engine.Now);

    /// <summary>The user's <c>getMe</c> record.</summary>
    public static async Task<JsonNode> MeAsync(this ExchangeSetup.User user) => (await user.Client.GetAsync("/user/getMe")).Data["user"]!;

    public static async Task<decimal> BalanceAsync(this ExchangeSetup.User user) => (await user.MeAsync())["displayBalance"]!.GetValue<decimal>();

    /// <summary>The operator's <c>/admin/ledger</c> totals.</summary>
    public static async Task<JsonNode> LedgerAsync(this IExchange exchange) => (await exchange.Admin.GetAsync("/admin/ledger")).Data;

    public static decimal Num(this JsonNode? node) => node!.GetValue<decimal>();

    public static string Str(this JsonNode? node) => node!.GetValue<string>();
}
