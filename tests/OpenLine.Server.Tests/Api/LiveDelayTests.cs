using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// Live delay over HTTP (rules §6) with the TESTLIVE league's delay shortened to 0.4 s. The
/// engine-level timing rules are tested with time as a value in the Core tests; these check that
/// the server's clock, timer and held-order plumbing deliver them end to end.
/// </summary>
public sealed class LiveDelayTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds((double)ServerFixture.TestLiveDelaySeconds);

    private async Task<ExchangeSetup.GameInfo> LiveGameAsync()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync("TESTLIVE", start: DateTimeOffset.UtcNow.AddMinutes(-10));
        await fixture.SetLiveAsync(game.Id, true);
        return game;
    }

    [Fact]
    public async Task An_order_that_would_fill_on_a_live_game_is_answered_after_the_delay_with_its_fill()
    {
        ExchangeSetup.GameInfo game = await LiveGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"));

        var clock = Stopwatch.StartNew();
        JsonNode result = (await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 60)))[0]!;
        clock.Stop();

        Assert.True(clock.Elapsed >= Delay - TimeSpan.FromMilliseconds(20), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(60m, result["matched"]![0]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_edit_whose_replacement_would_fill_on_a_live_game_is_answered_after_the_delay_with_its_fill()
    {
        ExchangeSetup.GameInfo game = await LiveGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post")); // home may take −150
        string id = (await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -140, 60, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        var clock = Stopwatch.StartNew();
        OpenLineClient.Response edit = await taker.Client.PostAsync("/session/editOrder", new { sessionID = id, orderOdds = -150, orderVolume = 60 });
        clock.Stop();

        Assert.True(edit.Status == System.Net.HttpStatusCode.OK, edit.Raw);
        Assert.True(clock.Elapsed >= Delay - TimeSpan.FromMilliseconds(20), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(60m, edit.Data["matched"]![0]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_held_orders_outcome_is_still_there_for_a_caller_who_asks_after_the_release()
    {
        ExchangeSetup.GameInfo game = await LiveGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"));
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        Sequencing.Sequencer sequencer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Sequencing.Sequencer>(fixture.Server.Services);
        Core.ObjectId takerId = Core.ObjectId.Parse(taker.Id);
        var request = new Core.OrderRequest(Core.ObjectId.Parse(game.Id), Core.MarketType.Moneyline, game.HomeId, null,
            Core.AmericanOdds.FromInt32(-150), Core.Money.FromDecimal(60), null, Core.OrderType.Limit, null, null);

        ulong holdId = await sequencer.ExecuteAsync(new Core.PlaceOrders(takerId, [request]),
            static (_, r) => ((Core.OrderHeld)((Core.PlaceResult)r).Outcomes[0]).HoldId);
        await Task.Delay(Delay * 3, TestContext.Current.CancellationToken); // a slow request thread: the release has happened

        Core.OrderOutcome outcome = await sequencer.WaitForHoldAsync(holdId);

        Assert.Single(Assert.IsType<Core.OrderAccepted>(outcome).Fills);
    }

    [Fact]
    public async Task An_order_that_would_not_fill_rests_at_once_on_a_live_game_with_a_five_minute_expiry()
    {
        ExchangeSetup.GameInfo game = await LiveGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();

        JsonNode result = (await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post")))[0]!;
        JsonNode entry = (await maker.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!["homeMoneylines"]![0]!;

        Assert.Equal(100m, result["unmatched"]!["offered"]!.GetValue<decimal>());
        DateTimeOffset created = DateTimeOffset.Parse(entry["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset expiry = DateTimeOffset.Parse(entry["expiry"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(5), expiry - created);
        Assert.False(entry["gameStartExpiry"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_held_order_whose_liquidity_vanishes_during_the_delay_rests_instead()
    {
        ExchangeSetup.GameInfo game = await LiveGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        string makerOrder = (await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        Task<JsonArray> held = taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 60));
        await Task.Delay(Delay / 4, TestContext.Current.CancellationToken);
        await maker.Client.PostAsync("/session/cancel", new { sessionID = makerOrder });
        JsonNode result = (await held)[0]!;

        Assert.Empty(result["matched"]!.AsArray());
        Assert.Equal(60m, result["unmatched"]!["offered"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_post_that_would_match_on_a_live_game_is_refused_at_once()
    {
        ExchangeSetup.GameInfo game = await LiveGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User trader = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"));

        JsonNode result = (await trader.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 60, "post")))[0]!;

        Assert.Equal("post order cannot have matches", result["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Other_orders_of_a_batch_are_not_held_up_in_the_engine_by_a_delayed_one()
    {
        ExchangeSetup.GameInfo game = await LiveGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        ExchangeSetup.User watcher = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"));

        Task<JsonArray> batch = taker.PlaceAsync(
            ExchangeSetup.Moneyline(game, game.HomeId, -150, 60),
            ExchangeSetup.Moneyline(game, game.AwayId, 140, 30, "post"));
        await Task.Delay(Delay / 4, TestContext.Current.CancellationToken);
        JsonNode book = (await watcher.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!;
        JsonArray results = await batch;

        // The post rested before the held order was released; the maker's offer is still untouched.
        Assert.Equal([-150, -140], book["homeMoneylines"]!.AsArray().Select(o => o!["odds"]!.GetValue<int>()).Order());
        Assert.All(book["homeMoneylines"]!.AsArray(), o => Assert.Equal(0m, o!["takenRatio"]!.GetValue<decimal>()));
        Assert.Equal(60m, results[0]!["matched"]![0]!["amount"]!.GetValue<decimal>());
        Assert.Equal(30m, results[1]!["unmatched"]!["offered"]!.GetValue<decimal>());
    }
}
