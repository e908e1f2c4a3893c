using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>The run contract (rules §11): health, demo data, rate limits, unknown routes.</summary>
public sealed class HostTests
{
    [Fact]
    public async Task Health_answers_ok_once_the_exchange_is_up_and_unknown_paths_get_a_json_404()
    {
        await using TestServer server = await TestServer.StartAsync();
        var client = new OpenLineClient(server.CreateHttpClient());

        OpenLineClient.Response health = await client.GetAsync("/health");
        OpenLineClient.Response unknown = await client.GetAsync("/no/such/thing");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("ok", health.Body!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.False(string.IsNullOrEmpty(unknown.Error));
    }

    [Fact]
    public async Task The_readme_session_against_demo_data_gives_the_seed_pages_scenario_2_numbers()
    {
        // The README's exact walkthrough runs with the demo market maker off (it would re-price the seeded offer).
        await using TestServer server = await TestServer.StartAsync("--OpenLine:Demo=true", "--OpenLine:DemoBotIntervalSeconds=0");

        // The README's curl session, step by step.
        OpenLineClient alice = await server.LoginAsync("alice", "alice-demo-pass");
        JsonNode game = (await alice.GetAsync("/exchange/v2/getGames?league=NFL")).Data["games"]![0]!;
        string gameId = game["id"]!.GetValue<string>();
        string chiefs = game["participants"]![1]!["id"]!.GetValue<string>();
        JsonNode best = (await alice.GetAsync($"/exchange/v2/getOrderbook?gameID={gameId}")).Data["games"]![0]!["homeMoneylines"]![0]!;
        OpenLineClient.Response place = await alice.PostAsync("/session/v3/place",
            new { orders = new[] { new { gameID = gameId, type = "moneyline", side = chiefs, odds = -185, bet = 300 } } });

        Assert.Equal(-185, best["odds"]!.GetValue<int>());
        Assert.Equal(185m, best["sumUntaken"]!.GetValue<decimal>());
        JsonNode result = place.Data["createdSessions"]![0]!;
        Assert.Equal(185m, result["matched"]![0]!["amount"]!.GetValue<decimal>());
        Assert.Equal(186m, result["matched"]![0]!["risk"]!.GetValue<decimal>());
        Assert.Equal(99m, result["matched"]![0]!["win"]!.GetValue<decimal>());
        Assert.Equal(100m, result["matched"]![0]!["winWithoutCommission"]!.GetValue<decimal>());
        Assert.Equal(115m, result["unmatched"]!["offered"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Demo_data_has_nba_nfl_and_soccer_games_with_liquidity_and_a_live_game()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:Demo=true", "--OpenLine:DemoBotIntervalSeconds=0");
        OpenLineClient bob = await server.LoginAsync("bob", "bob-demo-pass");

        JsonArray leagues = (await bob.GetAsync("/exchange/getLeagues")).Data["availableLeagues"]!.AsArray();
        JsonArray books = (await bob.GetAsync("/exchange/v2/getOrderbook?league=upcoming")).Data["games"]!.AsArray();

        Assert.Equal(["EPL", "NBA", "NFL"], leagues.Select(l => l!.GetValue<string>()));
        Assert.Equal(5, books.Count);
        Assert.All(books, g => Assert.True(g!["openInterest"]!.GetValue<decimal>() > 0));
        Assert.Contains(books, g => g!["live"]!.GetValue<bool>());
        Assert.Contains(books, g => g!["draw1x2"] is JsonArray { Count: > 0 });
    }

    [Fact]
    public async Task Demo_data_has_a_graded_game_with_settled_bets_for_alice_and_bob()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:Demo=true", "--OpenLine:DemoBotIntervalSeconds=0");
        async Task<decimal> BalanceAsync(string username)
        {
            OpenLineClient user = await server.LoginAsync(username, username + "-demo-pass");
            JsonNode me = (await user.GetAsync("/user/getMe")).Data["user"]!;
            Assert.Equal(0m, me["liability"]!.GetValue<decimal>());
            return me["displayBalance"]!.GetValue<decimal>();
        }

        // Suns 112-108: alice's Suns +120 for $100 wins 120 − 1.20; bob's Mavericks −2.5 at −110 for $110 loses 110 + 1.
        Assert.Equal(10_118.80m, await BalanceAsync("alice"));
        Assert.Equal(9_889m, await BalanceAsync("bob"));
        JsonNode ledger = await server.LedgerAsync();
        Assert.Equal(2.20m, ledger["commission"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Requests_beyond_the_per_ip_rate_limit_get_429_with_retry_after()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:RateLimitPerMinute=5");
        var client = new OpenLineClient(server.CreateHttpClient());

        var statuses = new List<HttpStatusCode>();
        OpenLineClient.Response? last = null;
        for (int i = 0; i < 7; i++)
        {
            last = await client.GetAsync("/user/getMe");
            statuses.Add(last.Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal("Too many requests. Please try again later.", last!.Error);
        Assert.True(last.Message.Headers.RetryAfter is not null);
    }
}
