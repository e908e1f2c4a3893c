using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>
/// The demo market maker: a client of the public API that keeps live two-sided quotes and re-quotes after a hit;
/// as the house's liquidity, the per-account trading-request limit does not starve it.
/// </summary>
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

    [Fact]
    public async Task The_demo_maker_quotes_every_game_even_when_the_trading_limit_allows_one_request_a_second()
    {
        // The maker sends two requests per game per cycle (cancelAllByGame, placeV3); at one a second it could quote one game at most.
        await using TestServer server = await TestServer.StartAsync("--OpenLine:Demo=true", "--OpenLine:DemoBotIntervalSeconds=1",
            "--OpenLine:OrderRequestsPerSecond=1", "--OpenLine:OrderRequestBurst=1");
        OpenLineClient alice = await server.LoginAsync("alice", "alice-demo-pass");
        string[] games = [.. (await alice.GetAsync("/exchange/v2/getGames?league=upcoming")).Data["games"]!.AsArray().Select(g => g!["id"]!.GetValue<string>())];
        Assert.True(games.Length >= 3, $"the demo has {games.Length} upcoming games");

        async Task<bool> QuotedAsync(string gameId)
        {
            // The maker's ladder: 500 and 1,000 on each moneyline side (the seeded offers have other sizes).
            JsonNode book = (await alice.GetAsync($"/exchange/v2/getOrderbook?gameID={gameId}")).Data["games"]![0]!;
            return new[] { "awayMoneylines", "homeMoneylines" }.All(side =>
                book[side]!.AsArray().Select(o => o!["bet"]!.GetValue<decimal>()).Intersect([500m, 1_000m]).Count() == 2);
        }
        var clock = Stopwatch.StartNew();
        List<string> waiting = [.. games];
        while (waiting.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            foreach (string game in waiting.ToArray())
            {
                if (await QuotedAsync(game))
                {
                    waiting.Remove(game);
                }
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Empty(waiting);
        // Everyone else is still limited — another login to the maker account too: the exemption is the bot's own login.
        OpenLineClient makerLogin = await server.LoginAsync("maker", "maker-demo-pass");
        foreach (OpenLineClient client in new[] { alice, makerLogin })
        {
            OpenLineClient.Response first = await client.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = games[0] } } });
            OpenLineClient.Response again = await client.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = games[0] } } });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, first.Status);
            Assert.Equal(HttpStatusCode.TooManyRequests, again.Status);
        }
    }
}
