using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// The README's settlement walkthrough, request for request: deposits, two bets, grading, a score
/// correction, and the figures the README prints. If this test changes, the README must too.
/// </summary>
public sealed class ReadmeWorkedExampleTests
{
    [Fact]
    public async Task The_readme_settlement_example_gives_the_printed_balances_rows_and_ledger()
    {
        await using TestServer server = await TestServer.StartAsync();
        var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
        var anonymous = new OpenLineClient(server.CreateHttpClient());

        // 1. Deposits: carol opens with $1,000; dave with $500 and deposits $500 more.
        Assert.NotNull((await admin.PostAsync("/admin/users", new { username = "carol", password = "carol-password", balance = 1000 })).Data["user"]);
        string dave = (await admin.PostAsync("/admin/users", new { username = "dave", password = "dave-password", balance = 500 })).Data["user"]!["id"]!.GetValue<string>();
        Assert.Equal(1000m, (await admin.PostAsync($"/admin/users/{dave}/deposit", new { amount = 500 })).Data["user"]!["displayBalance"]!.GetValue<decimal>());

        // 2. A game.
        JsonNode game = (await admin.PostAsync("/admin/games", new
        {
            league = "NBA", sport = "basketball", start = "2030-01-02T01:00:00Z",
            participants = new[] { new { longName = "Boston Celtics", shortName = "BOS" }, new { longName = "Los Angeles Lakers", shortName = "LAL" } },
        })).Data["game"]!;
        string gameId = game["id"]!.GetValue<string>();
        string bos = game["participants"]![0]!["id"]!.GetValue<string>(), lal = game["participants"]![1]!["id"]!.GetValue<string>();
        OpenLineClient carolClient = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "carol", password = "carol-password" })).Data["user"]!["auth"]!.GetValue<string>());
        OpenLineClient daveClient = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "dave", password = "dave-password" })).Data["user"]!["auth"]!.GetValue<string>());
        async Task<(decimal Balance, decimal Liability)> MeAsync(OpenLineClient client)
        {
            JsonNode me = (await client.GetAsync("/user/getMe")).Data["user"]!;
            return (me["displayBalance"]!.GetValue<decimal>(), me["liability"]!.GetValue<decimal>());
        }

        // 3. Carol offers; dave takes both.
        await carolClient.PostAsync("/session/v3/place", new
        {
            orders = new object[]
            {
                new { gameID = gameId, type = "moneyline", side = lal, odds = 185, bet = 100, orderType = "post" },
                new { gameID = gameId, type = "total", side = "over", number = 224.5, odds = -110, bet = 110, orderType = "post" },
            },
        });
        JsonArray sessions = (await daveClient.PostAsync("/session/v3/place", new
        {
            orders = new object[]
            {
                new { gameID = gameId, type = "moneyline", side = bos, odds = -185, bet = 185 },
                new { gameID = gameId, type = "total", side = "under", number = 224.5, odds = 110, bet = 100 },
            },
        })).Data["createdSessions"]!.AsArray();
        Assert.Equal([(185m, 186m, 99m), (100m, 101m, 108.9m)], sessions.Select(s => s!["matched"]![0]!).Select(m =>
            (m!["amount"]!.GetValue<decimal>(), m["risk"]!.GetValue<decimal>(), m["win"]!.GetValue<decimal>())));
        Assert.Equal((1000m, -287m), await MeAsync(daveClient));
        Assert.Equal((1000m, -210m), await MeAsync(carolClient));

        // 4. Celtics 112, Lakers 110.
        JsonNode graded = (await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 112, homeScore = 110 })).Data;
        Assert.Equal(2, graded["betsSettled"]!.GetValue<int>());
        Assert.Equal((1207.9m, 0m), await MeAsync(daveClient));
        Assert.Equal((790m, 0m), await MeAsync(carolClient));
        JsonArray rows = (await daveClient.GetAsync("/user/v2/getGradedSince?since=2020-01-01T00:00:00Z")).Data["graded"]!.AsArray();
        Assert.Equal(
            [("moneyline", "winner", "186.00", "99.00", "1.00", "99.00"), ("total", "winner", "101.10", "108.90", "1.10", "108.90")],
            rows.Select(r => (r!["type"]!.GetValue<string>(), r["outcome"]!.GetValue<string>(), r["risk"]!.GetValue<string>(),
                r["win"]!.GetValue<string>(), r["fee"]!.GetValue<string>(), r["result"]!.GetValue<string>())));
        JsonNode summary = (await daveClient.GetAsync("/user/v2/getGraded?startDate=2030-01-01T00:00:00Z&endDate=2030-01-03T00:00:00Z")).Data["summary"]!;
        Assert.Equal((208m, 200m), (summary["pnl"]!.GetValue<decimal>(), summary["volume"]!.GetValue<decimal>()));
        JsonNode ledger = (await admin.GetAsync("/admin/ledger")).Data;
        Assert.Equal((2000m, 1997.9m, 2.1m, true), (ledger["deposits"]!.GetValue<decimal>(), ledger["balances"]!.GetValue<decimal>(),
            ledger["commission"]!.GetValue<decimal>(), ledger["identityHolds"]!.GetValue<bool>()));

        // 5. A score correction: Lakers 112, Celtics 110. Only the moneyline bet changes.
        Assert.Equal(1, (await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 110, homeScore = 112 })).Data["betsSettled"]!.GetValue<int>());
        Assert.Equal(922.9m, (await MeAsync(daveClient)).Balance);
        Assert.Equal(1075m, (await MeAsync(carolClient)).Balance);
        ledger = (await admin.GetAsync("/admin/ledger")).Data;
        Assert.Equal((1997.9m, 2.1m, 11), (ledger["balances"]!.GetValue<decimal>(), ledger["commission"]!.GetValue<decimal>(), ledger["entries"]!.GetValue<int>()));
        JsonArray entries = (await admin.GetAsync($"/admin/users/{dave}/ledger")).Data["entries"]!.AsArray();
        Assert.Equal(
            ["deposit 500 500", "deposit 500 1000", "settlement 100 1100", "commission -1 1099", "settlement 110 1209", "commission -1.1 1207.9",
             "reversal -100 1107.9", "reversal 1 1108.9", "settlement -185 923.9", "commission -1 922.9"],
            entries.Select(e => $"{e!["kind"]} {e["amount"]} {e["balance"]}"));
    }
}
