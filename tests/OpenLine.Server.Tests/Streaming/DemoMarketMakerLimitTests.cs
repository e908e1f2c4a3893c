using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>The demo market maker is the house's liquidity: the per-account trading-request limit does not starve it.</summary>
public sealed class DemoMarketMakerLimitTests
{
    [Fact]
    public async Task The_demo_maker_quotes_every_game_even_when_the_trading_limit_allows_one_request_a_second()
    {
        // The maker sends two requests per game per cycle (cancelAllByGame, placeV3); at one a second it could quote one game at most.
        await using TestServer server = await TestServer.StartAsync("--OpenLine:Demo=true", "--OpenLine:DemoBotIntervalSeconds=1",
            "--OpenLine:OrderRequestsPerSecond=1", "--OpenLine:OrderRequestBurst=1");
        var anonymous = new OpenLineClient(server.CreateHttpClient());
        OpenLineClient alice = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "alice", password = "alice-demo-pass" })).Data["user"]!["auth"]!.GetValue<string>());
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
        OpenLineClient.Response limited = await alice.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = games[0] } } });
        OpenLineClient.Response again = await alice.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = games[0] } } });
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, again.Status); // everyone else is still limited
        Assert.NotEqual(System.Net.HttpStatusCode.TooManyRequests, limited.Status);
    }
}
