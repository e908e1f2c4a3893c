using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>The operator API (rules §10).</summary>
public sealed class AdminEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Users_are_created_once_and_cash_moves_in_and_out()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync(balance: 100);

        OpenLineClient.Response duplicate = await fixture.Admin.PostAsync("/admin/users", new { username = user.Username, password = "another-password" });
        OpenLineClient.Response deposit = await fixture.Admin.PostAsync($"/admin/users/{user.Id}/deposit", new { amount = 50.25 });
        OpenLineClient.Response withdraw = await fixture.Admin.PostAsync($"/admin/users/{user.Id}/withdraw", new { amount = 20 });
        OpenLineClient.Response overdraw = await fixture.Admin.PostAsync($"/admin/users/{user.Id}/withdraw", new { amount = 1000 });
        OpenLineClient.Response negative = await fixture.Admin.PostAsync($"/admin/users/{user.Id}/deposit", new { amount = -5 });
        OpenLineClient.Response unknown = await fixture.Admin.PostAsync("/admin/users/688c0516fbc14da0c202d426/deposit", new { amount = 5 });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal(150.25m, deposit.Data["user"]!["displayBalance"]!.GetValue<decimal>());
        Assert.Equal(130.25m, withdraw.Data["user"]!["displayBalance"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.BadRequest, overdraw.Status);
        Assert.StartsWith("Insufficient funds", overdraw.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Cash_backing_open_orders_cannot_be_withdrawn()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync(balance: 100);
        await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 80, "post"));

        OpenLineClient.Response tooMuch = await fixture.Admin.PostAsync($"/admin/users/{user.Id}/withdraw", new { amount = 21 });
        OpenLineClient.Response allowed = await fixture.Admin.PostAsync($"/admin/users/{user.Id}/withdraw", new { amount = 20 });

        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.Status);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
    }

    [Fact]
    public async Task Bad_user_and_game_requests_get_clear_400s()
    {
        OpenLineClient.Response noPassword = await fixture.Admin.PostAsync("/admin/users", new { username = "x-no-password" });
        OpenLineClient.Response shortPassword = await fixture.Admin.PostAsync("/admin/users", new { username = "x-short", password = "short" });
        OpenLineClient.Response positiveCredit = await fixture.Admin.PostAsync("/admin/users", new { username = "x-credit", password = "long-enough", creditLimit = 10 });
        OpenLineClient.Response badCommission = await fixture.Admin.PostAsync("/admin/users", new { username = "x-comm", password = "long-enough", commission = 1 });
        OpenLineClient.Response oneParticipant = await fixture.Admin.PostAsync("/admin/games",
            new { league = "NBA", sport = "basketball", start = "2030-01-01T00:00:00Z", participants = new[] { new { longName = "A", shortName = "A" } } });
        OpenLineClient.Response badStart = await fixture.Admin.PostAsync("/admin/games",
            new { league = "NBA", sport = "basketball", start = "tomorrow", participants = new[] { new { longName = "A", shortName = "A" }, new { longName = "B", shortName = "B" } } });

        Assert.All([noPassword, shortPassword, positiveCredit, badCommission, oneParticipant, badStart],
            r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
        Assert.All([noPassword, shortPassword, positiveCredit, badCommission, oneParticipant, badStart],
            r => Assert.False(string.IsNullOrWhiteSpace(r.Error)));
    }

    [Fact]
    public async Task A_participant_keeps_one_id_across_games_of_a_league()
    {
        OpenLineClient.Response first = await fixture.Admin.PostAsync("/admin/games", new
        {
            league = "NHL", sport = "hockey", start = "2030-01-01T00:00:00Z",
            participants = new[] { new { longName = "Carolina Hurricanes", shortName = "CAR" }, new { longName = "New York Rangers", shortName = "NYR" } },
        });
        OpenLineClient.Response second = await fixture.Admin.PostAsync("/admin/games", new
        {
            league = "NHL", sport = "hockey", start = "2030-01-03T00:00:00Z",
            participants = new[] { new { longName = "New York Rangers", shortName = "NYR" }, new { longName = "Carolina Hurricanes", shortName = "CAR" } },
        });

        Assert.Equal(first.Data["game"]!["participants"]![0]!["id"]!.GetValue<string>(), second.Data["game"]!["participants"]![1]!["id"]!.GetValue<string>());
        Assert.Equal("2030-01-01T00:00:00.000Z", first.Data["game"]!["start"]!.GetValue<string>());
    }

    [Fact]
    public async Task Marking_a_game_live_cancels_its_pre_game_orders()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 80, "post"));

        await fixture.SetLiveAsync(game.Id, true);

        JsonNode book = (await user.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!;
        Assert.True(book["live"]!.GetValue<bool>());
        Assert.Empty(book["homeMoneylines"]!.AsArray());
        Assert.Equal(0m, (await user.Client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_ledger_totals_satisfy_the_conservation_identity()
    {
        await fixture.CreateUserAsync(balance: 500);

        JsonNode ledger = (await fixture.Admin.GetAsync("/admin/ledger")).Data;

        decimal deposits = ledger["deposits"]!.GetValue<decimal>();
        decimal withdrawals = ledger["withdrawals"]!.GetValue<decimal>();
        decimal balances = ledger["balances"]!.GetValue<decimal>();
        decimal commission = ledger["commission"]!.GetValue<decimal>();
        Assert.Equal(deposits - withdrawals, balances + commission);
        Assert.True(deposits >= 500);
    }

    [Fact]
    public async Task Results_and_voids_grade_the_game_and_answer_with_it()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.GameInfo other = await fixture.CreateGameAsync();

        OpenLineClient.Response result = await fixture.Admin.PostAsync($"/admin/games/{game.Id}/result", new { awayScore = 1, homeScore = 2 });
        OpenLineClient.Response voided = await fixture.Admin.PostAsync($"/admin/games/{other.Id}/void");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.True(result.Data["game"]!["ended"]!.GetValue<bool>());
        Assert.Equal((0, true), (result.Data["betsSettled"]!.GetValue<int>(), result.Data["changed"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.OK, voided.Status);
        Assert.True(voided.Data["game"]!["ended"]!.GetValue<bool>());
    }
}
