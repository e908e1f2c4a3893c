using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLine.Server.Tests.Kit;
using static Microsoft.Playwright.Assertions;

namespace OpenLine.Server.Tests.Browser;

/// <summary>
/// axe-core audits every view of the page (login, markets, a game with the ticket open, the account,
/// the operator view) at desktop and phone width: no serious or critical violation (labels, names,
/// contrast, ARIA, landmarks). Keyboard use itself is tested in <see cref="TradingPageTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, ServerFixture server) : PageTest(browser, server), IClassFixture<ServerFixture>
{
    private async Task AuditAsync(string view)
    {
        AxeResult result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{view}: " + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 740)]
    public async Task Every_view_passes_an_automated_accessibility_audit(int width, int height)
    {
        await Page.SetViewportSizeAsync(width, height);
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync(league: $"A11Y{width}", sport: "soccer", away: "Rovers", home: "United");
        ExchangeSetup.User maker = await Server.CreateUserAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, 130, 100, "post"),
            new { gameID = game.Id, type = "total", side = "over", number = 2.5m, odds = -110, bet = 110m, orderType = "post" });
        await alice.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, -130, 30, "fillAndKill"), ExchangeSetup.Moneyline(game, game.AwayId, 200, 20, "post"));

        await Page.GotoAsync("/");
        await Expect(Page.GetByLabel("Username")).ToBeVisibleAsync();
        await AuditAsync("login");

        await LogInAsync(alice, $"/#/league/A11Y{width}");
        await Expect(Page.Locator("li.game-card")).ToHaveCountAsync(1);
        await AuditAsync("markets");

        await Page.GotoAsync($"/#/game/{game.Id}");
        await Expect(Page.Locator(".my-bets li")).ToHaveCountAsync(1);
        await AuditAsync("game");
        await Page.Locator("button.price").First.ClickAsync();
        await Expect(Page.Locator("dialog.ticket")).ToBeVisibleAsync();
        await AuditAsync("ticket");
        await Page.Keyboard.PressAsync("Escape");

        await Page.GotoAsync("/#/account");
        await Expect(Page.Locator(".orders tbody tr")).ToHaveCountAsync(1);
        await AuditAsync("account");

        await Page.GotoAsync("/#/admin");
        await AuditAsync("operator token form");
        await Page.GetByLabel("Operator token").FillAsync(TestServer.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the operator view" }).ClickAsync();
        await Expect(Page.Locator("tr[data-game-id]").First).ToBeVisibleAsync();
        await AuditAsync("operator");
    }
}
