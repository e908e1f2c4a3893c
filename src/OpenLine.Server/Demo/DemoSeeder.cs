using Microsoft.AspNetCore.Identity;
using OpenLine.Core;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Demo;

/// <summary>
/// Seeds a new store with demo users, NBA/NFL/soccer games, resting liquidity and one graded game,
/// through the same commands an operator, traders and a market maker would send.
/// </summary>
public sealed class DemoSeeder(Sequencer sequencer, TimeProvider time, ILogger<DemoSeeder> logger)
{
    /// <summary>Demo logins, printed at start: username → password.</summary>
    public static readonly IReadOnlyList<(string Username, string Password, decimal Balance)> Users =
    [
        ("alice", "alice-demo-pass", 10_000m),
        ("bob", "bob-demo-pass", 10_000m),
        ("maker", "maker-demo-pass", 1_000_000m),
    ];

    private readonly PasswordHasher<string> _passwords = new();

    public async Task SeedAsync()
    {
        bool isNew = await sequencer.QueryAsync(engine => engine.Accounts.Count == 0 && engine.Games.Count == 0).ConfigureAwait(false);
        if (!isNew)
        {
            return;
        }
        var accounts = new Dictionary<string, ObjectId>(StringComparer.Ordinal);
        foreach ((string username, string password, decimal balance) in Users)
        {
            CommandResult created = await ExecuteAsync(new CreateAccount(username, _passwords.HashPassword(username, password),
                Money.FromDecimal(balance), Money.Zero, CommissionRate.OnePercent)).ConfigureAwait(false);
            accounts[username] = ((AccountResult)created).Account.Id;
        }
        ObjectId maker = accounts["maker"];

        DateTimeOffset now = time.GetUtcNow();

        // A game that is played and graded while seeding, so the graded history has rows: alice takes the
        // Suns at +120 for $100 and bob the Mavericks −2.5 at −110 for $110 from the maker; it starts a
        // moment from now and is graded at the end (Suns 112-108): alice +$118.80, bob −$111.00.
        DateTimeOffset finishedStart = now.AddSeconds(1.5);
        GameIds suns = await GameAsync("NBA", "basketball", finishedStart, "PHOENIX SUNS VS DALLAS MAVERICKS",
            ("Phoenix Suns", "PHX"), ("Dallas Mavericks", "DAL")).ConfigureAwait(false);
        await QuoteAsync(maker, suns, MarketType.Moneyline, suns.Home, null, [(-120, 1_200m)]).ConfigureAwait(false);
        await QuoteAsync(maker, suns, MarketType.Spread, suns.Away, 2.5m, [(110, 1_000m)]).ConfigureAwait(false);
        await TakeAsync(accounts["alice"], new OrderRequest(suns.Id, MarketType.Moneyline, suns.Away, null, AmericanOdds.FromInt32(120),
            Money.FromDecimal(100m), null, OrderType.FillAndKill, null, "demo-history")).ConfigureAwait(false);
        await TakeAsync(accounts["bob"], new OrderRequest(suns.Id, MarketType.Spread, suns.Home, null, AmericanOdds.FromInt32(-110),
            Money.FromDecimal(110m), LineNumber.FromDecimal(-2.5m), OrderType.FillAndKill, null, "demo-history")).ConfigureAwait(false);

        DateTimeOffset tomorrow = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);

