using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// Grading and voids through the operator API (rules §7, §10) and the ledger views (§9). The
/// figures are the seed's Scenario 2 fill: maker home +185 for $100, taker away −185 for $185
/// (A = 185, G = 100), taker commission 1%.
/// </summary>
public sealed class GradingEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Grading_pays_the_winner_charges_the_taker_commission_and_shows_the_score()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        decimal commissionBefore = (await fixture.LedgerAsync())["commission"].Num();

        JsonNode graded = await fixture.GradeAsync(bet.Game.Id, 3, 1); // away wins: the taker's side

        Assert.Equal((1, true), (graded["betsSettled"]!.GetValue<int>(), graded["changed"]!.GetValue<bool>()));
        JsonNode game = graded["game"]!;
        Assert.True(game["ended"]!.GetValue<bool>());
        Assert.Equal((3m, 1m), (game["participants"]![0]!["score"].Num(), game["participants"]![1]!["score"].Num()));
        Assert.Equal(10_099m, await bet.Taker.BalanceAsync()); // + G − c·G = 100 − 1
        Assert.Equal(9_900m, await bet.Maker.BalanceAsync()); // − G
        Assert.Equal(commissionBefore + 1m, (await fixture.LedgerAsync())["commission"].Num());
        Assert.Equal(0m, (await bet.Taker.MeAsync())["liability"].Num()); // the bet no longer counts as exposure
        Assert.Equal(0m, (await bet.Maker.MeAsync())["liability"].Num());
    }

    [Fact]
    public async Task A_new_score_regrades_by_reversing_the_old_settlement()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        decimal commissionBefore = (await fixture.LedgerAsync())["commission"].Num();
        await fixture.GradeAsync(bet.Game.Id, 3, 1);

        JsonNode regraded = await fixture.GradeAsync(bet.Game.Id, 1, 3); // home wins after all: the maker's side

        Assert.Equal((1, true), (regraded["betsSettled"]!.GetValue<int>(), regraded["changed"]!.GetValue<bool>()));
        Assert.Equal((1m, 3m), (regraded["game"]!["participants"]![0]!["score"].Num(), regraded["game"]!["participants"]![1]!["score"].Num()));
        Assert.Equal(9_814m, await bet.Taker.BalanceAsync()); // − A − c·min(A, G) = −185 − 1
        Assert.Equal(10_185m, await bet.Maker.BalanceAsync()); // + A
        Assert.Equal(commissionBefore + 1m, (await fixture.LedgerAsync())["commission"].Num()); // the win's 1 reversed, the loss's 1 charged
        JsonNode settlement = (await fixture.Admin.GetAsync($"/admin/bets/{bet.TxId}")).Data["settlement"]!;
        Assert.Equal(("loser", "winner"), (settlement["takerOutcome"].Str(), settlement["makerOutcome"].Str()));
    }

    [Fact]
    public async Task A_regrade_that_takes_back_withdrawn_winnings_names_the_account_it_left_owing_and_the_ledger_lists_it()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        JsonNode first = await fixture.GradeAsync(bet.Game.Id, 3, 1); // the taker wins: 10,000 + 100 − 1
        OpenLineClient.Response withdrawn = await fixture.Admin.PostAsync($"/admin/users/{bet.Taker.Id}/withdraw", new { amount = 10_099 });
        Assert.True(withdrawn.Status == HttpStatusCode.OK, withdrawn.Raw);

        JsonNode regraded = await fixture.GradeAsync(bet.Game.Id, 1, 3);

        Assert.Empty(first["overdrawn"]!.AsArray()); // a first result never leaves anyone owing
        // Reversal −100 + 1, then the loss −185 − 1: 0 − 285.
        JsonNode owing = Assert.Single(regraded["overdrawn"]!.AsArray())!;
        Assert.Equal((bet.Taker.Id, bet.Taker.Username, -285m, -285m),
            (owing["id"].Str(), owing["username"].Str(), owing["balance"].Num(), owing["available"].Num()));
        JsonNode ledger = await fixture.LedgerAsync();
        Assert.True(ledger["identityHolds"]!.GetValue<bool>());
        Assert.Contains(ledger["overdrawn"]!.AsArray(), a => a!["id"].Str() == bet.Taker.Id && a["available"].Num() == -285m);

        await fixture.Admin.PostAsync($"/admin/users/{bet.Taker.Id}/deposit", new { amount = 285 }); // the debt paid

        Assert.DoesNotContain((await fixture.LedgerAsync())["overdrawn"]!.AsArray(), a => a!["id"].Str() == bet.Taker.Id);
    }

    [Fact]
    public async Task The_same_score_twice_changes_nothing()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        long entries = (long)(await fixture.LedgerAsync())["entries"].Num();

        JsonNode again = await fixture.GradeAsync(bet.Game.Id, 3, 1);

        Assert.Equal((0, false), (again["betsSettled"]!.GetValue<int>(), again["changed"]!.GetValue<bool>()));
        Assert.Equal(10_099m, await bet.Taker.BalanceAsync());
        Assert.Equal(entries, (long)(await fixture.LedgerAsync())["entries"].Num());
    }

    [Fact]
    public async Task A_void_refunds_both_sides_even_after_a_grading_and_a_second_void_changes_nothing()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        decimal commissionBefore = (await fixture.LedgerAsync())["commission"].Num();
        await fixture.GradeAsync(bet.Game.Id, 3, 1);

        JsonNode voided = await fixture.VoidAsync(bet.Game.Id);
        JsonNode again = await fixture.VoidAsync(bet.Game.Id);

        Assert.Equal((1, true), (voided["betsSettled"]!.GetValue<int>(), voided["changed"]!.GetValue<bool>()));
        Assert.True(voided["game"]!["ended"]!.GetValue<bool>());
        Assert.All(voided["game"]!["participants"]!.AsArray(), p => Assert.False(p!.AsObject().ContainsKey("score"))); // a void has no score
        Assert.Equal((0, false), (again["betsSettled"]!.GetValue<int>(), again["changed"]!.GetValue<bool>()));
        Assert.Equal(10_000m, await bet.Taker.BalanceAsync());
        Assert.Equal(10_000m, await bet.Maker.BalanceAsync());
        Assert.Equal(commissionBefore, (await fixture.LedgerAsync())["commission"].Num());
        JsonNode settlement = (await fixture.Admin.GetAsync($"/admin/bets/{bet.TxId}")).Data["settlement"]!;
        Assert.Equal(("refunded", true, 0m), (settlement["takerOutcome"].Str(), settlement["adminRefund"]!.GetValue<bool>(), settlement["fee"].Num()));
    }

    [Fact]
    public async Task The_admin_bet_view_carries_the_settlement_once_graded()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        JsonNode before = (await fixture.Admin.GetAsync($"/admin/bets/{bet.TxId}")).Data;

        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        JsonNode after = (await fixture.Admin.GetAsync($"/admin/bets/{bet.TxId}")).Data;

        Assert.Null(before["settlement"]);
        JsonNode s = after["settlement"]!;
        Assert.Equal(("winner", "loser"), (s["takerOutcome"].Str(), s["makerOutcome"].Str()));
        Assert.Equal((100m, 0m, 1m), (s["makerToTaker"].Num(), s["takerToMaker"].Num(), s["fee"].Num()));
        Assert.Equal((99m, -100m), (s["takerResult"].Num(), s["makerResult"].Num()));
        Assert.False(s["adminRefund"]!.GetValue<bool>());
        Assert.True(DateTimeOffset.Parse(s["settledAt"].Str(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_graded_game_takes_no_orders_and_its_open_orders_are_cancelled()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        string resting = (await bet.Maker.PlaceAsync(ExchangeSetup.Moneyline(bet.Game, bet.Game.AwayId, 150, 50, "post")))[0]!["unmatched"]!["orderID"].Str();

        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        JsonNode rejected = (await bet.Taker.PlaceAsync(ExchangeSetup.Moneyline(bet.Game, bet.Game.HomeId, -150, 20)))[0]!;
        JsonNode order = (await fixture.Admin.GetAsync($"/admin/orders/{resting}")).Data;

        Assert.Equal(("validation_error", "game is not open for betting"), (rejected["errorType"].Str(), rejected["error"].Str()));
        Assert.Equal(("cancelled", "MarketClosed"), (order["state"].Str(), order["cancelReason"].Str()));
        Assert.Equal(0m, (await bet.Maker.MeAsync())["liability"].Num());
    }

    [Theory]
    [InlineData("{}", "awayScore is required")]
    [InlineData("{\"awayScore\":3}", "homeScore is required")]
    [InlineData("{\"awayScore\":\"3\",\"homeScore\":1}", "awayScore must be a whole number")]
    [InlineData("{\"awayScore\":2.5,\"homeScore\":1}", "awayScore must be a whole number")]
    [InlineData("{\"awayScore\":3,\"homeScore\":-1}", "homeScore must be a whole number")]
    [InlineData("{\"awayScore\":3,\"homeScore\":null}", "homeScore is required")]
    [InlineData("{\"awayScore\":true,\"homeScore\":1}", "awayScore must be a whole number")]
    [InlineData("{\"awayScore\":1e400,\"homeScore\":1}", "awayScore must be a whole number")]
    [InlineData("{\"awayScore\":1000001,\"homeScore\":1}", "awayScore must be a whole number from 0 to 1000000")]
    [InlineData("[3,1]", "awayScore is required")]
    [InlineData("{\"awayScore\":3,", "Malformed JSON")]
    public async Task Bad_result_bodies_get_a_400_that_says_what_is_wrong(string body, string message)
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();

        OpenLineClient.Response response = await fixture.Admin.PostRawAsync($"/admin/games/{game.Id}/result", body);
        JsonNode view = (await fixture.Admin.GetAsync("/admin/games")).Data["games"]!.AsArray().Single(g => g!["id"].Str() == game.Id)!;

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, response.Error, StringComparison.Ordinal);
        Assert.False(view["ended"]!.GetValue<bool>()); // nothing happened
    }

    [Fact]
    public async Task A_whole_number_written_with_a_decimal_point_is_a_score()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();

        OpenLineClient.Response response = await fixture.Admin.PostRawAsync($"/admin/games/{game.Id}/result", "{\"awayScore\":2.0,\"homeScore\":0}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(2m, response.Data["game"]!["participants"]![0]!["score"].Num());
    }

    [Fact]
    public async Task Unknown_or_malformed_game_ids_get_404_and_only_the_operator_may_grade()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();

        OpenLineClient.Response unknown = await fixture.Admin.PostAsync("/admin/games/688c0516fbc14da0c202d426/result", new { awayScore = 1, homeScore = 0 });
        OpenLineClient.Response malformed = await fixture.Admin.PostAsync("/admin/games/not-an-id/result", new { awayScore = 1, homeScore = 0 });
        OpenLineClient.Response unknownVoid = await fixture.Admin.PostAsync("/admin/games/688c0516fbc14da0c202d426/void");
        OpenLineClient.Response malformedVoid = await fixture.Admin.PostAsync("/admin/games/zzz/void");
        OpenLineClient.Response asUser = await user.Client.PostAsync($"/admin/games/{game.Id}/result", new { awayScore = 1, homeScore = 0 });
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        OpenLineClient.Response noToken = await anonymous.PostAsync($"/admin/games/{game.Id}/void");

        Assert.All([unknown, malformed, unknownVoid, malformedVoid], r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.All([unknown, malformed, unknownVoid, malformedVoid], r => Assert.Equal("game not found", r.Error));
        Assert.Equal(HttpStatusCode.Forbidden, asUser.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
    }

    [Fact]
    public async Task The_ledger_totals_count_commission_and_entries_and_the_identity_holds()
    {
        JsonNode before = await fixture.LedgerAsync();
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync(); // two users: two deposit entries

        await fixture.GradeAsync(bet.Game.Id, 3, 1); // maker → taker 100, taker → house 1
        JsonNode after = await fixture.LedgerAsync();

        Assert.True(after["identityHolds"]!.GetValue<bool>());
        Assert.Equal(after["deposits"].Num() - after["withdrawals"].Num(), after["balances"].Num() + after["commission"].Num());
        Assert.Equal(before["deposits"].Num() + 20_000m, after["deposits"].Num());
        Assert.Equal(before["commission"].Num() + 1m, after["commission"].Num());
        Assert.Equal(before["entries"].Num() + 4, after["entries"].Num());
        Assert.True(after["commission"].Num() > 0);
    }

    [Fact]
    public async Task A_users_ledger_is_signed_from_its_side_and_its_running_balance_ends_at_displayBalance()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.Admin.PostAsync($"/admin/users/{bet.Taker.Id}/withdraw", new { amount = 25 });
        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        await fixture.GradeAsync(bet.Game.Id, 1, 3);

        JsonNode ledger = (await fixture.Admin.GetAsync($"/admin/users/{bet.Taker.Id}/ledger")).Data;
        JsonArray entries = ledger["entries"]!.AsArray();

        Assert.Equal((bet.Taker.Id, bet.Taker.Username), (ledger["userID"].Str(), ledger["username"].Str()));
        Assert.False(ledger["hasMore"]!.GetValue<bool>());
        // deposit, withdrawal, the win and its commission, their two reversals, the loss and its commission.
        Assert.Equal(["deposit", "withdrawal", "settlement", "commission", "reversal", "reversal", "settlement", "commission"],
            entries.Select(e => e!["kind"].Str()));
        Assert.Equal([10_000m, -25m, 100m, -1m, -100m, 1m, -185m, -1m], entries.Select(e => e!["amount"].Num()));
        Assert.Equal(["world", "world", bet.Maker.Id, "house", bet.Maker.Id, "house", bet.Maker.Id, "house"], entries.Select(e => e!["counterparty"].Str()));
        Assert.Equal(bet.Maker.Username, entries[2]!["counterpartyUsername"].Str());
        Assert.Null(entries[0]!["reference"]);
        Assert.All(entries.Skip(2), e => Assert.Equal(bet.TxId, e!["reference"].Str()));
        Assert.Equal(entries[2]!["sequence"].Num(), entries[4]!["reverses"]!.GetValue<long>());
        Assert.Equal([10_000m, 9_975m, 10_075m, 10_074m, 9_974m, 9_975m, 9_790m, 9_789m], entries.Select(e => e!["balance"].Num()));
        Assert.Equal(await bet.Taker.BalanceAsync(), entries[^1]!["balance"].Num());
        Assert.Equal(ledger["displayBalance"].Num(), entries[^1]!["balance"].Num());
    }

    [Fact]
    public async Task A_users_ledger_pages_keep_the_running_balance()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(bet.Game.Id, 1, 3); // the maker: deposit, then + 185

        JsonNode first = (await fixture.Admin.GetAsync($"/admin/users/{bet.Maker.Id}/ledger?limit=1")).Data;
        JsonNode second = (await fixture.Admin.GetAsync($"/admin/users/{bet.Maker.Id}/ledger?limit=1&after={first["next"]}")).Data;
        OpenLineClient.Response unknown = await fixture.Admin.GetAsync("/admin/users/688c0516fbc14da0c202d426/ledger");

        Assert.True(first["hasMore"]!.GetValue<bool>());
        Assert.Equal(10_000m, Assert.Single(first["entries"]!.AsArray())!["balance"].Num());
        Assert.False(second["hasMore"]!.GetValue<bool>());
        Assert.Equal((185m, 10_185m), (second["entries"]![0]!["amount"].Num(), second["entries"]![0]!["balance"].Num()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task A_users_ledger_page_starts_after_any_sequence_even_one_of_another_users_entries()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync(); // the maker's deposit, then the taker's
        await fixture.GradeAsync(bet.Game.Id, 3, 1); // maker → taker 100, taker → house 1
        async Task<JsonNode> PageAsync(ExchangeSetup.User user, string query) => (await fixture.Admin.GetAsync($"/admin/users/{user.Id}/ledger{query}")).Data;

        JsonArray makerAll = (await PageAsync(bet.Maker, ""))["entries"]!.AsArray();
        JsonArray takerAll = (await PageAsync(bet.Taker, ""))["entries"]!.AsArray();
        long makerDeposit = (long)makerAll[0]!["sequence"].Num();
        long takerDeposit = (long)takerAll[0]!["sequence"].Num();
        long commission = (long)takerAll[^1]!["sequence"].Num();
        JsonNode afterTakersDeposit = await PageAsync(bet.Maker, $"?after={takerDeposit}");
        JsonNode afterTheEnd = await PageAsync(bet.Maker, $"?after={commission}");
        var walked = new List<JsonNode>();
        string next = "0";
        for (bool more = true; more;)
        {
            JsonNode page = await PageAsync(bet.Taker, $"?limit=1&after={next}");
            walked.AddRange(page["entries"]!.AsArray().Select(e => e!.DeepClone()));
            (next, more) = (page["next"]!.ToJsonString(), page["hasMore"]!.GetValue<bool>());
        }

        Assert.True(makerDeposit < takerDeposit);
        JsonNode settlement = Assert.Single(afterTakersDeposit["entries"]!.AsArray())!;
        Assert.Equal(("settlement", -100m, 9_900m), (settlement["kind"].Str(), settlement["amount"].Num(), settlement["balance"].Num()));
        Assert.False(afterTakersDeposit["hasMore"]!.GetValue<bool>());
        Assert.Empty(afterTheEnd["entries"]!.AsArray());
        Assert.Equal((commission, false), ((long)afterTheEnd["next"].Num(), afterTheEnd["hasMore"]!.GetValue<bool>()));
        Assert.Equal(takerAll.Select(e => e!.ToJsonString()), walked.Select(e => e.ToJsonString()));
        Assert.Equal([10_000m, 10_100m, 10_099m], walked.Select(e => e["balance"].Num()));
    }

    [Fact]
    public async Task Ledger_entries_come_in_sequence_pages()
    {
        await fixture.CreateUserAsync(balance: 42);
        long count = (long)(await fixture.LedgerAsync())["entries"].Num();

        JsonNode first = (await fixture.Admin.GetAsync("/admin/ledger/entries?limit=2")).Data;
        JsonNode rest = (await fixture.Admin.GetAsync($"/admin/ledger/entries?after={first["next"]}&limit=10000")).Data;
        JsonNode all = (await fixture.Admin.GetAsync("/admin/ledger/entries")).Data;
        OpenLineClient.Response zero = await fixture.Admin.GetAsync("/admin/ledger/entries?limit=0");
        OpenLineClient.Response tooMany = await fixture.Admin.GetAsync("/admin/ledger/entries?limit=10001");
        OpenLineClient.Response negative = await fixture.Admin.GetAsync("/admin/ledger/entries?after=-1");

        Assert.Equal([1m, 2m], first["entries"]!.AsArray().Select(e => e!["sequence"].Num()));
        Assert.Equal(count > 2, first["hasMore"]!.GetValue<bool>());
        Assert.Equal(3m, rest["entries"]![0]!["sequence"].Num());
        Assert.Equal(count, (long)rest["entries"]!.AsArray()[^1]!["sequence"].Num());
        Assert.False(rest["hasMore"]!.GetValue<bool>());
        Assert.Equal(Math.Min(count, 1000), all["entries"]!.AsArray().Count);
        JsonNode deposit = all["entries"]![0]!;
        Assert.Equal(("deposit", "world"), (deposit["kind"].Str(), deposit["from"].Str()));
        Assert.All([zero, tooMany, negative], r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
    }

    [Fact]
    public async Task A_periods_ledger_entries_are_every_movement_made_in_it_and_reconcile_balances_across_it()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(bet.Game.Id, 3, 1); // before the period: the taker wins, 10,099
        long from = await fixture.EngineNowAsync() + 1;
        await Task.Delay(5, TestContext.Current.CancellationToken);
        await fixture.GradeAsync(bet.Game.Id, 1, 3); // in the period: the correction
        long to = await fixture.EngineNowAsync() + 1;
        await Task.Delay(5, TestContext.Current.CancellationToken);
        await fixture.Admin.PostAsync($"/admin/users/{bet.Taker.Id}/deposit", new { amount = 7 }); // after it
        string window = $"from={Iso(from)}&to={Iso(to)}";

        JsonNode page = (await fixture.Admin.GetAsync($"/admin/ledger/entries?{window}")).Data;
        JsonNode firstTwo = (await fixture.Admin.GetAsync($"/admin/ledger/entries?{window}&limit=2")).Data;
        JsonNode lastTwo = (await fixture.Admin.GetAsync($"/admin/ledger/entries?{window}&limit=2&after={firstTwo["next"]}")).Data;

        JsonArray entries = page["entries"]!.AsArray();
        Assert.Equal(["reversal", "reversal", "settlement", "commission"], entries.Select(e => e!["kind"].Str()));
        Assert.All(entries, e => Assert.Equal(bet.TxId, e!["reference"].Str()));
        decimal takerMoved = entries.Sum(e => (e!["to"].Str() == bet.Taker.Id ? 1 : e["from"].Str() == bet.Taker.Id ? -1 : 0) * e["amount"].Num());
        Assert.Equal(-285m, takerMoved); // −100 + 1 reversed, then −185 − 1: 10,099 → 9,814
        Assert.Equal(9_814m + 7m, await bet.Taker.BalanceAsync());
        Assert.False(page["hasMore"]!.GetValue<bool>());
        Assert.True(firstTwo["hasMore"]!.GetValue<bool>());
        Assert.Equal(entries.Skip(2).Select(e => e!["sequence"].Num()), lastTwo["entries"]!.AsArray().Select(e => e!["sequence"].Num()));
        Assert.False(lastTwo["hasMore"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("from=06/22/2022")]
    [InlineData("to=June%2022")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task A_ledger_period_that_is_not_two_ISO_8601_times_in_order_is_a_400(string query)
    {
        OpenLineClient.Response response = await fixture.Admin.GetAsync($"/admin/ledger/entries?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Matches("ISO 8601|earlier than", response.Raw);
    }

    private static string Iso(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
