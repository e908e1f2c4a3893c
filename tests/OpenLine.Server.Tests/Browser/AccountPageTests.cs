using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OpenLine.Server.Tests.Kit;
using static Microsoft.Playwright.Assertions;

namespace OpenLine.Server.Tests.Browser;

/// <summary>My account (issue 8): figures, open orders with cancel and cancel-all, matched bets, graded history — all following the user feed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPageTests(BrowserFixture browser, ServerFixture server) : PageTest(browser, server), IClassFixture<ServerFixture>
{
    private ILocator Figure(string name) => Page.Locator($"[data-figure=\"{name}\"] dd .value");

    [Fact]
    public async Task Balance_available_liability_and_open_orders_follow_the_user_feed_without_a_reload()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync(balance: 2_000m);
        await LogInAsync(alice, "/#/account");
        await FeedsLiveAsync();
        await Expect(Figure("balance")).ToHaveTextAsync("$2,000.00");
        await Expect(Figure("available")).ToHaveTextAsync("$2,000.00");
        await Expect(Figure("liability")).ToHaveTextAsync("$0.00");
        await Expect(Page.Locator(".orders")).ToHaveTextAsync("No open orders.");

        // Alice places an offer from a bot (another client of the same account): the page hears it on /v2/user.
        JsonNode placed = (await alice.PlaceAsync(new { gameID = game.Id, type = "total", side = "under", number = 210.5m, odds = -110, bet = 110m, orderType = "post" }))[0]!;
        string orderId = placed["unmatched"]!["orderID"]!.GetValue<string>();

        ILocator row = Page.Locator($"tr[data-order-id=\"{orderId}\"]");
        await Expect(row).ToContainTextAsync("Under 210.5"); // the side of a total order, read off the book
        await Expect(row).ToContainTextAsync("−110");
        await Expect(row).ToContainTextAsync("$110.00");
        await Expect(Figure("liability")).ToHaveTextAsync("−$110.00");
        await Expect(Figure("available")).ToHaveTextAsync("$1,890.00");
        await Expect(Page.Locator("#who")).ToContainTextAsync("$1,890.00");

        // Someone takes half of it: the fill shows under matched bets, the order's open stake shrinks.
        ExchangeSetup.User bob = await Server.CreateUserAsync();
        await bob.PlaceAsync(new { gameID = game.Id, type = "total", side = "over", number = 210.5m, odds = 110, bet = 50m, orderType = "fillAndKill" });
        await Expect(Page.Locator(".bets tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".bets tbody tr")).ToContainTextAsync("Your offer was taken");
        await Expect(Page.Locator(".bets tbody tr")).ToContainTextAsync("$55.00");
        await Expect(row).ToContainTextAsync("$55.00");
    }

    [Fact]
    public async Task Cancel_all_asks_for_confirmation_then_cancels_every_open_order()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await alice.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 120, 100, "post"), ExchangeSetup.Moneyline(game, game.HomeId, 130, 50, "post"));
        await LogInAsync(alice, "/#/account");
        await Expect(Page.Locator(".orders tbody tr")).ToHaveCountAsync(2);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel all open orders" }).ClickAsync();
        ILocator yes = Page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel 2 orders" });
        await Expect(yes).ToBeFocusedAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Keep them" }).ClickAsync();
        await Expect(Page.Locator(".orders tbody tr")).ToHaveCountAsync(2);
        Assert.Equal(2, (await alice.Client.GetAsync("/user/getUnmatched")).Data["unmatched"]!.AsArray().Count);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel all open orders" }).ClickAsync();
        await yes.ClickAsync();

        await Expect(Page.Locator(".account-page > .form-message")).ToHaveTextAsync("Cancelled 2 orders: $150.00 is free again.");
        await Expect(Page.Locator(".orders")).ToHaveTextAsync("No open orders.");
        await Expect(Figure("liability")).ToHaveTextAsync("$0.00");
        Assert.Empty((await alice.Client.GetAsync("/user/getUnmatched")).Data["unmatched"]!.AsArray());
    }

    [Fact]
    public async Task A_single_order_is_cancelled_from_its_row()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync(league: "SOCCERTEST", sport: "soccer", away: "Rovers", home: "United");
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        JsonArray placed = await alice.PlaceAsync(
            new { gameID = game.Id, type = "moneyline1x2", side = "yes", market = "draw", odds = 250, bet = 40m, orderType = "post" },
            ExchangeSetup.Moneyline(game, game.AwayId, 120, 100, "post"));
        string drawOrder = placed[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        await LogInAsync(alice, "/#/account");
        ILocator row = Page.Locator($"tr[data-order-id=\"{drawOrder}\"]");
        await Expect(row).ToContainTextAsync("Draw: yes"); // the market and side of a 1x2 order, read off the book

        await row.GetByRole(AriaRole.Button, new() { Name = "Cancel Draw: yes at +250, $40.00 open" }).ClickAsync();

        await Expect(Page.Locator(".account-page > .form-message")).ToHaveTextAsync("Cancelled Draw: yes at +250: $40.00 is free again.");
        await Expect(row).ToHaveCountAsync(0);
        await Expect(Page.Locator(".orders tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Graded_history_shows_each_result_and_the_profit_and_loss_as_soon_as_the_operator_grades_the_game()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync(start: DateTimeOffset.UtcNow.AddMinutes(30));
        ExchangeSetup.User alice = await Server.CreateUserAsync(balance: 1_000m);
        ExchangeSetup.User bob = await Server.CreateUserAsync();
        // Alice (maker) backs the away side at +150 for $100; bob takes it: $150 at −150.
        await alice.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 100, "post"));
        await bob.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 150, "fillAndKill"));
        await LogInAsync(alice, "/#/account");
        await FeedsLiveAsync();
        await Expect(Page.Locator(".bets tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".graded")).ToHaveTextAsync("No graded bets yet.");
        await Expect(Page.GetByTestId("pnl")).ToHaveTextAsync("$0.00");

        OpenLineClient.Response graded = await Server.Admin.PostAsync($"/admin/games/{game.Id}/result", new { awayScore = 101, homeScore = 99 });
        Assert.Equal(200, (int)graded.Status);

        ILocator gradedRow = Page.Locator(".graded tbody tr");
        await Expect(gradedRow).ToHaveCountAsync(1);
        await Expect(gradedRow).ToContainTextAsync("(101–99)");
        await Expect(gradedRow).ToContainTextAsync("Won");
        await Expect(gradedRow.Locator(".pnl")).ToHaveTextAsync("+$150.00");
        await Expect(Page.GetByTestId("pnl")).ToHaveTextAsync("+$150.00");
        await Expect(Page.Locator(".bets")).ToHaveTextAsync("No matched bets.");
        await Expect(Figure("balance")).ToHaveTextAsync("$1,150.00");
    }
}
