using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OpenLine.Server.Tests.Kit;
using static Microsoft.Playwright.Assertions;

namespace OpenLine.Server.Tests.Browser;

/// <summary>The trading page in Chromium (issue 8): log in, markets, a game's ladders live from the price feed, take and post.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TradingPageTests(BrowserFixture browser, ServerFixture server) : PageTest(browser, server), IClassFixture<ServerFixture>
{
    private static object Order(ExchangeSetup.GameInfo game, string type, string side, int odds, decimal bet, decimal? number = null, string? market = null) =>
        new { gameID = game.Id, type, side, odds, bet, number, market, orderType = "post" };

    [Fact]
    public async Task Logging_in_keeps_the_token_only_in_the_http_only_auth_cookie_and_survives_a_reload()
    {
        ExchangeSetup.User alice = await Server.CreateUserAsync(balance: 1_234.5m);

        await LogInAsync(alice);
        IReadOnlyList<BrowserContextCookiesResult> cookies = await Context.CookiesAsync();
        int stored = await Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length");
        string scriptCookies = await Page.EvaluateAsync<string>("() => document.cookie");

        BrowserContextCookiesResult auth = Assert.Single(cookies, c => c.Name == "auth");
        Assert.True(auth.HttpOnly, "the auth cookie must be HttpOnly");
        Assert.Equal(SameSiteAttribute.Lax, auth.SameSite);
        Assert.Equal(0, stored);
        Assert.DoesNotContain("auth", scriptCookies, StringComparison.Ordinal);
        await Expect(Page.Locator("#who")).ToContainTextAsync("$1,234.50");

        await Page.ReloadAsync();
        await Expect(Page.Locator("#who")).ToContainTextAsync(alice.Username);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Upcoming games" })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name == "auth");
        OpenLineClient.Response me = await alice.Client.GetAsync("/user/getMe");
        Assert.Equal(200, (int)me.Status); // logging out of the page revokes only the page's own token
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_plain_words_on_the_login_form()
    {
        ExchangeSetup.User alice = await Server.CreateUserAsync();

        await Page.GotoAsync("/");
        await Page.GetByLabel("Username").FillAsync(alice.Username);
        await Page.GetByLabel("Password").FillAsync("not-the-password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");
        await Expect(Page.GetByLabel("Password")).ToBeFocusedAsync();
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name == "auth");
    }

    [Fact]
    public async Task The_markets_list_shows_start_time_a_live_badge_with_the_leagues_bet_delay_and_matched_volume_updating_live()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync(league: "TESTLIVE", away: "Lions", home: "Tigers");
        await Server.SetLiveAsync(game.Id, true);
        ExchangeSetup.User maker = await Server.CreateUserAsync();
        ExchangeSetup.User taker = await Server.CreateUserAsync();
        ExchangeSetup.User viewer = await Server.CreateUserAsync();
        await maker.PlaceAsync(Order(game, "moneyline", game.AwayId, 150, 200));
        await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 150, "fillAndKill"));
        decimal volume = await MatchedVolumeAsync(viewer, game);

        await LogInAsync(viewer, "/#/league/TESTLIVE");
        await FeedsLiveAsync();
        ILocator card = Page.Locator($"li.game-card[data-game-id=\"{game.Id}\"]");

        await Expect(card.GetByRole(AriaRole.Link)).ToContainTextAsync("Lions");
        await Expect(card.Locator("time")).ToHaveAttributeAsync("datetime", game.Json["start"]!.GetValue<string>());
        await Expect(card.GetByTestId("live-badge")).ToHaveTextAsync("Live · 0.4 s bet delay");
        Assert.True(volume > 0);
        await Expect(card.GetByTestId("matched-volume")).ToHaveTextAsync($"{Dollars(volume)} matched");

        // Another fill while the page is open: the card follows the price feed's matchedVolumeUpdate.
        await taker.PlaceAsync(ExchangeSetup.Moneyline(game, game.HomeId, -150, 150, "fillAndKill"));
        decimal after = await MatchedVolumeAsync(viewer, game);
        Assert.True(after > volume);
        await Expect(card.GetByTestId("matched-volume")).ToHaveTextAsync($"{Dollars(after)} matched");
    }

    [Fact]
    public async Task An_offer_another_user_posts_over_the_api_appears_on_the_open_game_page_without_a_reload()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User maker = await Server.CreateUserAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await LogInAsync(alice, $"/#/game/{game.Id}");
        await FeedsLiveAsync();
        string homeLadder = $"moneyline|{game.HomeId}";
        await Expect(Ladder(homeLadder)).ToContainTextAsync("No offers");
        int navigations = 0;
        Page.FrameNavigated += (_, frame) => navigations += frame == Page.MainFrame ? 1 : 0;

        // The maker backs the away side at +150 for $200: a taker of the home side gets −150 for up to $300.
        await maker.PlaceAsync(Order(game, "moneyline", game.AwayId, 150, 200));

        ILocator level = Level(homeLadder, -150);
        await Expect(level).ToBeVisibleAsync();
        await Expect(level.Locator("button.price")).ToHaveTextAsync("−150");
        await Expect(level.Locator(".size")).ToHaveTextAsync("$300.00");
        await Expect(level.Locator("button.price")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Take .* at −150: \\$300\\.00 available$"));
        Assert.Equal(0, navigations);

        // A better offer goes above it (best first); the away ladder stays empty.
        await maker.PlaceAsync(Order(game, "moneyline", game.AwayId, 140, 100));
        await Expect(Ladder(homeLadder).Locator("li.level")).ToHaveCountAsync(2);
        await Expect(Ladder(homeLadder).Locator("li.level").First).ToHaveAttributeAsync("data-odds", "-140");
        await Expect(Ladder($"moneyline|{game.AwayId}")).ToContainTextAsync("No offers");
    }

    [Fact]
    public async Task Clicking_a_price_takes_it_after_showing_risk_win_and_commission_and_the_fill_shows_in_my_bets_while_the_ladder_shrinks()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User maker = await Server.CreateUserAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await maker.PlaceAsync(Order(game, "moneyline", game.AwayId, 150, 200));
        string homeLadder = $"moneyline|{game.HomeId}";
        await LogInAsync(alice, $"/#/game/{game.Id}");
        await FeedsLiveAsync();

        await Level(homeLadder, -150).Locator("button.price").ClickAsync();
        ILocator ticket = Page.Locator("dialog.ticket");
        await Expect(ticket).ToBeVisibleAsync();
        await Expect(ticket.GetByLabel("Stake ($)")).ToHaveValueAsync("300.00"); // everything offered at −150
        await Expect(ticket.GetByLabel("Odds (American)")).ToHaveValueAsync("−150");
        await Expect(ticket.GetByLabel("Take offers now")).ToBeCheckedAsync();
        await ticket.GetByLabel("Stake ($)").FillAsync("150");

        // $150 at −150 wins $100; 1% commission: $1 (of the smaller of stake and win) if it loses, $1 (of the win) if it wins.
        ILocator summary = ticket.Locator(".ticket-summary");
        await Expect(summary.Locator(".figures div").Nth(0)).ToContainTextAsync("You risk$151.00");
        await Expect(summary.Locator(".figures div").Nth(1)).ToContainTextAsync("You win$99.00");
        await Expect(summary.Locator(".figures div").Nth(2)).ToContainTextAsync("Commission1%");
        await Expect(summary).ToContainTextAsync("$300.00 is offered at −150 or better.");
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Take offers" }).ClickAsync();

        await Expect(ticket).ToBeHiddenAsync();
        await Expect(Page.Locator("ol.activity li").First).ToContainTextAsync("Matched $150.00 on Home Team");
        await Expect(Page.Locator("ol.activity li").First).ToContainTextAsync("you risk $151.00 to win $99.00");
        await Expect(Page.Locator(".my-bets li")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".my-bets li")).ToContainTextAsync("Stake $150.00 · risk $151.00 · to win $99.00 · you took it");
        await Expect(Level(homeLadder, -150).Locator(".size")).ToHaveTextAsync("$150.00");
        await Expect(Page.GetByTestId("matched-volume").First).Not.ToHaveTextAsync("$0 matched");

        JsonArray bets = (await alice.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray();
        JsonNode bet = Assert.Single(bets)!;
        Assert.Equal(150m, bet["bet"]!.GetValue<decimal>());
        Assert.Equal(-150, bet["odds"]!.GetValue<int>());
        Assert.Equal("151.00", bet["risk"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_oversized_stake_is_refused_with_the_available_balance_in_plain_words()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User maker = await Server.CreateUserAsync();
        ExchangeSetup.User small = await Server.CreateUserAsync(balance: 50m);
        await maker.PlaceAsync(Order(game, "moneyline", game.AwayId, 150, 200));
        string homeLadder = $"moneyline|{game.HomeId}";
        await LogInAsync(small, $"/#/game/{game.Id}");
        await FeedsLiveAsync();

        await Level(homeLadder, -150).Locator("button.price").ClickAsync();
        ILocator ticket = Page.Locator("dialog.ticket");
        await ticket.GetByLabel("Stake ($)").FillAsync("300");
        await Expect(ticket.Locator(".notes")).ToContainTextAsync("you have $50.00 available, so the exchange will refuse it");
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Take offers" }).ClickAsync();

        ILocator error = ticket.GetByRole(AriaRole.Alert);
        await Expect(error).ToContainTextAsync("Insufficient balance: you have $50.00 available (balance $50.00, open liability $0.00).");
        await Expect(ticket).ToBeVisibleAsync(); // stays open to lower the stake
        await Expect(Level(homeLadder, -150).Locator(".size")).ToHaveTextAsync("$300.00");
        Assert.Empty((await small.Client.GetAsync("/user/getMatchedBets")).Data["matchedBets"]!.AsArray());

        // A post below the $10 minimum is refused before anything is sent.
        await ticket.GetByLabel("Post an offer").CheckAsync();
        await ticket.GetByLabel("Stake ($)").FillAsync("5");
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Post offer" }).ClickAsync();
        await Expect(error).ToHaveTextAsync("Offers must be at least $10.00.");
        await Expect(ticket.GetByLabel("Stake ($)")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Posting_an_offer_from_the_ticket_rests_it_on_the_book_and_cancelling_it_removes_it_from_the_book_and_my_orders()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        ExchangeSetup.User watcher = await Server.CreateUserAsync();
        await LogInAsync(alice, $"/#/game/{game.Id}");
        await FeedsLiveAsync();

        await Ladder($"moneyline|{game.AwayId}").GetByRole(AriaRole.Button, new() { Name = "Post an offer on Away Team" }).ClickAsync();
        ILocator ticket = Page.Locator("dialog.ticket");
        await Expect(ticket.GetByLabel("Post an offer")).ToBeCheckedAsync();
        await ticket.GetByLabel("Odds (American)").FillAsync("+120");
        await ticket.GetByLabel("Stake ($)").FillAsync("50");
        await Expect(ticket.Locator(".ticket-summary")).ToContainTextAsync("Takers will see: Home Team");
        await Expect(ticket.Locator(".ticket-summary")).ToContainTextAsync("at −120.");
        await Expect(ticket.Locator(".figures div").Nth(1)).ToContainTextAsync("You win$60.00");
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Post offer" }).ClickAsync();

        await Expect(Page.Locator("ol.activity li").First).ToContainTextAsync("Offer posted: Away Team");
        ILocator level = Level($"moneyline|{game.HomeId}", -120);
        await Expect(level.Locator(".size")).ToHaveTextAsync("$60.00");
        await Expect(level).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("yours"));
        ILocator myOrder = Page.Locator(".my-orders li");
        await Expect(myOrder).ToContainTextAsync("moneyline +120");
        await Expect(myOrder).ToContainTextAsync("$50.00 open");
        JsonNode open = Assert.Single((await watcher.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!["homeMoneylines"]!.AsArray())!;
        Assert.Equal(-120, open["odds"]!.GetValue<int>());

        await myOrder.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Expect(Page.Locator("ol.activity li").First).ToContainTextAsync("Cancelled");
        await Expect(Page.Locator("ol.activity li").First).ToContainTextAsync("$50.00 is free again");
        await Expect(level).ToHaveCountAsync(0);
        await Expect(Page.Locator(".my-orders")).ToHaveTextAsync("No open orders.");
        Assert.Empty((await alice.Client.GetAsync("/user/getUnmatched")).Data["unmatched"]!.AsArray());
    }

    [Fact]
    public async Task A_soccer_game_shows_every_market_each_spread_and_total_line_and_the_three_1x2_markets()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync(league: "SOCCERTEST", sport: "soccer", away: "Rovers", home: "United");
        ExchangeSetup.User maker = await Server.CreateUserAsync();
        await maker.PlaceAsync(
            Order(game, "spread", game.AwayId, -110, 110, number: -1.5m),   // takers: home +1.5 at +110
            Order(game, "spread", game.HomeId, 105, 100, number: -0.5m),    // takers: away +0.5 at −105
            Order(game, "total", "over", -120, 120, number: 2.5m),          // takers: under 2.5 at +120
            Order(game, "total", "under", 110, 100, number: 3.5m),          // takers: over 3.5 at −110
            Order(game, "moneyline1x2", "no", -300, 300, market: "draw"),   // takers: draw yes at +300
            Order(game, "moneyline", game.HomeId, 130, 100));               // takers: away at −130
        ExchangeSetup.User alice = await Server.CreateUserAsync();

        await LogInAsync(alice, $"/#/game/{game.Id}");

        await Expect(Page.Locator("[data-market=moneyline]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-market=spread]")).ToHaveCountAsync(2);
        await Expect(Page.Locator("[data-market=total]")).ToHaveCountAsync(2);
        await Expect(Page.Locator("[data-market=moneyline1x2]")).ToHaveCountAsync(3);
        await Expect(Level($"spread|{game.HomeId}|1.5", 110)).ToBeVisibleAsync();
        await Expect(Level($"spread|{game.AwayId}|0.5", -105)).ToBeVisibleAsync();
        await Expect(Level($"total|under|2.5", 120)).ToBeVisibleAsync();
        await Expect(Level($"total|over|3.5", -110)).ToBeVisibleAsync();
        await Expect(Level("moneyline1x2|draw|yes", 300).Locator(".size")).ToHaveTextAsync("$100.00");
        await Expect(Level($"moneyline|{game.AwayId}", -130)).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-market=spread] h2").First).ToHaveTextAsync("Spread −1.5 / +1.5");
        await Expect(Page.Locator("[data-market=moneyline1x2] h2")).ToHaveTextAsync(["1X2: Rovers " + Suffix(game) + " to win", "1X2: Draw", "1X2: United " + Suffix(game) + " to win"]);

        // Taking 1x2 "draw: yes" sends moneyline1x2 / yes / market draw, at the taker's price.
        await Level("moneyline1x2|draw|yes", 300).Locator("button.price").ClickAsync();
        ILocator ticket = Page.Locator("dialog.ticket");
        await Expect(ticket.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Take: Draw: yes");
        await ticket.GetByLabel("Stake ($)").FillAsync("40");
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Take offers" }).ClickAsync();
        await Expect(Page.Locator(".my-bets li")).ToContainTextAsync("Draw: yes +300");
        await Expect(Level("moneyline1x2|draw|yes", 300).Locator(".size")).ToHaveTextAsync("$60.00");
    }

    [Fact]
    public async Task An_offer_on_a_spread_line_nobody_offers_yet_creates_that_line_on_the_page()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await LogInAsync(alice, $"/#/game/{game.Id}");
        await FeedsLiveAsync();
        await Expect(Page.Locator("[data-market=spread]")).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Post a spread offer" }).ClickAsync();
        ILocator ticket = Page.Locator("dialog.ticket");
        await Expect(ticket.GetByLabel("Line")).ToHaveValueAsync("−1.5");
        await ticket.GetByLabel("Side").SelectOptionAsync(new SelectOptionValue { Value = game.HomeId });
        await Expect(ticket.GetByLabel("Line")).ToHaveValueAsync("+1.5"); // a line is from the chosen side's view
        await ticket.GetByLabel("Odds (American)").FillAsync("105");
        await ticket.GetByLabel("Stake ($)").FillAsync("20");
        await Expect(ticket.GetByRole(AriaRole.Heading)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Post an offer: Home Team .* \\+1\\.5$"));
        await ticket.GetByRole(AriaRole.Button, new() { Name = "Post offer" }).ClickAsync();

        // Alice backs the home side +1.5 at +105: takers of the away side −1.5 get −105 for up to $21.
        await Expect(Page.Locator("[data-market=spread] h2")).ToHaveTextAsync("Spread −1.5 / +1.5");
        await Expect(Level($"spread|{game.AwayId}|-1.5", -105).Locator(".size")).ToHaveTextAsync("$21.00");
        JsonNode order = Assert.Single((await alice.Client.GetAsync("/user/getUnmatched")).Data["unmatched"]!.AsArray())!;
        Assert.Equal(("spread", 1.5m, 105, game.HomeId), (order["type"]!.GetValue<string>(), order["spread"]!.GetValue<decimal>(), order["odds"]!.GetValue<int>(), order["participantID"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_price_can_be_taken_with_the_keyboard_alone_and_focus_returns_to_it()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync();
        ExchangeSetup.User maker = await Server.CreateUserAsync();
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await maker.PlaceAsync(Order(game, "moneyline", game.HomeId, 120, 100));
        string awayLadder = $"moneyline|{game.AwayId}";
        await LogInAsync(alice, $"/#/game/{game.Id}");
        await FeedsLiveAsync();
        ILocator price = Level(awayLadder, -120).Locator("button.price");
        await Expect(price).ToBeVisibleAsync();

        // Tab through the page until the price has focus: it is reachable in the normal tab order.
        for (int i = 0; i < 40 && !await price.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }
        await Expect(price).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        ILocator ticket = Page.Locator("dialog.ticket");
        await Expect(ticket.GetByLabel("Stake ($)")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(ticket).ToBeHiddenAsync();
        await Expect(price).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("Enter");
        await Expect(ticket.GetByLabel("Stake ($)")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync("24");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(ticket).ToBeHiddenAsync();
        await Expect(Page.Locator("ol.activity li").First).ToContainTextAsync("Matched $24.00");
        await Expect(Level(awayLadder, -120).Locator(".size")).ToHaveTextAsync("$96.00");
        await Expect(Level(awayLadder, -120).Locator("button.price")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_pages_fit_a_phone_width_screen_without_sideways_scrolling()
    {
        ExchangeSetup.GameInfo game = await Server.CreateGameAsync(league: "PHONETEST", away: "Very Long Franchise Name Away", home: "Another Rather Long Home Name");
        ExchangeSetup.User maker = await Server.CreateUserAsync(balance: 1_000_000m);
        ExchangeSetup.User alice = await Server.CreateUserAsync();
        await maker.PlaceAsync(Order(game, "moneyline", game.HomeId, 12_000, 100_000), Order(game, "spread", game.AwayId, -110, 110, number: -10.5m),
            Order(game, "total", "over", -110, 110, number: 224.5m));
        await alice.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, -12_000, 1_000, "fillAndKill"), Order(game, "total", "under", 105, 100, number: 230.5m));
        await Page.SetViewportSizeAsync(375, 740);
        await LogInAsync(alice);

        foreach (string path in new[] { $"/#/game/{game.Id}", "/#/league/PHONETEST", "/#/account", "/#/admin" })
        {
            await Page.GotoAsync(path);
            await Expect(Page.Locator("h1")).ToBeVisibleAsync();
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            int width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{path} is {width} px wide on a 375 px screen");
        }
        await Page.GotoAsync($"/#/game/{game.Id}");
        ILocator price = Level($"moneyline|{game.AwayId}", -12_000).Locator("button.price");
        await Expect(price).ToBeInViewportAsync();
        LocatorBoundingBoxResult box = (await price.BoundingBoxAsync())!;
        Assert.True(box.Height >= 36, $"a price button is {box.Height} px tall: too small to tap");
    }

    private static async Task<decimal> MatchedVolumeAsync(ExchangeSetup.User user, ExchangeSetup.GameInfo game) =>
        (await user.Client.GetAsync($"/exchange/v2/getOrderbook?gameID={game.Id}")).Data["games"]![0]!["matchedVolume"]!.GetValue<decimal>();

    /// <summary>Whole dollars as the page writes volumes: $1,235.</summary>
    private static string Dollars(decimal amount) => amount.ToString("$#,##0", CultureInfo.InvariantCulture);

    /// <summary>The unique suffix the test kit appends to team names.</summary>
    private static string Suffix(ExchangeSetup.GameInfo game) => game.Json["participants"]![0]!["longName"]!.GetValue<string>().Split(' ')[^1];
}