        // NBA: Celtics at Lakers, tomorrow 01:00 UTC. Fair: Celtics about 60%.
        GameIds celtics = await GameAsync("NBA", "basketball", tomorrow.AddHours(1), "BOSTON CELTICS VS LOS ANGELES LAKERS",
            ("Boston Celtics", "BOS"), ("Los Angeles Lakers", "LAL")).ConfigureAwait(false);
        await QuoteAsync(maker, celtics, MarketType.Moneyline, celtics.Home, null, [(160, 1_000m), (170, 2_500m), (185, 5_000m)]).ConfigureAwait(false);
        await QuoteAsync(maker, celtics, MarketType.Moneyline, celtics.Away, null, [(-140, 1_400m), (-130, 2_600m), (-120, 4_800m)]).ConfigureAwait(false);
        await QuoteAsync(maker, celtics, MarketType.Spread, celtics.Away, -3.5m, [(105, 1_000m), (115, 3_000m)]).ConfigureAwait(false);
        await QuoteAsync(maker, celtics, MarketType.Spread, celtics.Home, 3.5m, [(105, 1_000m), (115, 3_000m)]).ConfigureAwait(false);
        await QuoteAsync(maker, celtics, MarketType.Total, "over", 224.5m, [(104, 1_000m), (112, 2_000m)]).ConfigureAwait(false);
        await QuoteAsync(maker, celtics, MarketType.Total, "under", 224.5m, [(104, 1_000m), (112, 2_000m)]).ConfigureAwait(false);

        // NBA: Nuggets at Warriors, two hours later.
        GameIds nuggets = await GameAsync("NBA", "basketball", tomorrow.AddHours(3.5), "DENVER NUGGETS VS GOLDEN STATE WARRIORS",
            ("Denver Nuggets", "DEN"), ("Golden State Warriors", "GSW")).ConfigureAwait(false);
        await QuoteAsync(maker, nuggets, MarketType.Moneyline, nuggets.Home, null, [(105, 1_500m), (115, 3_000m)]).ConfigureAwait(false);
        await QuoteAsync(maker, nuggets, MarketType.Moneyline, nuggets.Away, null, [(105, 1_500m), (115, 3_000m)]).ConfigureAwait(false);

        // NFL: Bills at Chiefs. The first quote is the seed page's Scenario 2: an offer of +185 for 100 on
        // the Bills, so a limit of 300 at −185 on the Chiefs matches 185 and rests 115 (see README).
        GameIds bills = await GameAsync("NFL", "football", tomorrow.AddDays(2).AddHours(1.5), "BUFFALO BILLS VS KANSAS CITY CHIEFS",
            ("Buffalo Bills", "BUF"), ("Kansas City Chiefs", "KC")).ConfigureAwait(false);
        await QuoteAsync(maker, bills, MarketType.Moneyline, bills.Away, null, [(185, 100m), (200, 2_000m)]).ConfigureAwait(false);
        await QuoteAsync(maker, bills, MarketType.Moneyline, bills.Home, null, [(-240, 2_400m), (-225, 4_500m)]).ConfigureAwait(false);
        await QuoteAsync(maker, bills, MarketType.Spread, bills.Away, 6.5m, [(105, 1_000m), (112, 2_500m)]).ConfigureAwait(false);
        await QuoteAsync(maker, bills, MarketType.Spread, bills.Home, -6.5m, [(105, 1_000m), (112, 2_500m)]).ConfigureAwait(false);
        await QuoteAsync(maker, bills, MarketType.Total, "over", 47.5m, [(105, 1_000m)]).ConfigureAwait(false);
        await QuoteAsync(maker, bills, MarketType.Total, "under", 47.5m, [(105, 1_000m)]).ConfigureAwait(false);

