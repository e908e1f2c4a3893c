using System.Net;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>A lapsed REST heartbeat cancels every open order (API §8.8), with the clock moved by hand.</summary>
public sealed class HeartbeatLapseTests
{
    [Fact]
    public async Task Without_a_new_heartbeat_in_time_every_open_order_of_the_account_is_cancelled()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using TestServer server = await TestServer.StartAsync(clock);
        var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
        foreach (string name in new[] { "bot", "bystander" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/users", new { username = name, password = name + "-password", balance = 1000 })).Status);
        }
        var anonymous = new OpenLineClient(server.CreateHttpClient());
        OpenLineClient bot = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "bot", password = "bot-password" })).Data["user"]!["auth"]!.GetValue<string>());
        OpenLineClient bystander = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "bystander", password = "bystander-password" })).Data["user"]!["auth"]!.GetValue<string>());
        var game = (await admin.PostAsync("/admin/games", new
        {
            league = "NBA", sport = "basketball", start = clock.GetUtcNow().AddDays(1).ToString("O"),
            participants = new[] { new { longName = "Heartbeat Away", shortName = "HA" }, new { longName = "Heartbeat Home", shortName = "HH" } },
        })).Data["game"]!;
        var order = new { gameID = game["id"]!.GetValue<string>(), type = "moneyline", side = game["participants"]![0]!["id"]!.GetValue<string>(), odds = 150, bet = 50, orderType = "post" };
        await bot.PostAsync("/session/v3/place", new { orders = new[] { order } });
        await bot.PostAsync("/user/ordersHeartbeat", new { timeout = 10 });

        clock.Advance(TimeSpan.FromSeconds(9));
        await bot.PostAsync("/user/ordersHeartbeat", new { timeout = 10 }); // renewed in time
        clock.Advance(TimeSpan.FromSeconds(9));
        await bystander.PostAsync("/session/v3/place", new { orders = new[] { order with { odds = 160 } } }); // any command moves the engine's time
        decimal beforeLapse = (await bot.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>();
        clock.Advance(TimeSpan.FromSeconds(2));
        await bystander.PostAsync("/session/v3/place", new { orders = new[] { order with { odds = 170 } } });
        decimal afterLapse = (await bot.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>();

        Assert.Equal(-50m, beforeLapse);
        Assert.Equal(0m, afterLapse);
    }
}
