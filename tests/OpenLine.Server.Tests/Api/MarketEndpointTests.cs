using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>Leagues, games and the flat, taker-facing order book (API §3.1, §8.3).</summary>
public sealed class MarketEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_book_shows_each_offer_on_the_side_a_taker_gets_at_the_takers_price()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 100_000);
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        // The maker backs the home side at +330 with 1151.04: a taker may back away at -330 for up to 3798.432.
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, 330, 1151.04m, "post"));
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, 300, 500, "post"));

        JsonNode book = (await viewer.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!;

        JsonArray away = book["awayMoneylines"]!.AsArray();
        Assert.Empty(book["homeMoneylines"]!.AsArray());
        Assert.Equal(2, away.Count);
        Assert.Equal(-300, away[0]!["odds"]!.GetValue<int>()); // best for the taker first
        Assert.Equal(-330, away[1]!["odds"]!.GetValue<int>());
        Assert.Equal(1151.04m, away[1]!["bet"]!.GetValue<decimal>());
        Assert.Equal(3798.432m, away[1]!["sumUntaken"]!.GetValue<decimal>());
        Assert.Equal(game.AwayId, away[1]!["participantID"]!.GetValue<string>());
        Assert.Equal(0m, away[1]!["takenRatio"]!.GetValue<decimal>());
        Assert.True(away[1]!["gameStartExpiry"]!.GetValue<bool>());
        Assert.False(away[1]!.AsObject().ContainsKey("createdBy"));
        Assert.Equal(1651.04m, book["openInterest"]!.GetValue<decimal>());
        Assert.Empty(book["awaySpreads"]!.AsArray());
    }

    [Fact]
    public async Task The_callers_own_orders_carry_created_by_and_partial_fills_show_taken_ratio()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(new { gameID = game.Id, type = "total", side = "over", number = 220.5, odds = -110, bet = 555, orderType = "post" });
        await taker.PlaceAsync(new { gameID = game.Id, type = "total", side = "under", number = 220.5, odds = 110, bet = 200, orderType = "fillAndKill" });

        JsonNode mine = (await maker.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!["under"]![0]!;
        JsonNode theirs = (await taker.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!["under"]![0]!;

        Assert.Equal(maker.Username, mine["createdBy"]!.GetValue<string>());
        Assert.False(theirs.AsObject().ContainsKey("createdBy"));
        Assert.Equal(110, mine["odds"]!.GetValue<int>());
        Assert.Equal("under", mine["OU"]!.GetValue<string>());
        Assert.Equal(220.5m, mine["total"]!.GetValue<decimal>());
        // 200 taken at +110 moves 220 of the maker's 555: 335 left, a taker may still put up 335/1.1.
        Assert.Equal(0.3963964m, mine["takenRatio"]!.GetValue<decimal>(), 6);
        Assert.Equal(304.545454m, mine["sumUntaken"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Spreads_are_shown_from_the_takers_side_and_soccer_games_carry_1x2_books()
    {
        ExchangeSetup.GameInfo soccer = await fixture.CreateGameAsync("EPL", "soccer");
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();
        await maker.PlaceAsync(new { gameID = soccer.Id, type = "spread", side = soccer.HomeId, number = -0.75, odds = 105, bet = 100, orderType = "post" });
        await maker.PlaceAsync(new { gameID = soccer.Id, type = "moneyline1x2", side = "no", market = soccer.HomeId, odds = -120, bet = 600, orderType = "post" });

        JsonNode book = (await viewer.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={soccer.Id}")).Data["games"]![0]!;

        JsonNode spread = book["awaySpreads"]![0]!;
        Assert.Equal(0.75m, spread["spread"]!.GetValue<decimal>());
        Assert.Equal(-105, spread["odds"]!.GetValue<int>());
        JsonNode yes = book["homeMoneylines1x2"]![0]!;
        Assert.Equal("yes", yes["side"]!.GetValue<string>());
        Assert.Equal(soccer.HomeId, yes["market"]!.GetValue<string>());
        Assert.Equal(120, yes["odds"]!.GetValue<int>());
        Assert.Equal(500m, yes["sumUntaken"]!.GetValue<decimal>());
        Assert.Empty(book["draw1x2"]!.AsArray());
    }

    [Fact]
    public async Task Games_and_books_are_listed_by_league_via_get_or_post_and_league_is_required()
    {
        string league = "L" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        ExchangeSetup.GameInfo later = await fixture.CreateGameAsync(league, start: DateTimeOffset.UtcNow.AddDays(2));
        ExchangeSetup.GameInfo sooner = await fixture.CreateGameAsync(league, start: DateTimeOffset.UtcNow.AddDays(1));
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();

        OpenLineClient.Response games = await viewer.Client.GetAsync($"/exchange/v2/getGames?league={league.ToLowerInvariant()}");
        OpenLineClient.Response books = await viewer.Client.PostAsync("/exchange/v2/getOrderbook", new { league });
        OpenLineClient.Response leagues = await viewer.Client.GetAsync("/exchange/getLeagues?sport=basketball");
        OpenLineClient.Response missing = await viewer.Client.GetAsync("/exchange/v2/getGames");

        JsonArray list = games.Data["games"]!.AsArray();
        Assert.Equal([sooner.Id, later.Id], list.Select(g => g!["id"]!.GetValue<string>()));
        Assert.Equal("away", list[0]!["participants"]![0]!["homeAway"]!.GetValue<string>());
        Assert.False(list[0]!.AsObject().ContainsKey("awayMoneylines"), "getGames has no book arrays");
        Assert.Equal(2, books.Data["games"]!.AsArray().Count);
        Assert.Contains(league, leagues.Data["availableLeagues"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }

    [Fact]
    public async Task Unknown_and_malformed_game_ids_are_told_apart()
    {
        ExchangeSetup.User viewer = await fixture.CreateUserAsync();

        OpenLineClient.Response malformed = await viewer.Client.GetAsync("/exchange/v2/getOrderbook?gameID=zzz");
        OpenLineClient.Response unknown = await viewer.Client.GetAsync("/exchange/v2/getOrderbook?gameID=688c0516fbc14da0c202d426");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }
}
