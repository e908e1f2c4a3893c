using Microsoft.Playwright;
using OpenLine.Server.Tests.Kit;
using static Microsoft.Playwright.Assertions;

namespace OpenLine.Server.Tests.Browser;

/// <summary>
/// Regenerates the README's picture of the game page, docs/images/game-page.png, from a server with
/// the demo data (market maker off, so the seeded ladders stay put). Not part of a normal run:
/// <c>dotnet test --project tests/OpenLine.Server.Tests -- --filter-class "*ReadmeScreenshot" --explicit only</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshot(BrowserFixture browser)
{
    [Fact(Explicit = true)]
    public async Task Game_page_with_demo_data()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:Demo=true", "--OpenLine:DemoBotIntervalSeconds=0");
        await using IBrowserContext context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
        });
        IPage page = await context.NewPageAsync();
        await page.GotoAsync("/#/league/NBA");
        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-demo-pass");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Boston Celtics @ Los Angeles Lakers" }).ClickAsync();
        await Expect(page.Locator("#feed-status")).ToHaveAttributeAsync("data-state", "open");

        // Take $100 of the Lakers at the best price, so the page shows a fill in "My bets" too.
        await page.Locator("[data-market=moneyline] [data-ladder] >> nth=1").Locator("button.price").First.ClickAsync();
        await page.Locator("dialog.ticket").GetByLabel("Stake ($)").FillAsync("100");
        await page.Locator("dialog.ticket").GetByRole(AriaRole.Button, new() { Name = "Take offers" }).ClickAsync();
        await Expect(page.Locator(".my-bets li")).ToHaveCountAsync(1);
        await page.Mouse.MoveAsync(0, 0);
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.WaitForTimeoutAsync(900); // the ladder's change highlight fades

        string path = Path.Combine(Repository.Root, "docs", "images", "game-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        TestContext.Current.SendDiagnosticMessage($"Wrote {path}");
    }
}
