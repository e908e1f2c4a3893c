using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>The operator's settlement export <c>GET /admin/export</c>: CSV (RFC 4180) and NDJSON, windows, paging.</summary>
public sealed class ExportEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Columns =
    [
        "txID", "gameID", "league", "eventName", "gameStart", "settledAt", "score", "type", "line", "market",
        "takerID", "takerUsername", "takerSide", "takerOdds", "takerStake",
        "makerID", "makerUsername", "makerSide", "makerOdds", "makerStake",
        "takerOutcome", "takerResult", "makerResult", "fee", "adminRefund", "isPostArb",
    ];

    private async Task<(HttpResponseMessage Response, string Body)> ExportAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/export" + query);
        request.Headers.TryAddWithoutValidation("Authorization", TestServer.AdminToken);
        HttpResponseMessage response = await fixture.Admin.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The records of a CSV text (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks), each as a field list.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else if (c is '\r' or '\n')
            {
                Assert.Fail($"bare {(c == '\n' ? "LF" : "CR")} at {i}: records end with CRLF and line breaks in a field are quoted");
            }
            else
            {
                field.Append(c);
            }
        }
        Assert.True(field.Length == 0 && record.Count == 0, "the last record ends with CRLF");
        return records;
    }

    private static Dictionary<string, string> Row(List<List<string>> records, string txId)
    {
        List<string> header = records[0];
        List<string> row = Assert.Single(records.Skip(1), r => r[0] == txId);
        Assert.Equal(header.Count, row.Count);
        return header.Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    [Fact]
    public async Task The_csv_export_has_a_header_and_one_row_per_bet_with_both_sides_in_exact_dollars()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(bet.Game.Id, 3, 1);

        (HttpResponseMessage response, string body) = await ExportAsync("");
        List<List<string>> records = ParseCsv(body);
        Dictionary<string, string> row = Row(records, bet.TxId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("openline-settlements.csv", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal(Columns, records[0]);
        Assert.Equal((bet.Game.Id, "NBA", "Away Team vs Home Team", "3-1", "moneyline", "", ""),
            (row["gameID"], row["league"], row["eventName"], row["score"], row["type"], row["line"], row["market"]));
        Assert.Equal(bet.Game.Json["start"]!.GetValue<string>(), row["gameStart"]);
        Assert.Equal((bet.Taker.Id, bet.Taker.Username, bet.Game.AwayId, "-185", "185.000000"),
            (row["takerID"], row["takerUsername"], row["takerSide"], row["takerOdds"], row["takerStake"]));
        Assert.Equal((bet.Maker.Id, bet.Maker.Username, bet.Game.HomeId, "185", "100.000000"),
            (row["makerID"], row["makerUsername"], row["makerSide"], row["makerOdds"], row["makerStake"]));
        Assert.Equal(("winner", "99.000000", "-100.000000", "1.000000", "false", "false"),
            (row["takerOutcome"], row["takerResult"], row["makerResult"], row["fee"], row["adminRefund"], row["isPostArb"]));
        JsonNode settlement = (await fixture.Admin.GetAsync($"/admin/bets/{bet.TxId}")).Data["settlement"]!;
        Assert.Equal(settlement["settledAt"]!.GetValue<string>(), row["settledAt"]);
    }

    [Fact]
    public async Task Csv_fields_with_commas_quotes_and_line_breaks_are_quoted_per_rfc_4180()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(away: "Smith, \"The Rock\"", home: "Line\nBreak");
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync(game);
        await fixture.GradeAsync(game.Id, 0, 0);

        (_, string body) = await ExportAsync("?format=csv");
        Dictionary<string, string> row = Row(ParseCsv(body), bet.TxId);

        Assert.Contains("\"Smith, \"\"The Rock\"\" vs Line\nBreak\"", body, StringComparison.Ordinal);
        Assert.Equal("Smith, \"The Rock\" vs Line\nBreak", row["eventName"]);
        Assert.Equal(("0-0", "refunded", "0.000000", "0.000000", "0.000000"), (row["score"], row["takerOutcome"], row["takerResult"], row["makerResult"], row["fee"]));
    }

    [Fact]
    public async Task Csv_text_fields_that_a_spreadsheet_would_run_as_formulas_get_a_leading_apostrophe_and_money_keeps_its_minus()
    {
        // OWASP CSV injection: a cell starting with = + - @ (or tab, CR) is a formula to a spreadsheet.
        string marker = Guid.NewGuid().ToString("n")[..8];
        ExchangeSetup.User taker = await fixture.CreateUserAsync(username: $"=HYPERLINK(\"http://x/{marker}\")");
        ExchangeSetup.User maker = await fixture.CreateUserAsync(username: $"-{marker}");
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync(league: "+NBA", away: "@SUM(1+1)");
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync(game, maker, taker);
        await fixture.GradeAsync(game.Id, 3, 1); // the taker wins: the maker's result is −100

        (_, string csv) = await ExportAsync("?format=csv");
        (_, string ndjson) = await ExportAsync("?format=ndjson");
        Dictionary<string, string> row = Row(ParseCsv(csv), bet.TxId);
        JsonObject json = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).Single(o => o["txID"].Str() == bet.TxId);

        Assert.Equal(($"'=HYPERLINK(\"http://x/{marker}\")", $"'-{marker}"), (row["takerUsername"], row["makerUsername"]));
        Assert.Equal(("'+NBA", "'@SUM(1+1) vs Home Team"), (row["league"], row["eventName"]));
        Assert.Contains($"\"'=HYPERLINK(\"\"http://x/{marker}\"\")\"", csv, StringComparison.Ordinal); // guarded, then quoted (RFC 4180)
        Assert.Equal(("99.000000", "-100.000000", "1.000000"), (row["takerResult"], row["makerResult"], row["fee"]));
        // NDJSON is data, never evaluated: the same fields as stored.
        Assert.Equal((taker.Username, maker.Username, "+NBA", "@SUM(1+1) vs Home Team", "-100.000000"),
            (json["takerUsername"].Str(), json["makerUsername"].Str(), json["league"].Str(), json["eventName"].Str(), json["makerResult"].Str()));
    }

    [Fact]
    public async Task The_ndjson_export_has_the_same_fields_one_json_object_a_line()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(bet.Game.Id, 1, 3);

        (HttpResponseMessage response, string body) = await ExportAsync("?format=ndjson");
        string[] lines = body.Split('\n');
        JsonObject row = lines.Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).Single(o => o["txID"].Str() == bet.TxId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("openline-settlements.ndjson", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal("", lines[^1]); // every line ends with LF
        Assert.Equal(Columns, row.Select(p => p.Key));
        Assert.Equal(("loser", "-186.000000", "185.000000", "1.000000"), (row["takerOutcome"].Str(), row["takerResult"].Str(), row["makerResult"].Str(), row["fee"].Str()));
        Assert.Equal((-185, 185, "1-3"), (row["takerOdds"]!.GetValue<int>(), row["makerOdds"]!.GetValue<int>(), row["score"].Str()));
        Assert.Null(row["line"]);
        Assert.False(row["adminRefund"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_regraded_or_voided_bet_appears_once_with_its_current_settlement()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        await fixture.GradeAsync(bet.Game.Id, 1, 3);
        await fixture.VoidAsync(bet.Game.Id);

        (_, string body) = await ExportAsync("");
        Dictionary<string, string> row = Row(ParseCsv(body), bet.TxId); // Single: the two earlier settlements are not exported

        Assert.Equal(("void", "refunded", "true", "0.000000"), (row["score"], row["takerOutcome"], row["adminRefund"], row["fee"]));
    }

    [Fact]
    public async Task From_is_inclusive_and_to_exclusive_on_the_settlement_time()
    {
        GradingSetup.Scenario first = await fixture.MatchScenarioAsync();
        GradingSetup.Scenario second = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(first.Game.Id, 3, 1);
        await Task.Delay(20, TestContext.Current.CancellationToken); // a later millisecond
        await fixture.GradeAsync(second.Game.Id, 3, 1);
        string settled = (await fixture.Admin.GetAsync($"/admin/bets/{second.TxId}")).Data["settlement"]!["settledAt"].Str();
        string before = DateTimeOffset.Parse(settled, CultureInfo.InvariantCulture).AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture);

        List<string> upTo = ParseCsv((await ExportAsync($"?from={Uri.EscapeDataString(before)}&to={Uri.EscapeDataString(settled)}")).Body).Skip(1).Select(r => r[0]).ToList();
        List<string> from = ParseCsv((await ExportAsync($"?from={Uri.EscapeDataString(settled)}")).Body).Skip(1).Select(r => r[0]).ToList();

        Assert.Contains(first.TxId, upTo);
        Assert.DoesNotContain(second.TxId, upTo);
        Assert.Contains(second.TxId, from);
        Assert.DoesNotContain(first.TxId, from);
    }

    [Fact]
    public async Task From_between_a_settlement_and_its_regrade_exports_the_bet_once_in_its_current_state()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        string graded = (await fixture.Admin.GetAsync($"/admin/bets/{bet.TxId}")).Data["settlement"]!["settledAt"].Str();
        await Task.Delay(20, TestContext.Current.CancellationToken); // the regrade in a later millisecond
        await fixture.GradeAsync(bet.Game.Id, 1, 3);
        string regraded = (await fixture.Admin.GetAsync($"/admin/bets/{bet.TxId}")).Data["settlement"]!["settledAt"].Str();
        string afterRegrade = DateTimeOffset.Parse(regraded, CultureInfo.InvariantCulture).AddMilliseconds(1).ToString("O", CultureInfo.InvariantCulture);

        Dictionary<string, string> fromGrading = Row(ParseCsv((await ExportAsync($"?from={Uri.EscapeDataString(graded)}")).Body), bet.TxId);
        Dictionary<string, string> fromRegrade = Row(ParseCsv((await ExportAsync($"?from={Uri.EscapeDataString(regraded)}")).Body), bet.TxId);
        List<string> later = ParseCsv((await ExportAsync($"?from={Uri.EscapeDataString(afterRegrade)}")).Body).Skip(1).Select(r => r[0]).ToList();

        Assert.NotEqual(graded, regraded);
        Assert.Equal(("1-3", "loser", regraded), (fromGrading["score"], fromGrading["takerOutcome"], fromGrading["settledAt"]));
        Assert.Equal(fromGrading, fromRegrade);
        Assert.DoesNotContain(bet.TxId, later);
    }

    [Fact]
    public async Task An_export_larger_than_a_page_streams_every_row_once()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync(balance: 10_000);
        ExchangeSetup.User taker = await fixture.CreateUserAsync(balance: 10_000);
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 100, 5_000, "post"));
        const int Bets = 1_050; // more than one page of 1,000 rows
        for (int placed = 0; placed < Bets; placed += 150)
        {
            object[] orders = [.. Enumerable.Range(0, Math.Min(150, Bets - placed)).Select(_ => ExchangeSetup.Moneyline(game, game.HomeId, 100, 1, "fillAndKill"))];
            await taker.PlaceAsync(orders);
        }
        JsonNode graded = await fixture.GradeAsync(game.Id, 0, 1);

        (_, string body) = await ExportAsync("?format=ndjson");
        List<JsonNode> rows = [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Where(r => r["gameID"].Str() == game.Id)];

        Assert.Equal(Bets, graded["betsSettled"]!.GetValue<int>());
        Assert.Equal(Bets, rows.Count);
        Assert.Equal(Bets, rows.Select(r => r["txID"].Str()).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(("winner", "0.990000"), (r["takerOutcome"].Str(), r["takerResult"].Str())));
    }

    [Theory]
    [InlineData("?format=xml", "format must be csv or ndjson")]
    [InlineData("?from=yesterday", "from must be an ISO 8601")]
    [InlineData("?to=2026-13-45T00:00:00Z", "to must be an ISO 8601")]
    [InlineData("?from=06/22/2022", "from must be an ISO 8601")] // read by a lenient parser, but not ISO 8601
    [InlineData("?from=June%2022", "from must be an ISO 8601")]
    [InlineData("?to=22.06.2022%2010:00", "to must be an ISO 8601")]
    [InlineData("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from must be earlier than to")]
    public async Task Bad_arguments_get_a_400_before_anything_streams(string query, string message)
    {
        (HttpResponseMessage response, string body) = await ExportAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, JsonNode.Parse(body)!["error"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_operator_may_export()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response asUser = await user.Client.GetAsync("/admin/export");

        Assert.Equal(HttpStatusCode.Forbidden, asUser.Status);
    }
}
