using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>The price feed <c>/price-stream</c> (API §6.4): ladders, game and volume updates, and subscription routing.</summary>
public sealed class PriceStreamTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<SocketClient> StreamAsync(ExchangeSetup.User user) => SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/price-stream", user.Client.Token);

    /// <summary>Reads messages until one of <paramref name="type"/> for <paramref name="gameId"/> arrives; returns everything read.</summary>
    private static async Task<List<JsonNode>> UntilAsync(SocketClient socket, string type, string gameId)
    {
        var seen = new List<JsonNode>();
        while (true)
        {
            JsonNode message = await socket.ReceiveAsync() ?? throw new InvalidOperationException("stream closed");
            seen.Add(message);
            if (message[0]!.GetValue<string>() == type && (message[1]!["gameID"] ?? message[1]!["id"])?.GetValue<string>() == gameId) // gameUpdate carries a Game: its id
            {
                return seen;
            }
        }
    }

    [Fact]
    public async Task A_new_offer_and_a_fill_each_send_the_full_taker_facing_ladder_and_a_fill_sends_matched_volume()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await using SocketClient stream = await StreamAsync(taker);

        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"));
        JsonNode posted = (await UntilAsync(stream, "orderUpdate", game.Id))[^1][1]!;
        await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 60, "fillAndKill"));
        JsonNode afterFill = (await UntilAsync(stream, "orderUpdate", game.Id))[^1][1]!;
        JsonNode volume = (await UntilAsync(stream, "matchedVolumeUpdate", game.Id))[^1][1]!;

        // The maker backs away at +150: takers of the home side are offered −150.
        Assert.Equal(("moneyline", "main", game.HomeId), (posted["type"]!.GetValue<string>(), posted["market"]!.GetValue<string>(), posted["participantID"]!.GetValue<string>()));
        JsonNode entry = Assert.Single(posted["sideOrders"]!.AsArray())!;
        Assert.Equal((-150, 100m, 150m), (entry["odds"]!.GetValue<int>(), entry["bet"]!.GetValue<decimal>(), entry["sumUntaken"]!.GetValue<decimal>()));
        Assert.Equal(90m, afterFill["sideOrders"]![0]!["sumUntaken"]!.GetValue<decimal>()); // 60 of 150 taken
        Assert.True(afterFill["epoch"]!.GetValue<long>() > posted["epoch"]!.GetValue<long>());
        Assert.Equal(100m, volume["matchedVolume"]!.GetValue<decimal>()); // 60 taker + 40 maker
    }

    [Fact]
    public async Task Game_updates_announce_new_games_and_markets_that_close()
    {
        ExchangeSetup.User watcher = await fixture.CreateUserAsync();
        await using SocketClient stream = await StreamAsync(watcher);

        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync("NFL", "football", start: DateTimeOffset.UtcNow.AddMinutes(-1));
        JsonNode created = (await UntilAsync(stream, "gameUpdate", game.Id))[^1][1]!;
        await fixture.SetLiveAsync(game.Id, true);
        JsonNode live = (await UntilAsync(stream, "gameUpdate", game.Id))[^1][1]!;
        await fixture.SetLiveAsync(game.Id, false);
        JsonNode closed = (await UntilAsync(stream, "gameUpdate", game.Id))[^1][1]!;

        Assert.Equal("marketClosed", created["messageType"]!.GetValue<string>()); // started and not live
        Assert.Equal("NFL", created["league"]!.GetValue<string>());
        Assert.True(created.AsObject().ContainsKey("awayMoneylines"));
        Assert.Equal(("marketOpen", true), (live["messageType"]!.GetValue<string>(), live["live"]!.GetValue<bool>()));
        Assert.Equal("marketClosed", closed["messageType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscriptions_route_by_league_add_without_replace_and_subscribe_all_restores_everything()
    {
        string leagueA = "A" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant();
        string leagueB = "B" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant();
        ExchangeSetup.GameInfo a = await fixture.CreateGameAsync(leagueA);
        ExchangeSetup.GameInfo b = await fixture.CreateGameAsync(leagueB);
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        await using SocketClient stream = await StreamAsync(maker);
        async Task Settle() => await Task.Delay(200, TestContext.Current.CancellationToken); // commands have no acknowledgement

        await stream.SendAsync($"{{\"type\":\"subscribe\",\"gameIDs\":[],\"leagueIDs\":[\"{leagueA.ToLowerInvariant()}\"],\"sportIDs\":[],\"replace\":true}}");
        await Settle();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(b, b.AwayId, 150, 20, "post"));
        await maker.PlaceAsync(ExchangeSetup.Moneyline(a, a.AwayId, 150, 20, "post"));
        List<JsonNode> onlyA = await UntilAsync(stream, "orderUpdate", a.Id);

        await stream.SendAsync($"{{\"type\":\"subscribe\",\"gameIDs\":[\"{b.Id}\"],\"replace\":false}}");
        await Settle();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(b, b.AwayId, 151, 20, "post"));
        List<JsonNode> alsoB = await UntilAsync(stream, "orderUpdate", b.Id);

        await stream.SendAsync($"{{\"type\":\"unsubscribe\",\"leagueIDs\":[\"{leagueA}\"]}}");
        await stream.SendAsync("{\"type\":\"subscribe\",\"gameIDs\":[],\"leagueIDs\":[],\"sportIDs\":[],\"replace\":true}"); // filtered, nothing listed
        await Settle();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(a, a.AwayId, 152, 20, "post"));
        await stream.SendAsync("{\"type\":\"subscribeAll\"}");
        await Settle();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(b, b.AwayId, 153, 20, "post"));
        List<JsonNode> afterAll = await UntilAsync(stream, "orderUpdate", b.Id);

        Assert.DoesNotContain(onlyA, m => m[1]!["gameID"]?.GetValue<string>() == b.Id);
        Assert.Contains(alsoB, m => m[1]!["gameID"]?.GetValue<string>() == b.Id);
        Assert.DoesNotContain(afterAll, m => m[1]!["gameID"]?.GetValue<string>() == a.Id); // sent while nothing was subscribed
    }

    [Fact]
    public async Task The_stream_needs_a_valid_token()
    {
        Assert.Equal(401, await SocketClient.RefusedStatusAsync(fixture.Server.BaseAddress, "/price-stream", null));
        Assert.Equal(401, await SocketClient.RefusedStatusAsync(fixture.Server.BaseAddress, "/v2/user", "nope"));
    }
}
