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
        ExchangeSetup.User user = await server.CreateUserAsync(balance: 1_000);
        ExchangeSetup.GameInfo game = await server.CreateGameAsync();

        JsonArray entries = await user.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.AwayId, 120, 10, "post"),
            ExchangeSetup.Moneyline(game, game.AwayId, 125, 10, "post"),
            ExchangeSetup.Moneyline(game, game.AwayId, 130, 10, "post"));

        Assert.NotNull(entries[0]!["unmatched"]);
        Assert.NotNull(entries[1]!["unmatched"]);
        Assert.Equal("validation_error", entries[2]!["errorType"]!.GetValue<string>());
        Assert.Equal("too many open orders: at most 2 per account; cancel some first", entries[2]!["error"]!.GetValue<string>());
        Assert.Equal(-20m, (await user.MeAsync())["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_negative_cap_stops_the_server_from_starting_with_a_clear_message()
    {
        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync("--OpenLine:MaxOpenOrdersPerAccount=-1"));

        Assert.Equal("OpenLine:MaxOpenOrdersPerAccount must be 0 (no cap) or more (was -1).", refused.Message);
    }
}
