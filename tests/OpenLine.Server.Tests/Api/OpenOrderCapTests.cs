using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>The per-account cap on resting orders (<c>OpenLine:MaxOpenOrdersPerAccount</c>), an abuse limit, over the API.</summary>
public sealed class OpenOrderCapTests
{
    [Fact]
    public async Task Orders_that_would_rest_beyond_the_cap_get_a_validation_error_per_order_and_the_others_proceed()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:MaxOpenOrdersPerAccount=2");
        var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
        var anonymous = new OpenLineClient(server.CreateHttpClient());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/users", new { username = "capped", password = "capped-password", balance = 1_000 })).Status);
        OpenLineClient user = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "capped", password = "capped-password" })).Data["user"]!["auth"]!.GetValue<string>());
        JsonNode game = (await admin.PostAsync("/admin/games", new
        {
            league = "NBA", sport = "basketball", start = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            participants = new[] { new { longName = "Cap Away", shortName = "CA" }, new { longName = "Cap Home", shortName = "CH" } },
        })).Data["game"]!;
        string id = game["id"]!.GetValue<string>();
        string away = game["participants"]![0]!["id"]!.GetValue<string>();

        JsonNode entries = (await user.PostAsync("/session/v3/place", new
        {
            orders = new[]
            {
                new { gameID = id, type = "moneyline", side = away, odds = 120, bet = 10, orderType = "post" },
                new { gameID = id, type = "moneyline", side = away, odds = 125, bet = 10, orderType = "post" },
                new { gameID = id, type = "moneyline", side = away, odds = 130, bet = 10, orderType = "post" },
            },
        })).Data["createdSessions"]!;

        Assert.NotNull(entries[0]!["unmatched"]);
        Assert.NotNull(entries[1]!["unmatched"]);
        Assert.Equal("validation_error", entries[2]!["errorType"]!.GetValue<string>());
        Assert.Equal("too many open orders: at most 2 per account; cancel some first", entries[2]!["error"]!.GetValue<string>());
        Assert.Equal(-20m, (await user.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_negative_cap_stops_the_server_from_starting_with_a_clear_message()
    {
        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync("--OpenLine:MaxOpenOrdersPerAccount=-1"));

        Assert.Equal("OpenLine:MaxOpenOrdersPerAccount must be 0 (no cap) or more (was -1).", refused.Message);
    }
}