        // Soccer (EPL): Chelsea at Arsenal, with the three 1x2 markets.
        GameIds arsenal = await GameAsync("EPL", "soccer", tomorrow.AddDays(1).AddHours(15), "CHELSEA VS ARSENAL",
            ("Chelsea", "CHE"), ("Arsenal", "ARS")).ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Moneyline1x2, "no", null, [(-120, 600m), (-110, 1_100m)], market: arsenal.Home).ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Moneyline1x2, "yes", null, [(-140, 700m)], market: arsenal.Home).ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Moneyline1x2, "no", null, [(-300, 900m)], market: arsenal.Away).ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Moneyline1x2, "yes", null, [(240, 250m)], market: arsenal.Away).ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Moneyline1x2, "no", null, [(-280, 840m)], market: "draw").ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Moneyline1x2, "yes", null, [(220, 300m)], market: "draw").ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Total, "over", 2.5m, [(-105, 1_050m)]).ConfigureAwait(false);
        await QuoteAsync(maker, arsenal, MarketType.Total, "under", 2.5m, [(-115, 1_150m)]).ConfigureAwait(false);

        // A game in play: Heat at Knicks, started half an hour ago and marked live (NBA live delay 5 s).
        GameIds heat = await GameAsync("NBA", "basketball", now.AddMinutes(-30), "MIAMI HEAT VS NEW YORK KNICKS",
            ("Miami Heat", "MIA"), ("New York Knicks", "NYK")).ConfigureAwait(false);
        await ExecuteAsync(new SetGameLive(heat.Id, true)).ConfigureAwait(false);
        await QuoteAsync(maker, heat, MarketType.Moneyline, heat.Home, null, [(125, 1_000m)], expirationMinutes: 10_080).ConfigureAwait(false);
        await QuoteAsync(maker, heat, MarketType.Moneyline, heat.Away, null, [(-110, 1_100m)], expirationMinutes: 10_080).ConfigureAwait(false);

        TimeSpan untilStart = finishedStart - time.GetUtcNow();
        if (untilStart > TimeSpan.Zero)
        {
            await Task.Delay(untilStart + TimeSpan.FromMilliseconds(50), time).ConfigureAwait(false);
        }
        await ExecuteAsync(new GradeGame(suns.Id, 112, 108)).ConfigureAwait(false);

        logger.LogInformation("Demo data seeded: {Users} users, 5 open games with resting liquidity and 1 graded game", Users.Count);
    }

    private readonly record struct GameIds(ObjectId Id, string Away, string Home);

    private async Task<GameIds> GameAsync(string league, string sport, DateTimeOffset start, string eventName,
        (string Long, string Short) away, (string Long, string Short) home)
    {
        CommandResult result = await ExecuteAsync(new CreateGame(league, sport, start.ToUnixTimeMilliseconds(), eventName,
            new ParticipantSpec(away.Long, away.Short), new ParticipantSpec(home.Long, home.Short))).ConfigureAwait(false);
        return await sequencer.QueryAsync(_ =>
        {
            Game game = ((GameResult)result).Game;
            return new GameIds(game.Id, game.Away.Id.ToString(), game.Home.Id.ToString());
        }).ConfigureAwait(false);
    }

    /// <summary>Posts the maker's own orders on <paramref name="side"/>: (maker odds, stake) per level.</summary>
    private async Task QuoteAsync(ObjectId maker, GameIds game, MarketType type, string side, decimal? number,
        (int Odds, decimal Stake)[] levels, string? market = null, int? expirationMinutes = null)
    {
        var orders = levels.Select(l => new OrderRequest(game.Id, type, side, market, AmericanOdds.FromInt32(l.Odds),
            Money.FromDecimal(l.Stake), number is { } n ? LineNumber.FromDecimal(n) : null, OrderType.Post, expirationMinutes,
            "demo-liquidity")).ToList();
        CommandResult result = await ExecuteAsync(new PlaceOrders(maker, orders)).ConfigureAwait(false);
        foreach (OrderOutcome outcome in ((PlaceResult)result).Outcomes)
        {
            if (outcome is OrderRejected rejected)
            {
                throw new InvalidOperationException($"Demo quote rejected: {rejected.Message}");
            }
        }
    }

    private async Task TakeAsync(ObjectId account, OrderRequest order)
    {
        CommandResult result = await ExecuteAsync(new PlaceOrders(account, [order])).ConfigureAwait(false);
        if (((PlaceResult)result).Outcomes[0] is not OrderAccepted { Fills.Count: > 0 })
        {
            throw new InvalidOperationException($"Demo bet did not match: {((PlaceResult)result).Outcomes[0]}");
        }
    }

    private Task<CommandResult> ExecuteAsync(Command command) => sequencer.ExecuteAsync(command, static (_, r) => r);
}
