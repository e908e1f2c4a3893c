using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OpenLine.Server.Tests.Kit;
using static Microsoft.Playwright.Assertions;

namespace OpenLine.Server.Tests.Browser;

/// <summary>The operator view (issue 8): the operator token, users, games (create, live, result, void) and the ledger totals.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperatorPageTests(BrowserFixture browser, ServerFixture server) : PageTest(browser, server), IClassFixture<ServerFixture>
{
    private async Task OpenAsOperatorAsync()
    {
        await Page.GotoAsync("/#/admin");
        await Page.GetByLabel("Operator token").FillAsync(TestServer.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the operator view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Ledger" })).ToBeVisibleAsync();
    }

    private ILocator GameRow(string gameId) => Page.Locator($"tr[data-game-id=\"{gameId}\"]");

    [Fact]
    public async Task A_wrong_operator_token_or_a_user_token_is_refused_in_plain_words()
    {
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await Page.GotoAsync("/#/admin");

        await Page.GetByLabel("Operator token").FillAsync("not-the-token");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the operator view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That operator token was not accepted.");

        await Page.GetByLabel("Operator token").FillAsync(alice.Client.Token!);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the operator view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That operator token was not accepted.");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Ledger" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_operator_sees_the_ledger_totals_and_the_users_and_deposits_to_a_user()
    {
        ExchangeSetup.User carol = await Server.CreateUserAsync(balance: 700m);
        await OpenAsOperatorAsync();
        JsonNode ledger = (await Server.Admin.GetAsync("/admin/ledger")).Data;

        await Expect(Page.Locator(".ledger-figures div").Filter(new() { HasText = "Deposits" }).Locator("dd"))
            .ToHaveTextAsync(ledger["deposits"]!.GetValue<decimal>().ToString("$#,##0.00", CultureInfo.InvariantCulture));
        await Expect(Page.GetByTestId("identity")).ToContainTextAsync("the ledger balances");
        ILocator row = Page.Locator($"tr[data-user=\"{carol.Username}\"]");
        await Expect(row).ToContainTextAsync("$700.00");

        await row.GetByLabel($"Amount for {carol.Username}").FillAsync("25.50");
        await row.GetByRole(AriaRole.Button, new() { Name = "Deposit" }).ClickAsync();

        await Expect(Page.Locator("#main").GetByText($"Deposited $25.50 to {carol.Username}: balance $725.50.")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("$725.50");
        Assert.Equal(725.5m, (await carol.Client.GetAsync("/user/getMe")).Data["user"]!["displayBalance"]!.GetValue<decimal>());

        await row.GetByLabel($"Amount for {carol.Username}").FillAsync("5000");
        await row.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(Page.Locator("#users-title ~ .form-message")).ToHaveTextAsync("Insufficient funds: $725.50 can be withdrawn (balance $725.50, liability $0.00).");
        await Expect(row).ToContainTextAsync("$725.50");
    }

    [Fact]
    public async Task The_operator_creates_a_game_sets_it_live_posts_the_result_and_voids_it()
    {
        ExchangeSetup.User viewer = await Server.CreateUserAsync();
        await OpenAsOperatorAsync();

        await Page.GetByLabel("League").FillAsync("OPTEST");
        await Page.GetByLabel("Sport").FillAsync("hockey");
        await Page.GetByLabel("Away team", new() { Exact = true }).FillAsync("Oulu Owls");
        await Page.GetByLabel("Away short name").FillAsync("OUL");
        await Page.GetByLabel("Home team", new() { Exact = true }).FillAsync("Tampere Terns");
        await Page.GetByLabel("Home short name").FillAsync("TAM");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create game" }).ClickAsync();
        await Expect(Page.Locator("#main").GetByText("Created Oulu Owls @ Tampere Terns (OPTEST")).ToBeVisibleAsync();
        JsonNode game = Assert.Single((await viewer.Client.GetAsync("/exchange/v2/getGames?league=OPTEST")).Data["games"]!.AsArray())!;
        string gameId = game["id"]!.GetValue<string>();
        Assert.Equal("hockey", game["sport"]!.GetValue<string>());
        ILocator row = GameRow(gameId);
        await Expect(row).ToContainTextAsync("Open");

        await row.GetByRole(AriaRole.Button, new() { Name = "Set live" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Live");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "End live" })).ToBeVisibleAsync();
        Assert.True((await viewer.Client.GetAsync("/exchange/v2/getGames?league=OPTEST")).Data["games"]![0]!["live"]!.GetValue<bool>());

        await row.GetByLabel("Oulu Owls score").FillAsync("3");
        await row.GetByLabel("Tampere Terns score").FillAsync("1");
        await row.GetByRole(AriaRole.Button, new() { Name = "Post result" }).ClickAsync();
        await Expect(Page.Locator("#main").GetByText("Result posted for Oulu Owls @ Tampere Terns: OUL 3 – TAM 1. 0 bets settled.")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Final 3–1");

        await row.GetByRole(AriaRole.Button, new() { Name = "Void" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Final 3–1"); // the first press only asks
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm: void Oulu Owls @ Tampere Terns and refund every bet" }).ClickAsync();
        await Expect(Page.Locator("#main").GetByText("Oulu Owls @ Tampere Terns is void: 0 bets refunded.")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Voided");
    }

    [Fact]
    public async Task A_correction_that_takes_back_withdrawn_winnings_says_who_now_owes_and_the_ledger_keeps_saying_it()
    {
        GradingSetup.Scenario bet = await Server.MatchScenarioAsync(); // A = 185 at −185 against G = 100
        await Server.GradeAsync(bet.Game.Id, 3, 1); // the taker wins: 10,000 + 100 − 1
        await Server.Admin.PostAsync($"/admin/users/{bet.Taker.Id}/withdraw", new { amount = 10_099 });
        string awayName = bet.Game.Json["participants"]![0]!["longName"]!.GetValue<string>();
        string homeName = bet.Game.Json["participants"]![1]!["longName"]!.GetValue<string>();
        await OpenAsOperatorAsync();
        ILocator row = GameRow(bet.Game.Id);

        await row.GetByLabel($"{awayName} score").FillAsync("1");
        await row.GetByLabel($"{homeName} score").FillAsync("3");
        await row.GetByRole(AriaRole.Button, new() { Name = "Correct result" }).ClickAsync();

        // Reversal −100 + 1, then the loss −185 − 1: the taker owes $285.00.
        await Expect(Page.Locator("#main").GetByText($"1 bet settled. Now owing: {bet.Taker.Username} $285.00.")).ToBeVisibleAsync();
        await Expect(Page.Locator(".ledger-figures div").Filter(new() { HasText = "Owing" }).Locator("dd"))
            .ToContainTextAsync($"{bet.Taker.Username} $285.00");
    }
}
