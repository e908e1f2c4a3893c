using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// The README's settlement walkthrough, request for request: deposits, two bets, grading, a score
/// correction. The test checks the server's answers against the figures written here, and then reads
/// the README's "Settlement: a worked example" section and checks every figure it states against the
/// same answers: the balance table (balances, liabilities, house, and the figures in its "what
/// happened" column), the ledger identity, dave's two graded rows, the summary and dave's ledger.
/// If the server's answers change, the README must change with them, and the other way round.
/// </summary>
public sealed partial class ReadmeWorkedExampleTests
{
    /// <summary>What the server answered after one step of the walkthrough.</summary>
    private sealed record Step(decimal Carol, decimal CarolLiability, decimal Dave, decimal DaveLiability, decimal House);

    [Fact]
    public async Task The_readme_settlement_example_prints_what_the_server_answers_at_every_step()
    {
        await using TestServer server = await TestServer.StartAsync();
        var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
        var anonymous = new OpenLineClient(server.CreateHttpClient());
        var steps = new Dictionary<int, Step>();

        // 1. Deposits: carol opens with $1,000; dave with $500 and deposits $500 more.
        string carol = (await admin.PostAsync("/admin/users", new { username = "carol", password = "carol-password", balance = 1000 })).Data["user"]!["id"]!.GetValue<string>();
        string dave = (await admin.PostAsync("/admin/users", new { username = "dave", password = "dave-password", balance = 500 })).Data["user"]!["id"]!.GetValue<string>();
        Assert.Equal(1000m, (await admin.PostAsync($"/admin/users/{dave}/deposit", new { amount = 500 })).Data["user"]!["displayBalance"]!.GetValue<decimal>());
        OpenLineClient carolClient = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "carol", password = "carol-password" })).Data["user"]!["auth"]!.GetValue<string>());
        OpenLineClient daveClient = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "dave", password = "dave-password" })).Data["user"]!["auth"]!.GetValue<string>());
        async Task<(decimal Balance, decimal Liability)> MeAsync(OpenLineClient client)
        {
            JsonNode me = (await client.GetAsync("/user/getMe")).Data["user"]!;
            return (me["displayBalance"]!.GetValue<decimal>(), me["liability"]!.GetValue<decimal>());
        }
        async Task<Step> SnapshotAsync(int step)
        {
            (decimal carolBalance, decimal carolLiability) = await MeAsync(carolClient);
            (decimal daveBalance, decimal daveLiability) = await MeAsync(daveClient);
            decimal house = (await admin.GetAsync("/admin/ledger")).Data["commission"]!.GetValue<decimal>();
            return steps[step] = new Step(carolBalance, carolLiability, daveBalance, daveLiability, house);
        }
        async Task<JsonArray> LedgerOfAsync(string user) => (await admin.GetAsync($"/admin/users/{user}/ledger")).Data["entries"]!.AsArray();
        Assert.Equal(new Step(1000m, 0m, 1000m, 0m, 0m), await SnapshotAsync(1));
        int deposits = (await LedgerOfAsync(carol)).Concat(await LedgerOfAsync(dave)).Count(e => e!["kind"]!.GetValue<string>() == "deposit");
        Assert.Equal(3, deposits);

        // 2. A game.
        JsonNode game = (await admin.PostAsync("/admin/games", new
        {
            league = "NBA", sport = "basketball", start = "2030-01-02T01:00:00Z",
            participants = new[] { new { longName = "Boston Celtics", shortName = "BOS" }, new { longName = "Los Angeles Lakers", shortName = "LAL" } },
        })).Data["game"]!;
        string gameId = game["id"]!.GetValue<string>();
        string bos = game["participants"]![0]!["id"]!.GetValue<string>(), lal = game["participants"]![1]!["id"]!.GetValue<string>();

        // 3. Carol offers; dave takes both.
        await carolClient.PostAsync("/session/v3/place", new
        {
            orders = new object[]
            {
                new { gameID = gameId, type = "moneyline", side = lal, odds = 185, bet = 100, orderType = "post" },
                new { gameID = gameId, type = "total", side = "over", number = 224.5, odds = -110, bet = 110, orderType = "post" },
            },
        });
        JsonArray sessions = (await daveClient.PostAsync("/session/v3/place", new
        {
            orders = new object[]
            {
                new { gameID = gameId, type = "moneyline", side = bos, odds = -185, bet = 185 },
                new { gameID = gameId, type = "total", side = "under", number = 224.5, odds = 110, bet = 100 },
            },
        })).Data["createdSessions"]!.AsArray();
        JsonNode[] fills = [.. sessions.Select(s => s!["matched"]![0]!)];
        Assert.Equal([(185m, 186m, 99m), (100m, 101m, 108.9m)], fills.Select(m =>
            (m["amount"]!.GetValue<decimal>(), m["risk"]!.GetValue<decimal>(), m["win"]!.GetValue<decimal>())));
        Assert.Equal(new Step(1000m, -210m, 1000m, -287m, 0m), await SnapshotAsync(3));

        // 4. Celtics 112, Lakers 110.
        JsonNode graded = (await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 112, homeScore = 110 })).Data;
        Assert.Equal(2, graded["betsSettled"]!.GetValue<int>());
        Assert.Equal(new Step(790m, 0m, 1207.9m, 0m, 2.1m), await SnapshotAsync(4));
        JsonArray rows = (await daveClient.GetAsync("/user/v2/getGradedSince?since=2020-01-01T00:00:00Z")).Data["graded"]!.AsArray();
        Assert.Equal(
            [("moneyline", "winner", "186.00", "99.00", "1.00", "99.00"), ("total", "winner", "101.10", "108.90", "1.10", "108.90")],
            rows.Select(r => (r!["type"]!.GetValue<string>(), r["outcome"]!.GetValue<string>(), r["risk"]!.GetValue<string>(),
                r["win"]!.GetValue<string>(), r["fee"]!.GetValue<string>(), r["result"]!.GetValue<string>())));
        JsonNode summary = (await daveClient.GetAsync("/user/v2/getGraded?startDate=2030-01-01T00:00:00Z&endDate=2030-01-03T00:00:00Z")).Data["summary"]!;
        Assert.Equal((208m, 200m), (summary["pnl"]!.GetValue<decimal>(), summary["volume"]!.GetValue<decimal>()));
        JsonNode ledger = (await admin.GetAsync("/admin/ledger")).Data;
        Assert.Equal((2000m, 1997.9m, 2.1m, true), (ledger["deposits"]!.GetValue<decimal>(), ledger["balances"]!.GetValue<decimal>(),
            ledger["commission"]!.GetValue<decimal>(), ledger["identityHolds"]!.GetValue<bool>()));

        // 5. A score correction: Lakers 112, Celtics 110. Only the moneyline bet changes.
        Assert.Equal(1, (await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 110, homeScore = 112 })).Data["betsSettled"]!.GetValue<int>());
        Assert.Equal(new Step(1075m, 0m, 922.9m, 0m, 2.1m), await SnapshotAsync(5));
        JsonNode corrected = (await admin.GetAsync("/admin/ledger")).Data;
        Assert.Equal((1997.9m, 2.1m, 11, true), (corrected["balances"]!.GetValue<decimal>(), corrected["commission"]!.GetValue<decimal>(),
            corrected["entries"]!.GetValue<int>(), corrected["identityHolds"]!.GetValue<bool>()));
        JsonArray entries = await LedgerOfAsync(dave);
        Assert.Equal(
            ["deposit 500 500", "deposit 500 1000", "settlement 100 1100", "commission -1 1099", "settlement 110 1209", "commission -1.1 1207.9",
             "reversal -100 1107.9", "reversal 1 1108.9", "settlement -185 923.9", "commission -1 922.9"],
            entries.Select(e => $"{e!["kind"]} {e["amount"]} {e["balance"]}"));

        // The README states the same figures.
        string section = ReadmeSection();
        AssertTable(section, steps, fills, rows, entries, deposits, ledger["deposits"]!.GetValue<decimal>());
        AssertIdentity(section, ledger["deposits"]!.GetValue<decimal>(), steps[4], steps[5], ledger["identityHolds"]!.GetValue<bool>());
        AssertGradedRows(section, rows);
        AssertSummary(section, summary);
        AssertLedger(section, entries, steps[5].Dave);
    }

    // ---- The README section ----------------------------------------------------------------

    private const string Heading = "## Settlement: a worked example";

    /// <summary>The section from its heading to the next second-level heading, with \n line endings.</summary>
    private static string ReadmeSection()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("\n" + Heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no \"{Heading}\" section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    // A dollar figure as the README writes it: thousands separators, an optional sign (− or +), decimals.
    private const string Figure = @"[−+-]?\d+(?:,\d{3})*(?:\.\d+)?";

    private static decimal Dollars(string text) =>
        decimal.Parse(text.Replace('−', '-').Replace(",", "", StringComparison.Ordinal),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>The one match of <paramref name="pattern"/> in <paramref name="text"/>: any run of spaces or a line break where the pattern has a space, and <c>.</c> matches line breaks.</summary>
    private static Match Single(string text, string pattern, string what)
    {
        MatchCollection matches = Regex.Matches(text, pattern.Replace(" ", @"\s+", StringComparison.Ordinal), RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(matches.Count == 1, $"README: expected one {what}, found {matches.Count} (pattern {pattern})");
        return matches[0];
    }

    private static decimal TwoDecimals(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>
    /// The table | step | carol | dave | house | what happened |: each row's balances (and the liabilities it states) are the
    /// server's after that step, and the figures in "what happened" are the fills, graded rows and ledger entries it describes.
    /// </summary>
    private static void AssertTable(string section, Dictionary<int, Step> steps, JsonNode[] fills, JsonArray rows, JsonArray entries,
        int depositEntries, decimal deposits)
    {
        string[] lines = section.Split('\n');
        int header = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\|\s*step\s*\|\s*carol\s*\|\s*dave\s*\|\s*house\s*\|\s*what happened\s*\|\s*$"));
        Assert.True(header >= 0, "README: no | step | carol | dave | house | what happened | table");
        Assert.Matches(@"^\|(\s*-+\s*\|){5}\s*$", lines[header + 1]);
        var cells = new Dictionary<int, string[]>();
        foreach (string line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            string[] row = [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
            Assert.True(row.Length == 5, $"README: table row without five cells: {line}");
            int step = int.Parse(Regex.Match(row[0], @"^(\d+)\. ").Groups[1].Value, CultureInfo.InvariantCulture);
            cells.Add(step, row);
        }
        Assert.Equal(steps.Keys.Order(), cells.Keys.Order());

        foreach ((int step, string[] row) in cells)
        {
            Step server = steps[step];
            (decimal carol, decimal? carolLiability) = BalanceCell(row[1]);
            (decimal dave, decimal? daveLiability) = BalanceCell(row[2]);
            Assert.True((carol, dave, Dollars(row[3])) == (server.Carol, server.Dave, server.House),
                $"README step {step}: carol {row[1]}, dave {row[2]}, house {row[3]}; the server: {server}");
            Assert.True(carolLiability is null || carolLiability == server.CarolLiability, $"README step {step}: carol {row[1]}; the server: {server}");
            Assert.True(daveLiability is null || daveLiability == server.DaveLiability, $"README step {step}: dave {row[2]}; the server: {server}");
        }
        Assert.Equal((-210m, -287m), (BalanceCell(cells[3][1]).Liability, BalanceCell(cells[3][2]).Liability)); // the liabilities are the point of step 3

        // 1: "ledger: 3 deposit entries, Σ deposits 2,000".
        Match opened = Single(cells[1][4], $@"(?<n>\d+) deposit entries, Σ deposits (?<sum>{Figure})", "count of deposit entries");
        Assert.Equal((depositEntries, deposits), (int.Parse(opened.Groups["n"].Value, CultureInfo.InvariantCulture), Dollars(opened.Groups["sum"].Value)));

        // 3: each fill's "A = … at … against G = … (risks …, wins …)", in the order dave placed them.
        MatchCollection described = Regex.Matches(cells[3][4],
            $@"A = (?<a>{Figure}) at (?<odds>[−+-]?\d+) against (?:carol's )?G = (?<g>{Figure}) \((?:dave )?risks (?<risk>{Figure}), wins (?<win>{Figure})");
        Assert.Equal(
            fills.Select(f => (f["amount"]!.GetValue<decimal>(), f["odds"]!.GetValue<int>(), f["winWithoutCommission"]!.GetValue<decimal>(),
                f["risk"]!.GetValue<decimal>(), f["win"]!.GetValue<decimal>())),
            described.Select(m => (Dollars(m.Groups["a"].Value), int.Parse(m.Groups["odds"].Value.Replace('−', '-'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                Dollars(m.Groups["g"].Value), Dollars(m.Groups["risk"].Value), Dollars(m.Groups["win"].Value))));

        // 4: "dave wins both: +G − fee and +G − fee …; carol pays G + G": the graded rows' gross wins (win + fee) and fees.
        MatchCollection wins = Regex.Matches(cells[4][4], $@"\+(?<g>{Figure}) − (?<fee>{Figure})");
        Assert.Equal(rows.Select(r => (TwoDecimals(r!["win"]) + TwoDecimals(r["fee"]), TwoDecimals(r["fee"]))), wins.Select(m => (Dollars(m.Groups["g"].Value), Dollars(m.Groups["fee"].Value))));
        Match paid = Single(cells[4][4], $@"carol pays (?<x>{Figure}) \+ (?<y>{Figure})", "carol's payments");
        Assert.Equal(rows.Select(r => TwoDecimals(r!["win"]) + TwoDecimals(r["fee"])), new[] { Dollars(paid.Groups["x"].Value), Dollars(paid.Groups["y"].Value) });
        Assert.Equal(steps[3].Carol - steps[4].Carol, Dollars(paid.Groups["x"].Value) + Dollars(paid.Groups["y"].Value));

        // 5: "(2 reversal entries)" and "dave −A − fee": the correction's entries in dave's ledger.
        Match reversals = Single(cells[5][4], @"\((?<n>\d+) reversal entries\)", "count of reversal entries");
        Assert.Equal(entries.Count(e => e!["kind"]!.GetValue<string>() == "reversal"), int.Parse(reversals.Groups["n"].Value, CultureInfo.InvariantCulture));
        Match lost = Single(cells[5][4], $@"dave (?<stake>{Figure}) − (?<fee>{Figure})", "dave's loss");
        Assert.Equal(
            entries.Skip(entries.Count - 2).Select(e => e!["amount"]!.GetValue<decimal>()),
            new[] { Dollars(lost.Groups["stake"].Value), -Dollars(lost.Groups["fee"].Value) });
    }

    /// <summary>"1,000.00" or "1,000.00 (liability −210)".</summary>
    private static (decimal Balance, decimal? Liability) BalanceCell(string cell)
    {
        Match m = Regex.Match(cell, $@"^(?<balance>{Figure})(?: \(liability (?<liability>{Figure})\))?$");
        Assert.True(m.Success, $"README: a balance cell that is neither \"1,000.00\" nor \"1,000.00 (liability −210)\": {cell}");
        return (Dollars(m.Groups["balance"].Value), m.Groups["liability"].Success ? Dollars(m.Groups["liability"].Value) : null);
    }

    /// <summary>"deposits − withdrawals = Σ balances + house: 2,000 = 790 + 1,207.90 + 2.10 = 1,075 + 922.90 + 2.10" and <c>"identityHolds": true</c>.</summary>
    private static void AssertIdentity(string section, decimal deposits, Step graded, Step corrected, bool holds)
    {
        Match m = Single(section, $@"(?<d>{Figure}) = (?<c4>{Figure}) \+ (?<d4>{Figure}) \+ (?<h4>{Figure}) = (?<c5>{Figure}) \+ (?<d5>{Figure}) \+ (?<h5>{Figure})",
            "ledger identity");
        decimal Group(string name) => Dollars(m.Groups[name].Value);
        Assert.Equal((deposits, graded.Carol, graded.Dave, graded.House, corrected.Carol, corrected.Dave, corrected.House),
            (Group("d"), Group("c4"), Group("d4"), Group("h4"), Group("c5"), Group("d5"), Group("h5")));
        Assert.Equal(holds, bool.Parse(Single(section, @"""identityHolds"": (?<holds>true|false)", "identityHolds").Groups["holds"].Value));
    }

    /// <summary>The ```json block: one graded row per line, each field equal to the server's row at the same position.</summary>
    private static void AssertGradedRows(string section, JsonArray rows)
    {
        Match block = Single(section, "```json\n(?<rows>.*?)```", "json block");
        string[] lines = block.Groups["rows"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(rows.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            JsonObject stated = JsonNode.Parse(lines[i])!.AsObject();
            Assert.NotEmpty(stated);
            foreach ((string field, JsonNode? value) in stated)
            {
                Assert.True(JsonNode.DeepEquals(value, rows[i]![field]),
                    $"README graded row {i + 1}: \"{field}\": {value?.ToJsonString()}; the server: {rows[i]![field]?.ToJsonString() ?? "(none)"}");
            }
        }
    }

    /// <summary>"`getGraded`'s summary `{"pnl":208,"volume":200}`": each field equal to the server's.</summary>
    private static void AssertSummary(string section, JsonNode summary)
    {
        JsonObject stated = JsonNode.Parse(Single(section, @"summary `(?<json>\{[^`]*\})`", "getGraded summary").Groups["json"].Value)!.AsObject();
        Assert.Equal(["pnl", "volume"], stated.Select(p => p.Key).Order());
        foreach ((string field, JsonNode? value) in stated)
        {
            Assert.True(JsonNode.DeepEquals(value, summary[field]), $"README summary \"{field}\": {value?.ToJsonString()}; the server: {summary[field]?.ToJsonString()}");
        }
    }

    /// <summary>"his ledger reads: deposit 500, …, commission −1 — running balance 922.90": dave's entries, kind and signed amount, in order.</summary>
    private static void AssertLedger(string section, JsonArray entries, decimal balance)
    {
        Match m = Single(section, $@"his ledger reads: (?<entries>[^—]+?) — running balance (?<balance>{Figure})", "ledger of dave");
        string[] stated = [.. Regex.Split(m.Groups["entries"].Value.Trim(), @",\s+")];
        Assert.Equal(
            entries.Select(e => (e!["kind"]!.GetValue<string>(), e["amount"]!.GetValue<decimal>())),
            stated.Select(s =>
            {
                Match entry = Regex.Match(s, $@"^(?<kind>[a-z]+) (?<amount>{Figure})$");
                Assert.True(entry.Success, $"README: a ledger entry that is not \"kind amount\": {s}");
                return (entry.Groups["kind"].Value, Dollars(entry.Groups["amount"].Value));
            }));
        Assert.Equal(entries[^1]!["balance"]!.GetValue<decimal>(), Dollars(m.Groups["balance"].Value)); // his running balance
        Assert.Equal(balance, Dollars(m.Groups["balance"].Value)); // and his displayBalance
    }
}
