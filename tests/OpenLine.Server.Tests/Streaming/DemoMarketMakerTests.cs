using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>The demo market maker: a client of the public API that keeps live two-sided quotes and re-quotes after a hit.</summary>
public sealed class DemoMarketMakerTests
{
    [Fact]
    public async Task The_demo_maker_quotes_every_game_and_re_quotes_a_game_soon_after_its_quote_is_hit()
    {
        // A 60-second refresh: a new quote within seconds of the hit can only come from the maker reacting to its user feed.
        await using TestServer server = await TestServer.StartAsync("--OpenLine:Demo=true", "--OpenLine:DemoBotIntervalSeconds=60");
        OpenLineClient alice = await server.LoginAsync("alice", "alice-demo-pass");
        JsonNode game = (await alice.GetAsync("/exchange/v2/getGames?league=NFL")).Data["games"]![0]!;
        string gameId = game["id"]!.GetValue<string>();
        string away = game["participants"]![0]!["id"]!.GetValue<string>();

        async Task<JsonArray> AwayLadderAsync() => (await alice.GetAsync($"/exchange/v2/getOrderbook?gameID={gameId}")).Data["games"]![0]!["awayMoneylines"]!.AsArray();
        var clock = Stopwatch.StartNew();
        JsonArray ladder = await AwayLadderAsync();
        while (!ladder.Any(o => o!["bet"]!.GetValue<decimal>() == 500m) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken); // until the maker's first quotes replace the seeded ones
            ladder = await AwayLadderAsync();
        }
        JsonNode best = ladder[0]!;
        Assert.Equal(500m, best["bet"]!.GetValue<decimal>());

        JsonNode taken = (await alice.PostAsync("/session/v3/place", new
        {
            orders = new[] { new { gameID = gameId, type = "moneyline", side = away, odds = best["odds"]!.GetValue<int>(), bet = best["sumUntaken"]!.GetValue<decimal>(), orderType = "fillAndKill" } },
        })).Data["createdSessions"]![0]!;
        Assert.NotEmpty(taken["matched"]!.AsArray());
        var requoted = Stopwatch.StartNew();
        JsonArray after = await AwayLadderAsync();
        while (after.Any(o => o!["id"]!.GetValue<string>() == best["id"]!.GetValue<string>()) || after.Count < 2)
        {
            Assert.True(requoted.Elapsed < TimeSpan.FromSeconds(10), "the maker re-quoted within 10 s of the hit");
            await Task.Delay(100, TestContext.Current.CancellationToken);
            after = await AwayLadderAsync();
        }

        Assert.Equal(2, after.Count); // a fresh two-level ladder
        Assert.All(after, o => Assert.Equal(0m, o!["takenRatio"]!.GetValue<decimal>()));
        JsonArray home = (await alice.GetAsync($"/exchange/v2/getOrderbook?gameID={gameId}")).Data["games"]![0]!["homeMoneylines"]!.AsArray();
        Assert.NotEmpty(home);
    }
}
