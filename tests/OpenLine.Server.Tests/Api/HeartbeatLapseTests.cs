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
        ExchangeSetup.User bot = await server.CreateUserAsync(balance: 1000);
        ExchangeSetup.User bystander = await server.CreateUserAsync(balance: 1000);
        ExchangeSetup.GameInfo game = await server.CreateGameAsync(start: clock.GetUtcNow().AddDays(1));
        await bot.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 50, "post"));
        await bot.Client.PostAsync("/user/ordersHeartbeat", new { timeout = 10 });

        clock.Advance(TimeSpan.FromSeconds(9));
        await bot.Client.PostAsync("/user/ordersHeartbeat", new { timeout = 10 }); // renewed in time
        clock.Advance(TimeSpan.FromSeconds(9));
        await bystander.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 160, 50, "post")); // any command moves the engine's time
        decimal beforeLapse = (await bot.MeAsync())["liability"]!.GetValue<decimal>();
        clock.Advance(TimeSpan.FromSeconds(2));
        await bystander.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 170, 50, "post"));
        decimal afterLapse = (await bot.MeAsync())["liability"]!.GetValue<decimal>();

        Assert.Equal(-50m, beforeLapse);
        Assert.Equal(0m, afterLapse);
    }
}
